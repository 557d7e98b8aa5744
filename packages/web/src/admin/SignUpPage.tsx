import { LIMITS } from '@rapport/shared';
import { Alert, App, Button, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AuthCard } from '../common/antd/AuthCard';
import { ConfirmPasswordItem } from '../common/antd/ConfirmPasswordItem';
import { applyServerErrors } from '../common/antd/forms';
import { makeRules, optional } from '../common/antd/rules';
import { useErrorMessage } from '../common/i18n';
import { useSignIn } from '../common/session';

interface Values {
  enterpriseName: string;
  shortName: string;
  code: string;
  adminName: string;
  account: string;
  password: string;
  confirmPassword: string;
  phone?: string;
  email?: string;
}

type Body = Omit<Values, 'confirmPassword'>;

export function SignUpPage() {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const signUp = useSignIn<Body>('member', '/enterprises');
  const [error, setError] = useState<unknown>();
  const rules = makeRules(t);

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      await signUp.mutateAsync({
        enterpriseName: values.enterpriseName.trim(),
        shortName: values.shortName.trim(),
        code: values.code.trim(),
        adminName: values.adminName.trim(),
        account: values.account.trim(),
        password: values.password,
        phone: optional(values.phone),
        email: optional(values.email),
      });
      localStorage.setItem('rapport.admin.enterprise', values.code.trim());
      message.success(t('signUp.done'));
      navigate('/admin/org', { replace: true });
    } catch (e) {
      const shown = applyServerErrors(form, e, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { ENTERPRISE_CODE_TAKEN: 'code', ACCOUNT_TAKEN: 'account' },
      });
      if (!shown) setError(e);
    }
  };

  return (
    <AuthCard surface={t('surface')} title={t('signUp.title')} subtitle={t('signUp.subtitle')} width={600}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> name="signup" form={form} layout="vertical" onFinish={submit} scrollToFirstError data-testid="signup-form">
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          <Typography.Text strong>{t('signUp.enterpriseSection')}</Typography.Text>
        </Divider>
        <Form.Item
          name="enterpriseName"
          label={t('signUp.enterpriseName')}
          rules={[rules.requiredText(), rules.min(2), rules.max(LIMITS.enterpriseName)]}
        >
          <Input placeholder={t('signUp.enterpriseNamePlaceholder')} maxLength={LIMITS.enterpriseName} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="shortName"
              label={t('signUp.shortName')}
              tooltip={t('signUp.shortNameHelp')}
              rules={[rules.requiredText(), rules.max(LIMITS.shortName)]}
            >
              <Input placeholder={t('signUp.shortNamePlaceholder')} maxLength={LIMITS.shortName} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('signUp.code')}
              tooltip={t('signUp.codeHelp')}
              normalize={(value: string) => value.toLowerCase()}
              rules={[rules.required(), rules.min(2), rules.max(LIMITS.enterpriseCode), rules.enterpriseCode()]}
            >
              <Input placeholder="acme-retail" maxLength={LIMITS.enterpriseCode} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          <Typography.Text strong>{t('signUp.adminSection')}</Typography.Text>
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="adminName" label={t('signUp.adminName')} rules={[rules.requiredText(), rules.max(LIMITS.name)]}>
              <Input maxLength={LIMITS.name} autoComplete="name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="account"
              label={t('signUp.account')}
              rules={[rules.required(), rules.min(2), rules.max(LIMITS.account), rules.account()]}
            >
              <Input maxLength={LIMITS.account} autoComplete="username" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="password" label={t('common:password')} rules={rules.password()}>
              <Input.Password maxLength={LIMITS.passwordMax} autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <ConfirmPasswordItem />
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="phone" label={t('fields.phone')} rules={[rules.phone(), rules.max(LIMITS.phone)]}>
              <Input maxLength={LIMITS.phone} autoComplete="tel" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('fields.email')} rules={[rules.email(), rules.max(LIMITS.email)]}>
              <Input maxLength={LIMITS.email} autoComplete="email" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" block loading={signUp.isPending}>
          {t('signUp.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, textAlign: 'center' }}>
        {t('signUp.haveAccount')} <Link to="/admin/signin">{t('signUp.toSignIn')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
