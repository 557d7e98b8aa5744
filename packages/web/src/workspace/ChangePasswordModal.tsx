import { LIMITS } from '@rapport/shared';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../common/i18n';
import { serverFieldErrors } from '../common/mobile/forms';
import { useChangePassword } from '../common/session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Change the member's password. The server ends every session of the account and hands this
 * device a fresh one; `onChanged` lets the shell reopen its live connection with it.
 */
export function ChangePasswordModal({ open, onClose, onChanged }: { open: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword('member');

  const submit = async (values: Values) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      void message.success(tc('passwordChanged'));
      form.resetFields();
      onChanged();
      onClose();
    } catch (error) {
      const fields = serverFieldErrors(error, ['currentPassword', 'newPassword'], {
        WRONG_PASSWORD: 'currentPassword',
        WEAK_PASSWORD: 'newPassword',
      });
      if (fields.length === 0) void message.error(errorMessage(error));
      else
        form.setFields(
          fields.map((f) => ({
            name: f.path as never,
            errors: [f.byCode ? errorMessage(error) : t('password.rule', { min: LIMITS.passwordMin })],
          })),
        );
    }
  };

  return (
    <Modal
      title={tc('changePassword')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tc('save')}
      cancelText={tc('cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ marginTop: 16 }}>
        <Form.Item name="currentPassword" label={tc('currentPassword')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={tc('newPassword')}
          extra={t('password.rule', { min: LIMITS.passwordMin })}
          rules={[
            { required: true, message: t('password.required') },
            { min: LIMITS.passwordMin, message: t('password.rule', { min: LIMITS.passwordMin }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
