import { DownloadOutlined } from '@ant-design/icons';
import { type ContactWayDto, type CustomerDto, LIMITS, type TagGroupDto } from '@rapport/shared';
import { App, Avatar, Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { downloadText, formatDateTime } from '../../common/antd/format';
import { LoadMore } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { toCsv } from '../contact-ways/csv';
import { useContactWay, useContactWayOptions, useDebounced } from '../contact-ways/hooks';
import { fetchAllPages, useAllMembers } from '../hooks';
import { useTagGroups } from '../tags/hooks';
import { type CustomerFilters, fetchAllCustomers, useEnterpriseCustomers } from './hooks';

/** Tag groups take turns through these colours, so a group's tags look alike in every row. */
const GROUP_COLOURS = ['blue', 'green', 'purple', 'cyan', 'magenta', 'gold', 'geekblue', 'volcano', 'orange', 'lime'] as const;
/** Chips shown in a row before "+N". */
const ROW_TAGS = 3;
/** The API's bound on tags in one filter (ListCustomersQuery.tagIds). */
const MAX_FILTER_TAGS = 20;

type CustomerTag = NonNullable<CustomerDto['tags']>[number];

/** 客户总览: every customer relationship of the enterprise, whose it is, where it came from, its tags, and whether it was lost. */
export function CustomersPage() {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  // The contact way filter lives in the address, so a contact way's "view customers" link opens it.
  const [params, setParams] = useSearchParams();
  const contactWayId = params.get('contactWayId') ?? undefined;
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Pick<CustomerFilters, 'memberId' | 'status' | 'tagIds'>>({ tagIds: [] });
  const q = useDebounced(text.trim()) || undefined;
  const filters = useMemo<CustomerFilters>(() => ({ ...picked, q, contactWayId }), [picked, q, contactWayId]);
  const customers = useEnterpriseCustomers(filters);
  const members = useAllMembers();
  const tagGroups = useTagGroups();
  const [waySearch, setWaySearch] = useState('');
  const wayOptions = useContactWayOptions(useDebounced(waySearch.trim()) || undefined);
  const selectedWay = useContactWay(contactWayId);
  const [exporting, setExporting] = useState(false);

  const memberName = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.id, m.name]));
    return (id: string | null) => (id ? (names.get(id) ?? t('contactWays.unknownMember')) : '—');
  }, [members.data, t]);
  const groupColour = useMemo(() => {
    const colours = new Map((tagGroups.data ?? []).map((g, i) => [g.id, GROUP_COLOURS[i % GROUP_COLOURS.length]]));
    return (tag: CustomerTag) => (tag.groupId ? (colours.get(tag.groupId) ?? 'default') : 'default');
  }, [tagGroups.data]);
  const groupName = useMemo(() => {
    const names = new Map((tagGroups.data ?? []).map((g) => [g.id, g.name]));
    return (tag: CustomerTag) => (tag.groupId ? names.get(tag.groupId) : undefined);
  }, [tagGroups.data]);
  const rows = useMemo(() => customers.data?.pages.flatMap((p) => p.data) ?? [], [customers.data]);
  const filtered = Boolean(filters.q || filters.memberId || filters.status || filters.tagIds.length || filters.contactWayId);

  const selectedWayLabel = selectedWay.data?.name ?? (selectedWay.isError ? t('customers.deletedWay') : t('customers.loadingWay'));
  const wayChoices = useMemo(() => {
    const choices = (wayOptions.data ?? []).map((w) => ({ value: w.id, label: w.name }));
    return contactWayId && !choices.some((c) => c.value === contactWayId)
      ? [{ value: contactWayId, label: selectedWayLabel }, ...choices]
      : choices;
  }, [wayOptions.data, contactWayId, selectedWayLabel]);
  const tagChoices = useMemo(
    () =>
      (tagGroups.data ?? [])
        .filter((g) => g.tags.length)
        .map((g: TagGroupDto) => ({ label: g.name, title: g.name, options: g.tags.map((tag) => ({ value: tag.id, label: tag.name })) })),
    [tagGroups.data],
  );

  const setContactWay = (id: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('contactWayId', id);
        else next.delete('contactWayId');
        return next;
      },
      { replace: true },
    );

  const statusText = (c: CustomerDto) =>
    c.status === 'active'
      ? t('customers.status.active')
      : t('customers.lostAt', {
          reason: t(`customers.lostReason.${c.lostReason ?? 'deleted'}`),
          time: formatDateTime(c.lostAt, i18n.language),
        });

  /** Names of the ways the exported customers came through; a way deleted since is named as such. */
  const wayNames = async (selected: CustomerDto[]) => {
    const names = new Map<string, string>();
    if (contactWayId && selectedWay.data) names.set(contactWayId, selectedWay.data.name);
    if (selected.some((c) => c.contactWayId && !names.has(c.contactWayId)))
      for (const way of await fetchAllPages<ContactWayDto>('/contact-ways')) names.set(way.id, way.name);
    return (id: string | null) => (id ? (names.get(id) ?? t('customers.deletedWay')) : '');
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      const selected = await fetchAllCustomers(filters);
      const wayName = await wayNames(selected);
      const stamp = new Date().toISOString().slice(0, 10);
      downloadText(
        `${t('customers.csvName')}-${stamp}.csv`,
        toCsv(
          [
            t('customers.customer'),
            t('customers.remark'),
            t('customers.owner'),
            t('customers.addedAt'),
            t('customers.source'),
            t('customers.initiator'),
            t('customers.contactWay'),
            t('customers.state'),
            t('customers.tags'),
            t('customers.statusLabel'),
            t('customers.lostTime'),
          ],
          selected.map((c) => [
            c.consumer.nickname,
            c.remark,
            memberName(c.memberId),
            formatDateTime(c.addedAt, i18n.language),
            t(`customers.sources.${c.addSource}`),
            c.initiatorMemberId ? memberName(c.initiatorMemberId) : '',
            wayName(c.contactWayId),
            c.state ?? '',
            (c.tags ?? []).map((tag) => tag.name).join(' / '),
            c.status === 'active' ? t('customers.status.active') : t(`customers.lostReason.${c.lostReason ?? 'deleted'}`),
            c.lostAt ? formatDateTime(c.lostAt, i18n.language) : '',
          ]),
        ),
      );
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const tagChip = (tag: CustomerTag) => (
    <Tag key={tag.id} color={groupColour(tag)} title={groupName(tag)} style={{ marginInlineEnd: 0 }} data-testid="customer-tag">
      {tag.name}
    </Tag>
  );

  const columns: TableColumnsType<CustomerDto> = [
    {
      title: t('customers.customer'),
      key: 'customer',
      width: 200,
      render: (_, c) => (
        <Flex align="center" gap={10}>
          <Avatar src={c.consumer.avatarUrl ?? undefined} style={{ background: '#f6ffed', color: '#389e0d', flex: 'none' }}>
            {c.consumer.nickname.slice(0, 1)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 140 }}>
              {c.remark || c.consumer.nickname}
            </Typography.Text>
            {c.remark ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('customers.nickname', { name: c.consumer.nickname })}
              </Typography.Text>
            ) : null}
          </div>
        </Flex>
      ),
    },
    { title: t('customers.owner'), key: 'owner', width: 110, render: (_, c) => memberName(c.memberId) },
    {
      title: t('customers.tags'),
      key: 'tags',
      width: 200,
      render: (_, c) => {
        const tags = c.tags ?? [];
        if (!tags.length) return <Typography.Text type="secondary">—</Typography.Text>;
        const rest = tags.slice(ROW_TAGS);
        return (
          <Space size={[4, 4]} wrap>
            {tags.slice(0, ROW_TAGS).map(tagChip)}
            {rest.length ? (
              <Tooltip
                title={
                  <Space size={[4, 4]} wrap>
                    {rest.map(tagChip)}
                  </Space>
                }
                color="white"
              >
                <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
              </Tooltip>
            ) : null}
          </Space>
        );
      },
    },
    { title: t('customers.addedAt'), dataIndex: 'addedAt', width: 150, render: (ms: number) => formatDateTime(ms, i18n.language) },
    {
      title: t('customers.source'),
      key: 'source',
      width: 120,
      render: (_, c) => (
        <Tooltip
          title={
            c.initiatorMemberId && c.initiatorMemberId !== c.memberId
              ? t('customers.by', { name: memberName(c.initiatorMemberId) })
              : undefined
          }
        >
          <span>{t(`customers.sources.${c.addSource}`)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('customers.state'),
      dataIndex: 'state',
      width: 120,
      render: (state: string | null) =>
        state ? <Tag style={{ marginInlineEnd: 0 }}>{state}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('customers.statusLabel'),
      key: 'status',
      width: 150,
      render: (_, c) =>
        c.status === 'active' ? (
          <Tag color="success" data-testid="customer-status" data-status="active">
            {t('customers.status.active')}
          </Tag>
        ) : (
          <Flex vertical gap={2}>
            <span>
              <Tag color="error" data-testid="customer-status" data-status="lost">
                {t('customers.status.lost')}
              </Tag>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {statusText(c)}
            </Typography.Text>
          </Flex>
        ),
    },
  ];

  const header = (
    <PageHeader
      title={t('customers.title')}
      description={t('customers.description')}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="customers-export">
          {t('customers.export')}
        </Button>
      }
    />
  );
  if (members.isPending || tagGroups.isPending)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (members.isError || tagGroups.isError)
    return (
      <>
        {header}
        <ErrorState
          error={members.error ?? tagGroups.error}
          onRetry={() => {
            void members.refetch();
            void tagGroups.refetch();
          }}
        />
      </>
    );

  return (
    <>
      {header}
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={text}
            maxLength={LIMITS.searchQuery}
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('customers.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            loading={customers.isFetching && !customers.isFetchingNextPage}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.memberId}
            onChange={(memberId?: string) => setPicked((f) => ({ ...f, memberId }))}
            placeholder={t('contactWays.allMembers')}
            aria-label={t('customers.owner')}
            options={members.data.map((m) => ({ value: m.id, label: m.name }))}
            style={{ width: 150 }}
          />
          <Select
            mode="multiple"
            allowClear
            value={filters.tagIds}
            onChange={(tagIds: string[]) => setPicked((f) => ({ ...f, tagIds }))}
            options={tagChoices}
            showSearch={{ optionFilterProp: 'label' }}
            maxCount={MAX_FILTER_TAGS}
            maxTagCount="responsive"
            placeholder={t('customers.allTags')}
            aria-label={t('customers.filterTags')}
            notFoundContent={t('customers.noTags')}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            value={contactWayId}
            onChange={(id?: string) => setContactWay(id)}
            options={wayChoices}
            showSearch={{ filterOption: false, onSearch: setWaySearch }}
            onOpenChange={(open) => !open && setWaySearch('')}
            loading={wayOptions.isFetching}
            placeholder={t('customers.allWays')}
            aria-label={t('customers.contactWay')}
            notFoundContent={t('customers.noWays')}
            style={{ width: 200 }}
          />
          <Select
            allowClear
            value={filters.status}
            onChange={(status?: CustomerDto['status']) => setPicked((f) => ({ ...f, status }))}
            placeholder={t('customers.allStatuses')}
            aria-label={t('customers.statusLabel')}
            options={(['active', 'lost'] as const).map((s) => ({ value: s, label: t(`customers.status.${s}`) }))}
            style={{ width: 130 }}
          />
        </Flex>
        {customers.isError && rows.length === 0 ? (
          <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />
        ) : (
          <>
            <Table<CustomerDto>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={customers.isPending}
              pagination={false}
              scroll={{ x: 1050 }}
              locale={{ emptyText: <EmptyState description={filtered ? t('customers.noMatch') : t('customers.empty')} /> }}
            />
            {rows.length ? (
              <LoadMore
                shown={t('customers.shown', { count: rows.length })}
                allShown={t('customers.allShown')}
                hasMore={customers.hasNextPage}
                loading={customers.isFetchingNextPage}
                onLoadMore={() => void customers.fetchNextPage()}
              />
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
