import { DownloadOutlined } from '@ant-design/icons';
import { type CustomerDto, LIMITS } from '@rapport/shared';
import { App, Avatar, Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText, formatDateTime } from '../../common/antd/format';
import { LoadMore } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { toCsv } from '../contact-ways/csv';
import { fetchAllPages, useAllMembers } from '../hooks';
import { type CustomerFilters, useEnterpriseCustomers } from './hooks';

const matches = (c: CustomerDto, q: string) =>
  [c.consumer.nickname, c.remark, c.state ?? '', c.company, ...c.remarkPhones].some((v) => v.toLowerCase().includes(q));

/** 客户总览: every customer relationship of the enterprise, whose it is, where it came from, and whether it was lost. */
export function CustomersPage() {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<CustomerFilters>({});
  const [q, setQ] = useState<string>();
  const customers = useEnterpriseCustomers(filters);
  const members = useAllMembers();
  const [exporting, setExporting] = useState(false);

  const memberName = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.id, m.name]));
    return (id: string | null) => (id ? (names.get(id) ?? t('contactWays.unknownMember')) : '—');
  }, [members.data, t]);
  const rows = useMemo(() => customers.data?.pages.flatMap((p) => p.data) ?? [], [customers.data]);
  const shown = useMemo(() => (q ? rows.filter((c) => matches(c, q.toLowerCase())) : rows), [rows, q]);

  const statusText = (c: CustomerDto) =>
    c.status === 'active'
      ? t('customers.status.active')
      : t('customers.lostAt', {
          reason: t(`customers.lostReason.${c.lostReason ?? 'deleted'}`),
          time: formatDateTime(c.lostAt, i18n.language),
        });

  const exportCsv = async () => {
    setExporting(true);
    try {
      const everything = await fetchAllPages<CustomerDto>('/enterprise-customers', { ...filters });
      const selected = q ? everything.filter((c) => matches(c, q.toLowerCase())) : everything;
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
            t('customers.state'),
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
            c.state ?? '',
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

  const columns: TableColumnsType<CustomerDto> = [
    {
      title: t('customers.customer'),
      key: 'customer',
      render: (_, c) => (
        <Flex align="center" gap={10}>
          <Avatar src={c.consumer.avatarUrl ?? undefined} style={{ background: '#f6ffed', color: '#389e0d', flex: 'none' }}>
            {c.consumer.nickname.slice(0, 1)}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong ellipsis style={{ display: 'block', maxWidth: 220 }}>
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
    { title: t('customers.owner'), key: 'owner', width: 140, render: (_, c) => memberName(c.memberId) },
    { title: t('customers.addedAt'), dataIndex: 'addedAt', width: 190, render: (ms: number) => formatDateTime(ms, i18n.language) },
    {
      title: t('customers.source'),
      key: 'source',
      width: 150,
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
      width: 130,
      render: (state: string | null) =>
        state ? <Tag style={{ marginInlineEnd: 0 }}>{state}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('customers.statusLabel'),
      key: 'status',
      width: 220,
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
  if (members.isPending)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (members.isError)
    return (
      <>
        {header}
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      </>
    );

  return (
    <>
      {header}
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            maxLength={LIMITS.searchQuery}
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('customers.searchPlaceholder')}
            onSearch={(value) => setQ(value.trim() || undefined)}
            onChange={(e) => !e.target.value && setQ(undefined)}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.memberId}
            onChange={(memberId?: string) => setFilters((f) => ({ ...f, memberId }))}
            placeholder={t('contactWays.allMembers')}
            aria-label={t('customers.owner')}
            options={members.data.map((m) => ({ value: m.id, label: m.name }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            value={filters.status}
            onChange={(status?: CustomerDto['status']) => setFilters((f) => ({ ...f, status }))}
            placeholder={t('customers.allStatuses')}
            aria-label={t('customers.statusLabel')}
            options={(['active', 'lost'] as const).map((s) => ({ value: s, label: t(`customers.status.${s}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {customers.isError && rows.length === 0 ? (
          <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />
        ) : (
          <>
            {q && customers.hasNextPage ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {t('customers.searchLoaded')}
              </Typography.Paragraph>
            ) : null}
            <Table<CustomerDto>
              rowKey="id"
              columns={columns}
              dataSource={shown}
              loading={customers.isPending}
              pagination={false}
              scroll={{ x: 960 }}
              locale={{
                emptyText: (
                  <EmptyState description={q || filters.memberId || filters.status ? t('customers.noMatch') : t('customers.empty')} />
                ),
              }}
            />
            {rows.length ? (
              <LoadMore
                shown={t('customers.shown', { count: shown.length })}
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
