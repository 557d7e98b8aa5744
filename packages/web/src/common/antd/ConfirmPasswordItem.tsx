import { LIMITS } from '@rapport/shared';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The "confirm password" field of an antd form: required, and equal to the field named `of`. */
export function ConfirmPasswordItem({ of = 'password' }: { of?: string }) {
  const { t } = useTranslation('ui');
  return (
    <Form.Item
      name="confirmPassword"
      label={t('confirmPassword')}
      dependencies={[of]}
      rules={[
        { required: true, message: t('required') },
        ({ getFieldValue }) => ({
          validator: (_, value) =>
            !value || getFieldValue(of) === value ? Promise.resolve() : Promise.reject(new Error(t('passwordMismatch'))),
        }),
      ]}
    >
      <Input.Password maxLength={LIMITS.passwordMax} autoComplete="new-password" />
    </Form.Item>
  );
}
