import { LIMITS } from '@rapport/shared';
import { Alert, App, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../common/antd/AuthCard';
import { ConfirmPasswordItem } from '../common/antd/ConfirmPasswordItem';
import { applyServerErrors } from '../common/antd/forms';
import { makeRules } from '../common/antd/rules';
import { ApiError } from '../common/api';
import { useErrorMessage } from '../common/i18n';
import { useSignIn } from '../common/session';

interface Values {
  account: string;
  password: string;
  confirmPassword: string;
}

/** First start: redeem the one-time link printed by the server and create the operator account. */
export function SetupPage() {
  const { t } = useTranslation('operator');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<Values>();
  const setup = useSignIn<{ token: string; account: string; password: string }>('operator', '/operators');
  const [error, setError] = useState<unknown>();
  const [linkDead, setLinkDead] = useState<ApiError>();
  const rules = makeRules(t);

  if (token.length < 10 || linkDead) {
    return (
      <AuthCard surface={t('surface')} title={t('setup.title')} width={520}>
        <Result
          status="warning"
          title={linkDead?.code === 'OPERATOR_EXISTS' ? errorMessage(linkDead) : t('setup.invalidTitle')}
          subTitle={t('setup.invalidHelp')}
          extra={
            <Link to="/operator/signin">
              <Button type="primary">{t('setup.toSignIn')}</Button>
            </Link>
          }
        />
      </AuthCard>
    );
  }

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      await setup.mutateAsync({ token, account: values.account.trim(), password: values.password });
      message.success(t('setup.done'));
      navigate('/operator/enterprises', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'SETUP_TOKEN_INVALID' || e.code === 'OPERATOR_EXISTS')) {
        setLinkDead(e);
        return;
      }
      const shown = applyServerErrors(form, e, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { ACCOUNT_TAKEN: 'account', WEAK_PASSWORD: 'password' },
      });
      if (!shown) setError(e);
    }
  };

  return (
    <AuthCard surface={t('surface')} title={t('setup.title')} subtitle={t('setup.subtitle')} width={440}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> name="setup" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="account"
          label={t('fields.account')}
          extra={t('setup.accountHelp')}
          rules={[rules.required(), rules.min(2), rules.max(LIMITS.account), rules.account()]}
        >
          <Input maxLength={LIMITS.account} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('common:password')} rules={rules.password()}>
          <Input.Password maxLength={LIMITS.passwordMax} autoComplete="new-password" />
        </Form.Item>
        <ConfirmPasswordItem />
        <Button type="primary" htmlType="submit" block size="large" loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
