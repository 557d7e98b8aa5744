import { LIMITS } from '@rapport/shared';
import { Form, Input, Segmented } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../common/i18n';
import { MIN_LENGTH, PATTERNS, serverFieldErrors } from '../common/mobile/forms';
import { useSignIn } from '../common/session';
import { AuthFormError, AuthFormFooter, AuthLayout } from './AuthLayout';
import type { SignUpInput } from './hooks';
import { PasswordInput } from './PasswordInput';

type Method = 'phone' | 'account';

interface Values {
  phone?: string;
  account?: string;
  nickname: string;
  password: string;
}

/**
 * Sign up with a phone number or an account name, a nickname and a password. The rules are the
 * server's own (shared schema patterns and lengths); what the server still rejects is shown on
 * the field it belongs to.
 */
export function SignUpPage() {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [method, setMethod] = useState<Method>('phone');
  const [formError, setFormError] = useState<string | null>(null);
  const signUp = useSignIn<SignUpInput>('consumer', '/consumers');

  const submit = async (values: Values) => {
    setFormError(null);
    const id = (values[method] ?? '').trim();
    try {
      // Success stores the session; the router then moves on to Chats.
      await signUp.mutateAsync({ [method]: id, nickname: values.nickname.trim(), password: values.password });
    } catch (error) {
      const fields = serverFieldErrors(error, [method, 'nickname', 'password'], { ACCOUNT_TAKEN: method });
      if (fields.length === 0) {
        setFormError(errorMessage(error));
        return;
      }
      form.setFields(
        fields.map((f) => ({ name: f.path, errors: [f.byCode ? errorMessage(error) : t(`signUp.invalid.${String(f.path[0])}`)] })),
      );
    }
  };

  return (
    <AuthLayout title={t('signUp.title')} subtitle={t('signUp.subtitle')}>
      <div style={{ padding: '0 24px 8px' }}>
        <Segmented
          block
          value={method}
          onChange={(value) => {
            setMethod(value as Method);
            setFormError(null);
          }}
          options={[
            { value: 'phone', label: t('signUp.byPhone') },
            { value: 'account', label: t('signUp.byAccount') },
          ]}
          data-testid="signup-method"
        />
      </div>
      <AuthFormError message={formError} testId="signup-error" />
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={submit}
        onValuesChange={() => setFormError(null)}
        footer={
          <AuthFormFooter
            submitLabel={tc('signUp')}
            loading={signUp.isPending}
            testId="signup-submit"
            prompt={t('signUp.haveAccount')}
            linkTo="/app/signin"
            linkLabel={tc('signIn')}
          />
        }
      >
        {method === 'phone' ? (
          <Form.Item
            key="phone"
            validateFirst
            name="phone"
            label={t('signUp.phone')}
            data-testid="signup-phone"
            rules={[
              { required: true, whitespace: true, message: t('signUp.required.phone') },
              { pattern: PATTERNS.phone, message: t('signUp.invalid.phone') },
              { min: MIN_LENGTH.phone, message: t('signUp.invalid.phone') },
            ]}
          >
            <Input
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={LIMITS.phone}
              clearable
              placeholder={t('signUp.phonePlaceholder')}
            />
          </Form.Item>
        ) : (
          <Form.Item
            key="account"
            validateFirst
            name="account"
            label={t('signUp.account')}
            description={t('signUp.accountRule', { min: MIN_LENGTH.account })}
            data-testid="signup-account"
            rules={[
              { required: true, whitespace: true, message: t('signUp.required.account') },
              { min: MIN_LENGTH.account, message: t('signUp.accountRule', { min: MIN_LENGTH.account }) },
              { pattern: PATTERNS.account, message: t('signUp.accountRule', { min: MIN_LENGTH.account }) },
            ]}
          >
            <Input
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              maxLength={LIMITS.account}
              clearable
              placeholder={t('signUp.accountPlaceholder')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="nickname"
          label={t('signUp.nickname')}
          data-testid="signup-nickname"
          rules={[
            { required: true, whitespace: true, message: t('signUp.required.nickname') },
            { max: LIMITS.nickname, message: t('form.tooLong', { max: LIMITS.nickname }) },
          ]}
        >
          <Input autoComplete="nickname" maxLength={LIMITS.nickname} clearable placeholder={t('signUp.nicknamePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="password"
          label={tc('password')}
          description={t('form.passwordRule', { min: LIMITS.passwordMin })}
          data-testid="signup-password"
          rules={[
            { required: true, message: t('form.passwordRequired') },
            { min: LIMITS.passwordMin, message: t('form.passwordTooShort', { min: LIMITS.passwordMin }) },
          ]}
        >
          <PasswordInput autoComplete="new-password" />
        </Form.Item>
      </Form>
      <p style={{ padding: '0 24px 24px', margin: 0, fontSize: 12, lineHeight: 1.6, color: '#8c8c8c' }}>{t('signUp.privacy')}</p>
    </AuthLayout>
  );
}
