import { DeleteOutlined, EditOutlined, PlusOutlined, TagsOutlined } from '@ant-design/icons';
import { type DepartmentDto, TAG_LIMITS, type TagDto, type TagGroupDto } from '@rapport/shared';
import { App, Button, Card, Col, Empty, Flex, Input, Progress, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { departmentLabel } from '../../common/departments';
import { useErrorMessage } from '../../common/i18n';
import { useDepartments } from '../hooks';
import { useCreateTag, useDeleteTag, useDeleteTagGroup, useRenameTag, useTagGroups } from './hooks';
import { TagGroupModal } from './TagGroupModal';

const matches = (text: string, q: string) => text.toLowerCase().includes(q.toLowerCase());

/** 标签库: the enterprise tag groups and their tags, each group visible to everyone or to some departments. */
export function TagsPage() {
  const { t } = useTranslation('admin');
  const groups = useTagGroups();
  const departments = useDepartments();
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<{ open: boolean; group?: TagGroupDto }>({ open: false });

  const used = useMemo(() => (groups.data ?? []).reduce((n, g) => n + g.tags.length, 0), [groups.data]);
  const shown = useMemo(() => {
    const query = q.trim();
    if (!query) return groups.data ?? [];
    // A group matching by name shows all its tags; otherwise only its matching tags.
    return (groups.data ?? [])
      .map((g) => (matches(g.name, query) ? g : { ...g, tags: g.tags.filter((tag) => matches(tag.name, query)) }))
      .filter((g) => g.tags.length > 0 || matches(g.name, query));
  }, [groups.data, q]);

  const full = used >= TAG_LIMITS.enterpriseTags;
  const header = (
    <PageHeader
      title={t('tags.title')}
      description={t('tags.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true })} disabled={full}>
          {t('tags.addGroup')}
        </Button>
      }
    />
  );
  if (groups.isPending || departments.isPending)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (groups.isError || departments.isError)
    return (
      <>
        {header}
        <ErrorState
          error={groups.error ?? departments.error}
          onRetry={() => {
            void groups.refetch();
            void departments.refetch();
          }}
        />
      </>
    );

  return (
    <>
      {header}
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Flex align="center" gap={24} wrap>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => setQ(e.target.value)}
            maxLength={TAG_LIMITS.tagName}
            placeholder={t('tags.searchPlaceholder')}
            aria-label={t('tags.searchPlaceholder')}
            style={{ width: 280 }}
          />
          <Flex align="center" gap={12} style={{ flex: 1, minWidth: 260, maxWidth: 480 }} data-testid="tag-usage">
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t('tags.usage', { used, limit: TAG_LIMITS.enterpriseTags.toLocaleString() })}
            </Typography.Text>
            <Progress
              percent={Math.round((used / TAG_LIMITS.enterpriseTags) * 1000) / 10}
              size="small"
              status={full ? 'exception' : 'normal'}
              showInfo={false}
              style={{ margin: 0, flex: 1 }}
            />
          </Flex>
        </Flex>
      </Card>
      {shown.length === 0 ? (
        <Card variant="borderless">
          {q.trim() ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tags.noMatch')} />
          ) : (
            <EmptyState
              description={t('tags.empty')}
              action={
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true })}>
                  {t('tags.addGroup')}
                </Button>
              }
            />
          )}
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {shown.map((group) => (
            <Col key={group.id} xs={24} xl={12}>
              <GroupCard
                group={group}
                departments={departments.data}
                full={full}
                filtered={Boolean(q.trim())}
                onEdit={() => setDialog({ open: true, group: groups.data.find((g) => g.id === group.id) })}
              />
            </Col>
          ))}
        </Row>
      )}
      <TagGroupModal open={dialog.open} group={dialog.group} departments={departments.data} onClose={() => setDialog({ open: false })} />
    </>
  );
}

