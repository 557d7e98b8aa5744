import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
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
import { downloadText, formatDate, formatDateTime } from '../../common/antd/format';
import { LoadMore } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { fetchAllPages, useAllMembers } from '../hooks';
import { useTagGroups } from '../tags/hooks';
import { ContactWayDrawer } from './ContactWayDrawer';
import { contactWaysCsv } from './csv';
import { useContactWays, useDeleteContactWay } from './hooks';
import { QrModal } from './QrModal';

interface Filters {
  q?: string;
  memberId?: string;
  type?: ContactWayDto['type'];
}

const tagNames = (groups: TagGroupDto[] | undefined) => new Map((groups ?? []).flatMap((g) => g.tags.map((tag) => [tag.id, tag.name])));

/** 联系我 / 渠道活码: every contact way of the enterprise with its adds, QR codes and links. */
export function ContactWaysPage() {
  const { t, i18n } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const ways = useContactWays();
  const members = useAllMembers();
  const tagGroups = useTagGroups();
  const remove = useDeleteContactWay();
  const [filters, setFilters] = useState<Filters>({});
  const [drawer, setDrawer] = useState<{ open: boolean; way?: ContactWayDto }>({ open: false });
  const [qr, setQr] = useState<ContactWayDto>();
  const [exporting, setExporting] = useState(false);

  const memberName = useMemo(() => {
    const names = new Map((members.data ?? []).map((m) => [m.id, m.name]));
    return (id: string) => names.get(id) ?? t('contactWays.unknownMember');
  }, [members.data, t]);
  const tagName = useMemo(() => {
    const names = tagNames(tagGroups.data);
    return (id: string) => names.get(id) ?? t('contactWays.deletedTag');
  }, [tagGroups.data, t]);

  const rows = useMemo(() => ways.data?.pages.flatMap((p) => p.data) ?? [], [ways.data]);
  const shown = useMemo(() => {
    const q = filters.q?.toLowerCase();
    return rows.filter(
      (w) =>
        (!q || w.name.toLowerCase().includes(q) || w.state.toLowerCase().includes(q)) &&
        (!filters.memberId || w.memberIds.includes(filters.memberId)) &&
        (!filters.type || w.type === filters.type),
    );
  }, [rows, filters]);
  // The open QR dialog follows the list, so its adds stay current.
  const qrWay = qr && (rows.find((w) => w.id === qr.id) ?? qr);
  const totalAdds = shown.reduce((n, w) => n + w.adds, 0);
  const filtered = Boolean(filters.q || filters.memberId || filters.type);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const everything = await fetchAllPages<ContactWayDto>('/contact-ways');
      const q = filters.q?.toLowerCase();
      const selected = everything.filter(
        (w) =>
          (!q || w.name.toLowerCase().includes(q) || w.state.toLowerCase().includes(q)) &&
          (!filters.memberId || w.memberIds.includes(filters.memberId)) &&
          (!filters.type || w.type === filters.type),
      );
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
      width: 260,
      render: (_, w) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Space size={6} wrap>
            <Typography.Text strong ellipsis style={{ maxWidth: 160 }}>
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
        </Flex>
      ),
    },
    {
      title: t('contactWays.members'),
      key: 'members',
      width: 220,
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
      width: 130,
      render: (state: string) =>
        state ? <Tag style={{ marginInlineEnd: 0 }}>{state}</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('contactWays.rules'),
      key: 'rules',
      width: 190,
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
      title: t('contactWays.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (ms: number) => formatDate(ms, i18n.language),
    },
    {
      title: t('actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, w) => (
        <Space size={0}>
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
        <Col span={8}>
          <Card variant="borderless">
            <Statistic
              title={filtered ? t('contactWays.waysMatching') : t('contactWays.waysLoaded')}
              value={shown.length}
              suffix={ways.hasNextPage ? '+' : undefined}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card variant="borderless">
            <Statistic title={t('contactWays.totalAdds')} value={totalAdds} styles={{ content: { color: '#07c160' } }} />
          </Card>
        </Col>
        <Col span={8}>
          <Card variant="borderless">
            <Statistic
              title={t('contactWays.multiWays')}
              value={shown.filter((w) => w.type === 'multi').length}
              suffix={`/ ${shown.length}`}
            />
          </Card>
        </Col>
      </Row>
      <Card variant="borderless">
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            maxLength={CONTACT_WAY_LIMITS.name}
            placeholder={t('contactWays.searchPlaceholder')}
            aria-label={t('contactWays.searchPlaceholder')}
            onSearch={(value) => setFilters((f) => ({ ...f, q: value.trim() || undefined }))}
            onChange={(e) => !e.target.value && setFilters((f) => ({ ...f, q: undefined }))}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={filters.memberId}
            onChange={(memberId?: string) => setFilters((f) => ({ ...f, memberId }))}
            placeholder={t('contactWays.allMembers')}
            aria-label={t('contactWays.filterMember')}
            options={members.data.map((m) => ({ value: m.id, label: m.name }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            value={filters.type}
            onChange={(type?: ContactWayDto['type']) => setFilters((f) => ({ ...f, type }))}
            placeholder={t('contactWays.allTypes')}
            aria-label={t('contactWays.type')}
            options={(['single', 'multi'] as const).map((v) => ({ value: v, label: t(`contactWays.types.${v}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        <Table<ContactWayDto>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          pagination={false}
          scroll={{ x: 1160 }}
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
            shown={t('contactWays.shown', { count: shown.length })}
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
