import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { LIMITS } from '@rapport/shared';
import { Alert, Button, Checkbox, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { AuthCard } from '../common/antd/AuthCard';
import { useReturnPath } from '../common/antd/SignedIn';
import { useErrorMessage } from '../common/i18n';
import { useSession, useSignIn } from '../common/session';

const ENTERPRISE_KEY = 'rapport.admin.enterprise';

interface Values {
  enterprise: string;
  login: string;
  password: string;
  remember: boolean;
}

export function SignInPage() {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const session = useSession('member');
  const signIn = useSignIn<{ enterprise: string; login: string; password: string }>('member', '/sessions/member');
  const [error, setError] = useState<unknown>();
  const from = useReturnPath('/admin');

  if (session.data?.member) return <Navigate to={from} replace />;

  const submit = async (values: Values) => {
    setError(undefined);
    const enterprise = values.enterprise.trim().toLowerCase();
    try {
      await signIn.mutateAsync({ enterprise, login: values.login.trim(), password: values.password });
      if (values.remember) localStorage.setItem(ENTERPRISE_KEY, enterprise);
      else localStorage.removeItem(ENTERPRISE_KEY);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    }
  };

  const remembered = localStorage.getItem(ENTERPRISE_KEY) ?? '';
  return (
    <AuthCard surface={t('surface')} title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        name="signin"
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ enterprise: remembered, remember: true }}
        onFinish={submit}
      >
        <Form.Item
          name="enterprise"
          label={t('signIn.enterprise')}
          rules={[{ required: true, whitespace: true, message: t('ui:required') }]}
        >
          <Input
            prefix={<ShopOutlined />}
            placeholder={t('signIn.enterprisePlaceholder')}
            maxLength={LIMITS.enterpriseCode}
            autoComplete="organization"
          />
        </Form.Item>
        <Form.Item name="login" label={t('signIn.login')} rules={[{ required: true, whitespace: true, message: t('ui:required') }]}>
          <Input prefix={<UserOutlined />} placeholder={t('signIn.loginPlaceholder')} maxLength={LIMITS.email} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('common:password')} rules={[{ required: true, message: t('ui:required') }]}>
          <Input.Password prefix={<LockOutlined />} maxLength={LIMITS.passwordMax} autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="remember" valuePropName="checked" style={{ marginBottom: 16 }}>
          <Checkbox>{t('signIn.remember')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
          {t('common:signIn')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, textAlign: 'center' }}>
        {t('signIn.noEnterprise')} <Link to="/admin/signup">{t('signIn.toSignUp')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
