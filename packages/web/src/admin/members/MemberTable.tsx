import { EditOutlined, IdcardOutlined, MoreOutlined } from '@ant-design/icons';
import type { DepartmentDto, MemberDto } from '@rapport/shared';
import type { MenuProps } from 'antd';
import { Avatar, Button, Dropdown, Flex, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LoadMore } from '../../common/antd/lists';
import { EmptyState, ErrorState } from '../../common/antd/states';
import { departmentPath } from '../../common/departments';
import { useSession } from '../../common/session';
import { type MemberFilters, useMembers } from '../hooks';
import { MemberFlags, RoleTag, StatusTag } from './MemberTags';
import { useMemberActions } from './useMemberActions';

interface Props {
  filters: MemberFilters;
  departments: DepartmentDto[];
  onEdit: (member: MemberDto) => void;
  emptyAction?: ReactNode;
  /** Hide the departments column (e.g. when the page already shows one department). */
  compact?: boolean;
}

/** Members matching the filters, in pages of 50 with "load more", and their row actions. */
export function MemberTable({ filters, departments, onEdit, emptyAction, compact = false }: Props) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const members = useMembers(filters);
  const me = useSession('member').data?.member?.id;
  const act = useMemberActions();
  const rows = useMemo(() => members.data?.pages.flatMap((p) => p.data) ?? [], [members.data]);

  if (members.isError && rows.length === 0) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;

  const departmentCell = (member: MemberDto) => {
    const paths = member.departmentIds.map((id) => departmentPath(departments, id));
    return (
      <Flex vertical gap={2}>
        {paths.map((path) => (
          <Tooltip key={path.join('/')} title={path.join(' / ')}>
            <Typography.Text ellipsis style={{ maxWidth: 180 }}>
              {path[path.length - 1] ?? '—'}
            </Typography.Text>
          </Tooltip>
        ))}
      </Flex>
    );
  };

  const moreItems = (member: MemberDto): MenuProps['items'] => {
    const self = member.id === me;
    const items: NonNullable<MenuProps['items']> = [];
    if (member.status === 'active') items.push({ key: 'disable', label: t('memberActions.disable.menu'), disabled: self });
    if (member.status === 'disabled') items.push({ key: 'enable', label: t('memberActions.enable.menu') });
    if (member.status !== 'resigned') items.push({ key: 'resign', label: t('memberActions.resign.menu'), danger: true, disabled: self });
    return items;
  };

  const columns: TableColumnsType<MemberDto> = [
    {
      title: t('fields.name'),
      key: 'name',
      width: 190,
      render: (_, m) => (
        <Flex align="center" gap={10}>
          <Avatar src={m.avatarUrl ?? undefined} style={{ background: '#e6f4ff', color: '#1677ff', flex: 'none' }}>
            {m.name.slice(0, 1)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Flex align="center" gap={6}>
              <Typography.Text strong ellipsis>
                {m.name}
              </Typography.Text>
              {compact && m.role === 'admin' ? <RoleTag role={m.role} /> : null}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {m.account}
            </Typography.Text>
          </div>
        </Flex>
      ),
    },
    ...(compact
      ? []
      : [{ title: t('fields.departments'), key: 'departments', width: 150, render: (_: unknown, m: MemberDto) => departmentCell(m) }]),
    { title: t('fields.title'), dataIndex: 'title', key: 'title', width: 110, render: (v: string | null) => v || '—' },
    ...(compact
      ? []
      : [
          { title: t('fields.phone'), dataIndex: 'phone', key: 'phone', width: 130, render: (v: string | null) => v || '—' },
          { title: t('fields.role'), dataIndex: 'role', key: 'role', width: 90, render: (v: MemberDto['role']) => <RoleTag role={v} /> },
        ]),
    {
      title: t('fields.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (v: MemberDto['status']) => <StatusTag status={v} />,
    },
    { title: t('fields.flags'), key: 'flags', width: 150, render: (_, m) => <MemberFlags member={m} /> },
    {
      title: t('actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, m) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} disabled={m.status === 'resigned'} onClick={() => onEdit(m)}>
            {t('common:edit')}
          </Button>
          <Tooltip title={t('nav.cards')}>
            <Button
              type="link"
              size="small"
              icon={<IdcardOutlined />}
              aria-label={t('nav.cards')}
              onClick={() => navigate(`/admin/cards/${m.id}`)}
            />
          </Tooltip>
          {m.status !== 'resigned' ? (
            <Dropdown
              trigger={['click']}
              menu={{ items: moreItems(m), onClick: ({ key }) => act(m, key as 'disable' | 'enable' | 'resign') }}
            >
              <Button type="link" size="small" icon={<MoreOutlined />} aria-label={t('more')} data-testid={`member-more-${m.account}`} />
            </Dropdown>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Table<MemberDto>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={members.isPending || (members.isFetching && !members.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: compact ? 660 : 1030 }}
        size="middle"
        locale={{ emptyText: members.isPending ? ' ' : <EmptyState description={t('members.empty')} action={emptyAction} /> }}
      />
      {rows.length > 0 ? (
        <LoadMore
          shown={t('members.shown', { count: rows.length })}
          allShown={t('members.allShown')}
          hasMore={members.hasNextPage}
          loading={members.isFetchingNextPage}
          onLoadMore={() => void members.fetchNextPage()}
        />
      ) : null}
    </div>
  );
}
