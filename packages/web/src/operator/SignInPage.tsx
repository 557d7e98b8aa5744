import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LIMITS } from '@rapport/shared';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { AuthCard } from '../common/antd/AuthCard';
import { useReturnPath } from '../common/antd/SignedIn';
import { useErrorMessage } from '../common/i18n';
import { useSession, useSignIn } from '../common/session';

interface Values {
  login: string;
  password: string;
}

export function OperatorSignInPage() {
  const { t } = useTranslation('operator');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const session = useSession('operator');
  const signIn = useSignIn<Values>('operator', '/sessions/operator');
  const [error, setError] = useState<unknown>();
  const from = useReturnPath('/operator');

  if (session.data?.operator) return <Navigate to={from} replace />;

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      await signIn.mutateAsync({ login: values.login.trim(), password: values.password });
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <AuthCard surface={t('surface')} title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> name="signin" layout="vertical" size="large" requiredMark={false} onFinish={submit}>
        <Form.Item name="login" label={t('fields.account')} rules={[{ required: true, whitespace: true, message: t('ui:required') }]}>
          <Input prefix={<UserOutlined />} maxLength={LIMITS.email} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('common:password')} rules={[{ required: true, message: t('ui:required') }]}>
          <Input.Password prefix={<LockOutlined />} maxLength={LIMITS.passwordMax} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending} style={{ marginTop: 8 }}>
          {t('common:signIn')}
        </Button>
      </Form>
    </AuthCard>
  );
}
