import { QUICK_REPLY_LIMITS, type QuickReplyDto, type QuickReplyGroupDto } from '@rapport/shared';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../common/antd/forms';
import { makeRules } from '../../common/antd/rules';
import { useErrorMessage } from '../../common/i18n';
import { useSaveQuickReply } from './hooks';

interface Values {
  title: string;
  text: string;
  groupId?: string;
}

/** Add or edit one reply of the enterprise library. */
export function QuickReplyModal({
  open,
  reply,
  groups,
  defaultGroupId,
  onClose,
}: {
  open: boolean;
  reply?: QuickReplyDto;
  groups: QuickReplyGroupDto[];
  defaultGroupId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveQuickReply();
  const rules = makeRules(t);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      reply ? { title: reply.title, text: reply.text, groupId: reply.groupId ?? undefined } : { groupId: defaultGroupId },
    );
  }, [open, reply, defaultGroupId, form]);

  const submit = async (values: Values) => {
    try {
      await save.mutateAsync({ id: reply?.id, title: values.title.trim(), text: values.text.trim(), groupId: values.groupId ?? null });
      message.success(reply ? t('common:saved') : t('quickReplies.created'));
      onClose();
    } catch (error) {
      const shown = applyServerErrors(form, error, {
        translate: errorMessage,
        invalidText: t('ui:invalidValue'),
        codeFields: { QUICK_REPLY_GROUP_NOT_FOUND: 'groupId' },
      });
      if (!shown) message.error(errorMessage(error));
    }
  };

  return (
    <Modal
      title={reply ? t('quickReplies.editTitle') : t('quickReplies.add')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={reply ? t('common:save') : t('common:create')}
      cancelText={t('common:cancel')}
      confirmLoading={save.isPending}
      forceRender
      width={600}
    >
      <Form<Values> name="quick-reply" form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
        <Form.Item name="groupId" label={t('quickReplies.group')}>
          <Select
            allowClear
            placeholder={t('quickReplies.ungrouped')}
            aria-label={t('quickReplies.group')}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('quickReplies.replyTitle')}
          extra={t('quickReplies.replyTitleHelp')}
          rules={[rules.requiredText(), rules.max(QUICK_REPLY_LIMITS.title)]}
        >
          <Input maxLength={QUICK_REPLY_LIMITS.title} showCount />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('quickReplies.text')}
          extra={t('quickReplies.textHelp')}
          rules={[rules.requiredText(), rules.max(QUICK_REPLY_LIMITS.text)]}
        >
          <Input.TextArea maxLength={QUICK_REPLY_LIMITS.text} showCount autoSize={{ minRows: 4, maxRows: 10 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
