import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { QUICK_REPLY_LIMITS, type QuickReplyDto, type QuickReplyScopeT } from '@rapport/shared';
import { App, Button, Empty, Form, Input, Modal, Popconfirm, Segmented, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { useQuickReplies, useQuickReplyGroups, useQuickReplyMutations } from './hooks';

type Scope = QuickReplyScopeT | 'all';

/**
 * The quick reply picker of the chat box: the enterprise library and mine, grouped, searchable.
 * Picking one hands its text to the input; "Manage" edits my personal library. `fill`: as wide as its
 * container (a phone's bottom sheet), else a popover's 360 px.
 */
export function QuickReplyPicker({
  onPick,
  onManage,
  fill = false,
}: {
  onPick: (reply: QuickReplyDto) => void;
  onManage: () => void;
  fill?: boolean;
}) {
  const { t } = useTranslation('work');
  const [text, setText] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const replies = useQuickReplies(text.trim(), scope);
  const sections = replies.data?.data ?? [];

  return (
    <div data-testid="quick-replies" style={{ display: 'grid', gap: 8, width: fill ? '100%' : 360 }}>
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={QUICK_REPLY_LIMITS.searchQuery}
        placeholder={t('quick.search')}
        aria-label={t('quick.search')}
        data-testid="quick-search"
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Segmented<Scope>
          size="small"
          value={scope}
          onChange={setScope}
          options={[
            { value: 'all', label: t('quick.all') },
            { value: 'enterprise', label: t('quick.enterprise') },
            { value: 'personal', label: t('quick.personal') },
          ]}
        />
        <Button size="small" type="link" onClick={onManage} data-testid="quick-manage">
          {t('quick.manage')}
        </Button>
      </div>
      <div style={{ maxHeight: fill ? undefined : 320, overflowY: 'auto', display: 'grid', gap: 12, alignContent: 'start' }}>
        {replies.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : replies.isError ? (
          <ErrorState compact error={replies.error} onRetry={() => void replies.refetch()} />
        ) : sections.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ? t('quick.noMatch') : t('quick.empty')} />
        ) : (
          sections.map((section) => (
            <section key={`${section.scope}:${section.groupId ?? ''}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`quick.${section.scope}`)} · {section.groupName ?? t('quick.ungrouped')}
              </Typography.Text>
              <div style={{ display: 'grid', gap: 4, marginTop: 4 }}>
                {section.items.map((reply) => (
                  <button
                    type="button"
                    key={reply.id}
                    className="rp-quick-item"
                    onClick={() => onPick(reply)}
                    data-testid="quick-item"
                    title={reply.text}
                  >
                    <div style={{ fontWeight: 500 }}>{reply.title}</div>
                    <div className="rp-quick-text">{reply.text}</div>
                  </button>
                ))}
              </div>
            </section>
          ))
        )}
      </div>
    </div>
  );
}

/** My personal library: groups and replies, added, edited and deleted. */
export function ManageQuickReplies({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const replies = useQuickReplies('', 'personal');
  const groups = useQuickReplyGroups('personal');
  const { remove, createGroup, removeGroup } = useQuickReplyMutations();
  const [editing, setEditing] = useState<QuickReplyDto | 'new'>();
  const [groupName, setGroupName] = useState('');
  const fail = (error: unknown) => void message.error(errorMessage(error));
  const items = (replies.data?.data ?? []).flatMap((s) => s.items);

  return (
    <Modal open title={t('quick.manageTitle')} onCancel={onClose} footer={null} width={560} destroyOnHidden>
      <div style={{ display: 'grid', gap: 16 }} data-testid="quick-manage-modal">
        <section>
          <Typography.Text strong>{t('quick.groups')}</Typography.Text>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, margin: '8px 0' }}>
            {(groups.data ?? []).map((group) => (
              <span key={group.id} className="rp-chip">
                {group.name}
                <Popconfirm
                  title={t('quick.deleteGroup')}
                  description={t('quick.deleteGroupHint')}
                  okText={tc('delete')}
                  cancelText={tc('cancel')}
                  onConfirm={() => removeGroup.mutateAsync(group.id).catch(fail)}
                >
                  <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`${tc('delete')} ${group.name}`} />
                </Popconfirm>
              </span>
            ))}
            {groups.data?.length === 0 ? <Typography.Text type="secondary">{t('quick.noGroups')}</Typography.Text> : null}
          </div>
          <div style={{ display: 'flex', gap: 8 }}>
            <Input
              value={groupName}
              onChange={(e) => setGroupName(e.target.value)}
              maxLength={QUICK_REPLY_LIMITS.groupName}
              placeholder={t('quick.newGroup')}
              aria-label={t('quick.newGroup')}
            />
            <Button
              icon={<PlusOutlined />}
              disabled={!groupName.trim()}
              loading={createGroup.isPending}
              onClick={() => createGroup.mutate(groupName.trim(), { onSuccess: () => setGroupName(''), onError: fail })}
            >
              {tc('create')}
            </Button>
          </div>
        </section>
        <section>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Typography.Text strong>{t('quick.myReplies')}</Typography.Text>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="quick-new">
              {t('quick.add')}
            </Button>
          </div>
          <div style={{ display: 'grid', gap: 8, marginTop: 8, maxHeight: 320, overflowY: 'auto' }}>
            {items.length === 0 && !replies.isPending ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quick.empty')} />
            ) : null}
            {items.map((reply) => (
              <div
                key={reply.id}
                style={{ display: 'flex', gap: 8, alignItems: 'flex-start', padding: 8, background: '#fafafa', borderRadius: 8 }}
              >
                <div style={{ flex: 1, minWidth: 0 }}>
                  <div style={{ fontWeight: 500 }}>{reply.title}</div>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
                    {reply.text}
                  </Typography.Paragraph>
                </div>
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={tc('edit')} onClick={() => setEditing(reply)} />
                <Popconfirm
                  title={t('quick.deleteReply')}
                  okText={tc('delete')}
                  cancelText={tc('cancel')}
                  onConfirm={() => remove.mutateAsync(reply.id).catch(fail)}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={tc('delete')} />
                </Popconfirm>
              </div>
            ))}
          </div>
        </section>
      </div>
      {editing ? (
        <ReplyForm reply={editing === 'new' ? undefined : editing} groups={groups.data ?? []} onClose={() => setEditing(undefined)} />
      ) : null}
    </Modal>
  );
}

function ReplyForm({ reply, groups, onClose }: { reply?: QuickReplyDto; groups: { id: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { save } = useQuickReplyMutations();
  const [form] = Form.useForm<{ title: string; text: string; groupId: string | null }>();
  return (
    <Modal
      open
      title={reply ? t('quick.editTitle') : t('quick.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tc('save')}
      cancelText={tc('cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'quick-save' } as never}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ title: reply?.title ?? '', text: reply?.text ?? '', groupId: reply?.groupId ?? null }}
        onFinish={(values) =>
          save.mutate(
            { id: reply?.id, title: values.title.trim(), text: values.text.trim(), groupId: values.groupId ?? null },
            {
              onSuccess: () => {
                void message.success(tc('saved'));
                onClose();
              },
              onError: (error) => void message.error(errorMessage(error)),
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t('quick.fieldTitle')}
          rules={[{ required: true, whitespace: true, message: t('quick.titleRequired') }]}
        >
          <Input maxLength={QUICK_REPLY_LIMITS.title} />
        </Form.Item>
        <Form.Item name="text" label={t('quick.text')} rules={[{ required: true, whitespace: true, message: t('quick.textRequired') }]}>
          <Input.TextArea maxLength={QUICK_REPLY_LIMITS.text} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="groupId" label={t('quick.group')}>
          <Select
            allowClear
            placeholder={t('quick.ungrouped')}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            aria-label={t('quick.group')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