function GroupCard({
  group,
  departments,
  full,
  filtered,
  onEdit,
}: {
  group: TagGroupDto;
  departments: DepartmentDto[];
  full: boolean;
  filtered: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const remove = useDeleteTagGroup();
  const createTag = useCreateTag();
  const [adding, setAdding] = useState<string>();

  const confirmDelete = () =>
    modal.confirm({
      title: t('tags.deleteGroupTitle', { name: group.name }),
      content: t('tags.deleteGroupContent', { count: group.tags.length }),
      okText: t('common:delete'),
      okButtonProps: { danger: true },
      cancelText: t('common:cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(group.id);
          message.success(t('tags.groupDeleted', { name: group.name }));
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const add = async () => {
    const name = adding?.trim();
    if (!name) {
      setAdding(undefined);
      return;
    }
    try {
      await createTag.mutateAsync({ groupId: group.id, name });
      setAdding('');
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const scope = group.departmentIds.length ? (
    <Space size={4} wrap>
      {group.departmentIds.map((id) => (
        <Tag key={id} color="blue" style={{ marginInlineEnd: 0 }}>
          {departmentLabel(departments, id) ?? t('tags.unknownDepartment')}
        </Tag>
      ))}
    </Space>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }}>{t('tags.wholeEnterprise')}</Tag>
  );

  return (
    <Card
      variant="borderless"
      data-testid={`tag-group-${group.name}`}
      title={
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <TagsOutlined style={{ color: '#1677ff' }} />
          <Typography.Text strong ellipsis>
            {group.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('tags.tagCount', { count: group.tags.length })}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Space size={0}>
          <Tooltip title={t('tags.editGroup')}>
            <Button type="text" icon={<EditOutlined />} onClick={onEdit} aria-label={t('tags.editGroupOf', { name: group.name })} />
          </Tooltip>
          <Tooltip title={t('tags.deleteGroup')}>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={confirmDelete}
              aria-label={t('tags.deleteGroupOf', { name: group.name })}
            />
          </Tooltip>
        </Space>
      }
      style={{ height: '100%' }}
    >
      <Flex align="flex-start" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', lineHeight: '22px' }}>
          {t('tags.visibleTo')}
        </Typography.Text>
        {scope}
      </Flex>
      <Flex gap={8} wrap align="center">
        {group.tags.map((tag) => (
          <TagChip key={tag.id} tag={tag} />
        ))}
        {filtered ? null : adding !== undefined ? (
          <Input
            size="small"
            autoFocus
            value={adding}
            maxLength={TAG_LIMITS.tagName}
            onChange={(e) => setAdding(e.target.value)}
            onPressEnter={() => void add()}
            onBlur={() => void add()}
            onKeyDown={(e) => e.key === 'Escape' && setAdding(undefined)}
            disabled={createTag.isPending}
            placeholder={t('tags.tagName')}
            aria-label={t('tags.newTagIn', { name: group.name })}
            style={{ width: 120 }}
          />
        ) : (
          <Tag
            icon={<PlusOutlined />}
            style={{ borderStyle: 'dashed', cursor: full ? 'not-allowed' : 'pointer', background: '#fff' }}
            onClick={() => !full && setAdding('')}
            role="button"
            aria-label={t('tags.newTagIn', { name: group.name })}
          >
            {t('tags.addTag')}
          </Tag>
        )}
      </Flex>
    </Card>
  );
}

/** One tag: click to rename in place, × to delete after confirming. */
function TagChip({ tag }: { tag: TagDto }) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const rename = useRenameTag();
  const remove = useDeleteTag();
  const [editing, setEditing] = useState<string>();

  const save = async () => {
    const name = editing?.trim();
    setEditing(undefined);
    if (!name || name === tag.name) return;
    try {
      await rename.mutateAsync({ id: tag.id, name });
      message.success(t('common:saved'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  if (editing !== undefined)
    return (
      <Input
        size="small"
        autoFocus
        value={editing}
        maxLength={TAG_LIMITS.tagName}
        onChange={(e) => setEditing(e.target.value)}
        onPressEnter={() => void save()}
        onBlur={() => void save()}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(undefined)}
        aria-label={t('tags.renameTag', { name: tag.name })}
        style={{ width: 120 }}
      />
    );

  return (
    <Tag
      color="processing"
      closable
      style={{ marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' }}
      data-testid={`tag-${tag.name}`}
      onClose={(e) => {
        e.preventDefault();
        modal.confirm({
          title: t('tags.deleteTagTitle', { name: tag.name }),
          content: t('tags.deleteTagContent'),
          okText: t('common:delete'),
          okButtonProps: { danger: true },
          cancelText: t('common:cancel'),
          onOk: async () => {
            try {
              await remove.mutateAsync(tag.id);
              message.success(t('tags.tagDeleted', { name: tag.name }));
            } catch (error) {
              message.error(errorMessage(error));
            }
          },
        });
      }}
    >
      <Tooltip title={t('tags.clickToRename')}>
        <button
          type="button"
          onClick={() => setEditing(tag.name)}
          style={{ border: 'none', background: 'none', padding: 0, font: 'inherit', color: 'inherit', cursor: 'text' }}
        >
          {tag.name}
        </button>
      </Tooltip>
    </Tag>
  );
}
