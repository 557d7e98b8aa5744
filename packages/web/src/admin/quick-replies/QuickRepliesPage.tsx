import { DeleteOutlined, EditOutlined, FolderOutlined, MoreOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { QUICK_REPLY_LIMITS, type QuickReplyDto, type QuickReplyGroupDto } from '@rapport/shared';
import { App, Badge, Button, Card, Col, Dropdown, Empty, Flex, Form, Input, Modal, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { PageHeader } from '../../common/antd/PageHeader';
import { makeRules } from '../../common/antd/rules';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { useDeleteQuickReply, useDeleteQuickReplyGroup, useQuickReplies, useQuickReplyGroups, useSaveQuickReplyGroup } from './hooks';
import { QuickReplyModal } from './QuickReplyModal';

/** `all`, `none` (ungrouped) or a group id. */
type Selection = string;

/** 快捷回复: the enterprise library members insert from the chat box, in groups, searchable. */
export function QuickRepliesPage() {
  const { t } = useTranslation('admin');
  const groups = useQuickReplyGroups();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState<string>();
  const replies = useQuickReplies(q);
  const everything = useQuickReplies(undefined);
  const [selected, setSelected] = useState<Selection>('all');
  const [replyDialog, setReplyDialog] = useState<{ open: boolean; reply?: QuickReplyDto }>({ open: false });
  const [groupDialog, setGroupDialog] = useState<{ open: boolean; group?: QuickReplyGroupDto }>({ open: false });

  // Per group counts come from the whole library, so they do not change while searching.
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const bucket of everything.data ?? []) map.set(bucket.groupId ?? 'none', bucket.items.length);
    return map;
  }, [everything.data]);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);

  const items = useMemo(
    () =>
      (replies.data ?? [])
        .filter((b) => selected === 'all' || (b.groupId ?? 'none') === selected)
        .flatMap((b) => b.items.map((item) => ({ item, groupName: b.groupName }))),
    [replies.data, selected],
  );

  // A deleted group is no longer selectable.
  useEffect(() => {
    if (groups.data && selected !== 'all' && selected !== 'none' && !groups.data.some((g) => g.id === selected)) setSelected('all');
  }, [groups.data, selected]);

  const header = (
    <PageHeader
      title={t('quickReplies.title')}
      description={t('quickReplies.description')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setReplyDialog({ open: true })}
          disabled={total >= QUICK_REPLY_LIMITS.itemsPerLibrary}
        >
          {t('quickReplies.add')}
        </Button>
      }
    />
  );
  if (groups.isPending)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (groups.isError)
    return (
      <>
        {header}
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      </>
    );

  const groupRows: { key: Selection; label: string; group?: QuickReplyGroupDto; count: number }[] = [
    { key: 'all', label: t('quickReplies.all'), count: total },
    ...groups.data.map((g) => ({ key: g.id, label: g.name, group: g, count: counts.get(g.id) ?? 0 })),
    { key: 'none', label: t('quickReplies.ungrouped'), count: counts.get('none') ?? 0 },
  ];
  const selectedGroup = groups.data.find((g) => g.id === selected);

  return (
    <>
      {header}
      <Row gutter={16} wrap={false}>
        <Col flex="240px">
          <Card
            variant="borderless"
            title={t('quickReplies.groups')}
            styles={{ body: { padding: 8 } }}
            extra={
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setGroupDialog({ open: true })}
                disabled={groups.data.length >= QUICK_REPLY_LIMITS.groupsPerLibrary}
              >
                {t('quickReplies.addGroup')}
              </Button>
            }
          >
            <nav aria-label={t('quickReplies.groups')}>
              {groupRows.map((row) => (
                <GroupRow
                  key={row.key}
                  label={row.label}
                  count={row.count}
                  group={row.group}
                  active={selected === row.key}
                  onSelect={() => setSelected(row.key)}
                  onRename={() => row.group && setGroupDialog({ open: true, group: row.group })}
                />
              ))}
            </nav>
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card variant="borderless">
            <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
              <Input.Search
                allowClear
                value={search}
                maxLength={QUICK_REPLY_LIMITS.searchQuery}
                onChange={(e) => {
                  setSearch(e.target.value);
                  if (!e.target.value) setQ(undefined);
                }}
                onSearch={(value) => setQ(value.trim() || undefined)}
                placeholder={t('quickReplies.searchPlaceholder')}
                aria-label={t('quickReplies.searchPlaceholder')}
                style={{ width: 320 }}
              />
              <Typography.Text type="secondary">
                {t('quickReplies.libraryUsage', { count: total, limit: QUICK_REPLY_LIMITS.itemsPerLibrary.toLocaleString() })}
              </Typography.Text>
            </Flex>
            {replies.isPending ? (
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            ) : replies.isError ? (
              <ErrorState compact error={replies.error} onRetry={() => void replies.refetch()} />
            ) : items.length === 0 ? (
              q ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quickReplies.noMatch')} />
              ) : (
                <EmptyState
                  description={t('quickReplies.empty')}
                  action={
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setReplyDialog({ open: true })}>
                      {t('quickReplies.add')}
                    </Button>
                  }
                />
              )
            ) : (
              <Flex vertical gap={10} data-testid="quick-reply-list">
                {items.map(({ item, groupName }) => (
                  <ReplyItem
                    key={item.id}
                    reply={item}
                    groupName={selected === 'all' ? groupName : null}
                    onEdit={() => setReplyDialog({ open: true, reply: item })}
                  />
                ))}
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      <QuickReplyModal
        open={replyDialog.open}
        reply={replyDialog.reply}
        groups={groups.data}
        defaultGroupId={selectedGroup?.id}
        onClose={() => setReplyDialog({ open: false })}
      />
      <GroupModal open={groupDialog.open} group={groupDialog.group} onClose={() => setGroupDialog({ open: false })} />
    </>
  );
}

