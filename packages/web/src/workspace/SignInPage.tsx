import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { LIMITS } from '@rapport/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Brand, LanguageSwitch } from '../common/antd/DesktopShell';
import { useErrorMessage } from '../common/i18n';
import { serverFieldErrors } from '../common/mobile/forms';
import { useSignIn } from '../common/session';

const ENTERPRISE_KEY = 'rapport.work.enterprise';

interface Values {
  enterprise: string;
  login: string;
  password: string;
}

/**
 * Member sign-in: enterprise ID (remembered on this device), account / phone / email, password.
 * A wrong password, an unknown account and a disabled or resigned member all get the same
 * message, so the form reveals nothing about who exists.
 */
export function SignInPage() {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const signIn = useSignIn<Values>('member', '/sessions/member');
  const remembered = params.get('enterprise') ?? localStorage.getItem(ENTERPRISE_KEY) ?? '';

  const submit = async (values: Values) => {
    setFormError(null);
    const enterprise = values.enterprise.trim().toLowerCase();
    try {
      await signIn.mutateAsync({ enterprise, login: values.login.trim(), password: values.password });
      localStorage.setItem(ENTERPRISE_KEY, enterprise);
    } catch (error) {
      const fields = serverFieldErrors(error, ['enterprise', 'login', 'password']);
      if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.path as never, errors: [t('signIn.invalidField')] })));
      else setFormError(errorMessage(error));
      form.setFieldValue('password', '');
    }
  };

  return (
    <div
      style={{
        minHeight: '100dvh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(170deg, #e6f0ff 0%, #f5f6f8 50%)',
      }}
    >
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '12px 16px' }}>
        <Brand subtitle={t('surfaceName')} />
        <LanguageSwitch />
      </header>
      <main style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '4vh 16px 32px' }}>
        <Card style={{ width: 400, maxWidth: '100%', alignSelf: 'flex-start' }} styles={{ body: { padding: '28px 24px' } }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('signIn.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('signIn.subtitle')}
          </Typography.Paragraph>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="signin-error" /> : null}
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ enterprise: remembered, login: '', password: '' }}
            onFinish={submit}
            onValuesChange={() => setFormError(null)}
            size="large"
          >
            <Form.Item
              name="enterprise"
              label={t('signIn.enterprise')}
              extra={t('signIn.enterpriseHint')}
              rules={[{ required: true, whitespace: true, message: t('signIn.enterpriseRequired') }]}
            >
              <Input
                prefix={<ShopOutlined />}
                maxLength={LIMITS.enterpriseCode}
                autoComplete="organization"
                autoCapitalize="none"
                spellCheck={false}
                placeholder={t('signIn.enterprisePlaceholder')}
              />
            </Form.Item>
            <Form.Item
              name="login"
              label={t('signIn.login')}
              rules={[{ required: true, whitespace: true, message: t('signIn.loginRequired') }]}
            >
              <Input
                prefix={<UserOutlined />}
                maxLength={LIMITS.email}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                placeholder={t('signIn.loginPlaceholder')}
              />
            </Form.Item>
            <Form.Item name="password" label={tc('password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} maxLength={LIMITS.passwordMax} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="signin-submit">
              {tc('signIn')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, fontSize: 13 }}>
            {t('signIn.forgot')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>
            {t('signIn.newEnterprise')} <Link to="/admin">{t('signIn.toAdmin')}</Link>
          </Typography.Paragraph>
        </Card>
      </main>
    </div>
  );
}
