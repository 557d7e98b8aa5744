import { LIMITS } from '@rapport/shared';
import { Button, Form, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../common/i18n';
import { serverFieldErrors } from '../common/mobile/forms';
import { useChangePassword } from '../common/session';
import { PasswordInput } from './PasswordInput';
import { SubPage, useLive } from './Shell';

interface Values {
  currentPassword: string;
  newPassword: string;
}

/** Change my password; every other device is signed out, this one stays signed in. */
export function ChangePasswordPage() {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const { restart } = useLive();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword('consumer');

  const submit = async (values: Values) => {
    try {
      await change.mutateAsync(values);
      // The server rotated this device's session; the old socket was closed with it.
      restart();
      Toast.show({ icon: 'success', content: tc('passwordChanged') });
      navigate('/app/me');
    } catch (error) {
      const fields = serverFieldErrors(error, ['currentPassword', 'newPassword'], {
        WRONG_PASSWORD: 'currentPassword',
        WEAK_PASSWORD: 'newPassword',
      });
      if (fields.length === 0) Toast.show({ icon: 'fail', content: errorMessage(error) });
      else
        form.setFields(
          fields.map((f) => ({
            name: f.path,
            errors: [f.byCode ? errorMessage(error) : t('form.passwordRule', { min: LIMITS.passwordMin })],
          })),
        );
    }
  };

  return (
    <SubPage title={tc('changePassword')}>
      <div className="rp-app-form" style={{ paddingTop: 12 }}>
        <Form
          form={form}
          layout="vertical"
          mode="card"
          requiredMarkStyle="none"
          onFinish={submit}
          footer={
            <>
              <Button block type="submit" color="primary" size="large" loading={change.isPending} data-testid="password-save">
                {tc('save')}
              </Button>
              <p style={{ margin: '12px 4px 0', fontSize: 13, color: '#8c8c8c', lineHeight: 1.5 }}>{t('password.note')}</p>
            </>
          }
        >
          <Form.Item
            name="currentPassword"
            label={tc('currentPassword')}
            data-testid="password-current"
            rules={[{ required: true, message: t('form.passwordRequired') }]}
          >
            <PasswordInput autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={tc('newPassword')}
            data-testid="password-new"
            description={t('form.passwordRule', { min: LIMITS.passwordMin })}
            rules={[
              { required: true, message: t('form.passwordRequired') },
              { min: LIMITS.passwordMin, message: t('form.passwordTooShort', { min: LIMITS.passwordMin }) },
            ]}
          >
            <PasswordInput autoComplete="new-password" />
          </Form.Item>
        </Form>
      </div>
    </SubPage>
  );
}
