import type { PrincipalKindT } from '@rapport/shared';
import { LIMITS } from '@rapport/shared';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n';
import { useChangePassword } from '../session';
import { ConfirmPasswordItem } from './ConfirmPasswordItem';
import { applyServerErrors } from './forms';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * Change the signed-in account's password. The server ends every other session of the account and
 * hands this device a fresh one; `onChanged` lets a surface reopen its live connection with it.
 */
export function ChangePasswordModal({
  kind,
  open,
  onClose,
  onChanged,
}: {
  kind: PrincipalKindT;
  open: boolean;
  onClose: () => void;
  onChanged?: () => void;
}) {
  const { t } = useTranslation('common');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword(kind);

  const submit = async (values: Values) => {
    try {
      await change.mutateAsync({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('passwordChanged'));
      form.resetFields();
      onChanged?.();
      onClose();
    } catch (error) {
      const shown = applyServerErrors(form, error, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { WRONG_PASSWORD: 'currentPassword', WEAK_PASSWORD: 'newPassword' },
      });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      title={t('changePassword')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
      forceRender
    >
      <Form name="password" form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ marginTop: 16 }}>
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('ui:required') }]}>
          <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('newPassword')}
          extra={t('ui:passwordRule', { min: LIMITS.passwordMin })}
          rules={[
            { required: true, message: t('ui:required') },
            { min: LIMITS.passwordMin, message: t('ui:passwordRule', { min: LIMITS.passwordMin }) },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
        <ConfirmPasswordItem of="newPassword" />
      </Form>
    </Modal>
  );
}