function GroupRow({
  label,
  count,
  group,
  active,
  onSelect,
  onRename,
}: {
  label: string;
  count: number;
  group?: QuickReplyGroupDto;
  active: boolean;
  onSelect: () => void;
  onRename: () => void;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const remove = useDeleteQuickReplyGroup();
  return (
    <Flex
      align="center"
      style={{ borderRadius: 6, background: active ? '#e6f4ff' : undefined, marginBottom: 2 }}
      data-testid={`qr-group-${label}`}
    >
      <button
        type="button"
        onClick={onSelect}
        aria-current={active ? 'page' : undefined}
        style={{
          flex: 1,
          minWidth: 0,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          padding: '8px 10px',
          border: 'none',
          background: 'transparent',
          cursor: 'pointer',
          textAlign: 'left',
          color: active ? '#1677ff' : undefined,
        }}
      >
        <FolderOutlined />
        <Typography.Text ellipsis style={{ flex: 1, color: 'inherit' }}>
          {label}
        </Typography.Text>
        <Badge count={count} showZero color={active ? '#1677ff' : '#bfbfbf'} overflowCount={9999} />
      </button>
      {group ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'rename', icon: <EditOutlined />, label: t('quickReplies.renameGroup') },
              { key: 'delete', icon: <DeleteOutlined />, label: t('common:delete'), danger: true },
            ],
            onClick: ({ key }) => {
              if (key === 'rename') onRename();
              else
                modal.confirm({
                  title: t('quickReplies.deleteGroupTitle', { name: group.name }),
                  content: t('quickReplies.deleteGroupContent'),
                  okText: t('common:delete'),
                  okButtonProps: { danger: true },
                  cancelText: t('common:cancel'),
                  onOk: async () => {
                    try {
                      await remove.mutateAsync(group.id);
                      message.success(t('quickReplies.groupDeleted', { name: group.name }));
                    } catch (error) {
                      message.error(errorMessage(error));
                    }
                  },
                });
            },
          }}
        >
          <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('quickReplies.groupActions', { name: group.name })} />
        </Dropdown>
      ) : (
        <span style={{ width: 24 }} />
      )}
    </Flex>
  );
}

function ReplyItem({ reply, groupName, onEdit }: { reply: QuickReplyDto; groupName: string | null; onEdit: () => void }) {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const remove = useDeleteQuickReply();
  return (
    <div
      data-testid={`quick-reply-${reply.title}`}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px', background: '#fafafa' }}
    >
      <Flex justify="space-between" align="flex-start" gap={12}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space size={8} wrap>
            <ThunderboltOutlined style={{ color: '#faad14' }} />
            <Typography.Text strong>{reply.title}</Typography.Text>
            {groupName ? <Tag style={{ marginInlineEnd: 0 }}>{groupName}</Tag> : null}
          </Space>
          <Typography.Paragraph
            style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap', color: '#434343' }}
            ellipsis={{
              rows: 3,
              expandable: 'collapsible',
              symbol: (expanded) => (expanded ? t('quickReplies.less') : t('quickReplies.more')),
            }}
          >
            {reply.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('quickReplies.updatedAt', { time: formatDateTime(reply.updatedAt, i18n.language) })}
          </Typography.Text>
        </div>
        <Space size={0}>
          <Button type="text" icon={<EditOutlined />} onClick={onEdit} aria-label={t('quickReplies.editOf', { title: reply.title })} />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('quickReplies.deleteOf', { title: reply.title })}
            onClick={() =>
              modal.confirm({
                title: t('quickReplies.deleteTitle', { title: reply.title }),
                okText: t('common:delete'),
                okButtonProps: { danger: true },
                cancelText: t('common:cancel'),
                onOk: async () => {
                  try {
                    await remove.mutateAsync(reply.id);
                    message.success(t('quickReplies.deleted'));
                  } catch (error) {
                    message.error(errorMessage(error));
                  }
                },
              })
            }
          />
        </Space>
      </Flex>
    </div>
  );
}

function GroupModal({ open, group, onClose }: { open: boolean; group?: QuickReplyGroupDto; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const save = useSaveQuickReplyGroup();
  const rules = makeRules(t);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ name: group?.name ?? '' });
  }, [open, group, form]);

  return (
    <Modal
      title={group ? t('quickReplies.renameGroupTitle', { name: group.name }) : t('quickReplies.addGroup')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={group ? t('common:save') : t('common:create')}
      cancelText={t('common:cancel')}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form
        name="quick-reply-group"
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={async ({ name }) => {
          try {
            await save.mutateAsync({ id: group?.id, name: name.trim() });
            message.success(group ? t('common:saved') : t('quickReplies.groupCreated', { name: name.trim() }));
            onClose();
          } catch (error) {
            message.error(errorMessage(error));
          }
        }}
      >
        <Form.Item name="name" label={t('quickReplies.groupName')} rules={[rules.requiredText(), rules.max(QUICK_REPLY_LIMITS.groupName)]}>
          <Input maxLength={QUICK_REPLY_LIMITS.groupName} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
