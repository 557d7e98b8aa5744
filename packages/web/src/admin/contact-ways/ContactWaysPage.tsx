import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { CONTACT_WAY_LIMITS, type ContactWayDto, type TagGroupDto } from '@rapport/shared';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { downloadText, formatDate, formatDateTime } from '../../common/antd/format';
import { LoadMore } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { fetchAllPages, useAllMembers } from '../hooks';
import { useTagGroups } from '../tags/hooks';
import { ContactWayDrawer } from './ContactWayDrawer';
import { contactWaysCsv } from './csv';
import { type ContactWayFilters, useContactWaySummary, useContactWays, useDebounced, useDeleteContactWay } from './hooks';
import { QrModal } from './QrModal';

const tagNames = (groups: TagGroupDto[] | undefined) => new Map((groups ?? []).flatMap((g) => g.tags.map((tag) => [tag.id, tag.name])));

/** 联系我 / 渠道活码: every contact way of the enterprise with its adds, QR codes and links. */
export function ContactWaysPage() {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Omit<ContactWayFilters, 'q'>>({});
  // The server searches once typing pauses; the query key holds the filters, so each set is cached on its own.
  const q = useDebounced(text.trim()) || undefined;
  const filters = useMemo<ContactWayFilters>(() => ({ ...picked, q }), [picked, q]);
  const ways = useContactWays(filters);
  const members = useAllMembers();
  const tagGroups = useTagGroups();
  const remove = useDeleteContactWay();
  const [drawer, setDrawer] = useState<{ open: boolean; way?: ContactWayDto }>({ open: false });
  const [qr, setQr] = useState<ContactWayDto>();
  const [exporting, setExporting] = useState(false);
  const navigate = useNavigate();
  const customersOf = (id: string) => `/admin/customers?contactWayId=${encodeURIComponent(id)}`;

  const memberName = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.id, m.name]));
    return (id: string) => names.get(id) ?? t('contactWays.unknownMember');
  }, [members.data, t]);
  const tagName = useMemo(() => {
    const names = tagNames(tagGroups.data);
    return (id: string) => names.get(id) ?? t('contactWays.deletedTag');
  }, [tagGroups.data, t]);

  const rows = useMemo(() => ways.data?.pages.flatMap((p) => p.data) ?? [], [ways.data]);
  // The open QR dialog follows the list, so its adds stay current.
  const qrWay = qr && (rows.find((w) => w.id === qr.id) ?? qr);
  const totals = useContactWaySummary(filters).data;
  const filtered = Boolean(filters.q || filters.memberId || filters.type);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const selected = await fetchAllPages<ContactWayDto>('/contact-ways', { ...filters });
      const stamp = new Date().toISOString().slice(0, 10);
      downloadText(
        `${t('contactWays.csvName')}-${stamp}.csv`,
        contactWaysCsv(selected, memberName, tagName, t, (ms) => formatDateTime(ms, i18n.language)),
      );
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const confirmDelete = (way: ContactWayDto) =>
    modal.confirm({
      title: t('contactWays.deleteTitle', { name: way.name }),
      content: t('contactWays.deleteContent', { adds: way.adds }),
      okText: t('common:delete'),
      okButtonProps: { danger: true },
      cancelText: t('common:cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(way.id);
          message.success(t('contactWays.deleted', { name: way.name }));
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const columns: TableColumnsType<ContactWayDto> = [
    {
      title: t('contactWays.name'),
      key: 'name',
      width: 220,
      render: (_, w) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong ellipsis style={{ maxWidth: 140 }}>
              {w.name}
            </Typography.Text>
            <Tag color={w.type === 'multi' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {t(`contactWays.types.${w.type}`)}
            </Tag>
          </Space>
          {w.remark ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contactWays.remarkShort', { remark: w.remark })}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('contactWays.createdOn', { date: formatDate(w.createdAt, i18n.language) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('contactWays.members'),
      key: 'members',
      width: 150,
      render: (_, w) => {
        const names = w.memberIds.map(memberName);
        return (
          <Tooltip title={names.length > 3 ? names.join(t('contactWays.separator')) : undefined}>
            <Typography.Text>
              {names.slice(0, 3).join(t('contactWays.separator'))}
              {names.length > 3 ? ` ${t('contactWays.andMore', { count: names.length - 3 })}` : ''}
            </Typography.Text>
          </Tooltip>
        );
      },
    },
    {
      title: t('contactWays.stateColumn'),
      dataIndex: 'state',
      width: 120,
      render: (state: string) =>
        state ? <Tag style={{ marginInlineEnd: 0 }}>{state}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('contactWays.adds'),
      dataIndex: 'adds',
      width: 120,
      align: 'right',
      sorter: (a, b) => a.adds - b.adds,
      render: (adds: number, w) => (
        <Typography.Text strong data-testid={`way-adds-${w.name}`}>
          {adds.toLocaleString()}
        </Typography.Text>
      ),
    },
    {
      title: <Tooltip title={t('contactWays.addsTodayHelp')}>{t('contactWays.addsToday')}</Tooltip>,
      dataIndex: 'addsToday',
      width: 100,
      align: 'right',
      sorter: (a, b) => (a.addsToday ?? 0) - (b.addsToday ?? 0),
      render: (today: number | undefined, w) =>
        today ? (
          <Typography.Text style={{ color: '#07c160' }} data-testid={`way-today-${w.name}`}>
            +{today.toLocaleString()}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid={`way-today-${w.name}`}>
            0
          </Typography.Text>
        ),
    },
    {
      title: t('contactWays.rules'),
      key: 'rules',
      width: 180,
      render: (_, w) => (
        <Space size={[4, 4]} wrap>
          <Tag color={w.skipVerify ? 'green' : 'gold'} style={{ marginInlineEnd: 0 }}>
            {w.skipVerify ? t('contactWays.autoAccept') : t('contactWays.needsAccept')}
          </Tag>
          {w.dailyCapPerMember ? <Tag style={{ marginInlineEnd: 0 }}>{t('contactWays.capShort', { cap: w.dailyCapPerMember })}</Tag> : null}
          {w.schedules.length ? <Tag style={{ marginInlineEnd: 0 }}>{t('contactWays.scheduledShort')}</Tag> : null}
          {w.tagIds.length ? <Tag style={{ marginInlineEnd: 0 }}>{t('contactWays.tagsShort', { count: w.tagIds.length })}</Tag> : null}
          {w.welcome ? <Tag style={{ marginInlineEnd: 0 }}>{t('contactWays.welcomeShort')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('actions'),
      key: 'actions',
      width: 160,
      fixed: 'right',
      render: (_, w) => (
        <Space size={0}>
          <Tooltip title={t('contactWays.viewCustomers')}>
            <Button
              type="text"
              icon={<TeamOutlined />}
              href={customersOf(w.id)}
              onClick={(e) => {
                // A plain click stays in the app; a modified click opens a tab as a link does.
                if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                navigate(customersOf(w.id));
              }}
              aria-label={t('contactWays.customersOf', { name: w.name })}
            />
          </Tooltip>
          <Tooltip title={t('contactWays.qr')}>
            <Button type="text" icon={<QrcodeOutlined />} onClick={() => setQr(w)} aria-label={t('contactWays.qrOf', { name: w.name })} />
          </Tooltip>
          <Tooltip title={t('common:edit')}>
            <Button
              type="text"
              icon={<EditOutlined />}
              onClick={() => setDrawer({ open: true, way: w })}
              aria-label={t('contactWays.editOf', { name: w.name })}
            />
          </Tooltip>
          <Tooltip title={t('common:delete')}>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              onClick={() => confirmDelete(w)}
              aria-label={t('contactWays.deleteOf', { name: w.name })}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  const header = (
    <PageHeader
      title={t('contactWays.title')}
      description={t('contactWays.description')}
      extra={
        <>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="ways-export">
            {t('contactWays.export')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })}>
            {t('contactWays.add')}
          </Button>
        </>
      }
    />
  );
  if (ways.isPending || members.isPending || tagGroups.isPending)
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  if (ways.isError || members.isError || tagGroups.isError)
    return (
      <>
        {header}
        <ErrorState
          error={ways.error ?? members.error ?? tagGroups.error}
          onRetry={() => {
            void ways.refetch();
            void members.refetch();
            void tagGroups.refetch();
          }}
        />
      </>
    );

  return (
    <>
      {header}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title={filtered ? t('contactWays.waysMatching') : t('contactWays.waysTotal')} value={totals?.ways ?? '–'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title={t('contactWays.totalAdds')} value={totals?.adds ?? '–'} styles={{ content: { color: '#07c160' } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless" data-testid="ways-today">
            <Statistic title={t('contactWays.todayAdds')} value={totals?.addsToday ?? '–'} styles={{ content: { color: '#07c160' } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless">
            <Statistic title={t('contactWays.multiWays')} value={totals?.multi ?? '–'} suffix={totals ? `/ ${totals.ways}` : undefined} />
          </Card>
        </Col>
      </Row>
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={text}
            maxLength={CONTACT_WAY_LIMITS.name}
            placeholder={t('contactWays.searchPlaceholder')}
            aria-label={t('contactWays.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            loading={ways.isFetching && !ways.isFetchingNextPage}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.memberId}
            onChange={(memberId?: string) => setPicked((f) => ({ ...f, memberId }))}
            placeholder={t('contactWays.allMembers')}
            aria-label={t('contactWays.filterMember')}
            options={members.data.map((m) => ({ value: m.id, label: m.name }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            value={filters.type}
            onChange={(type?: ContactWayDto['type']) => setPicked((f) => ({ ...f, type }))}
            placeholder={t('contactWays.allTypes')}
            aria-label={t('contactWays.type')}
            options={(['single', 'multi'] as const).map((v) => ({ value: v, label: t(`contactWays.types.${v}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        <Table<ContactWayDto>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1050 }}
          locale={{
            emptyText: (
              <EmptyState
                description={filtered ? t('contactWays.noMatch') : t('contactWays.empty')}
                action={
                  filtered ? null : (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })}>
                      {t('contactWays.add')}
                    </Button>
                  )
                }
              />
            ),
          }}
        />
        {rows.length ? (
          <LoadMore
            shown={t('contactWays.shown', { count: rows.length })}
            allShown={t('contactWays.allShown')}
            hasMore={ways.hasNextPage}
            loading={ways.isFetchingNextPage}
            onLoadMore={() => void ways.fetchNextPage()}
          />
        ) : null}
      </Card>
      <ContactWayDrawer
        open={drawer.open}
        way={drawer.way}
        members={members.data}
        tagGroups={tagGroups.data}
        onClose={() => setDrawer({ open: false })}
        onSaved={(way, created) => {
          setDrawer({ open: false });
          if (created) setQr(way);
        }}
      />
      <QrModal
        way={qrWay}
        memberNames={qrWay ? qrWay.memberIds.map(memberName).join(t('contactWays.separator')) : ''}
        onClose={() => setQr(undefined)}
      />
    </>
  );
}
