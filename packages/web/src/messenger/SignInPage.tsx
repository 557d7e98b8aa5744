import { LIMITS } from '@rapport/shared';
import { Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../common/i18n';
import { useSignIn } from '../common/session';
import { AuthFormError, AuthFormFooter, AuthLayout } from './AuthLayout';
import { PasswordInput } from './PasswordInput';

interface Values {
  login: string;
  password: string;
}

/** Sign in with an account name or phone number and the password. */
export function SignInPage() {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const signIn = useSignIn<Values>('consumer', '/sessions/consumer');

  const submit = async (values: Values) => {
    setFormError(null);
    try {
      await signIn.mutateAsync({ login: values.login.trim(), password: values.password });
    } catch (error) {
      setFormError(errorMessage(error));
      form.setFieldValue('password', '');
    }
  };

  return (
    <AuthLayout title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      <AuthFormError message={formError} testId="signin-error" />
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={submit}
        onValuesChange={() => setFormError(null)}
        footer={
          <AuthFormFooter
            submitLabel={tc('signIn')}
            loading={signIn.isPending}
            testId="signin-submit"
            prompt={t('signIn.noAccount')}
            linkTo="/app/signup"
            linkLabel={tc('signUp')}
          />
        }
      >
        <Form.Item
          name="login"
          label={t('signIn.login')}
          data-testid="signin-login"
          rules={[{ required: true, whitespace: true, message: t('signIn.loginRequired') }]}
        >
          <Input
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            maxLength={LIMITS.email}
            clearable
            placeholder={t('signIn.loginPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={tc('password')}
          data-testid="signin-password"
          rules={[{ required: true, message: t('form.passwordRequired') }]}
        >
          <PasswordInput autoComplete="current-password" />
        </Form.Item>
      </Form>
    </AuthLayout>
  );
}
