import { TagsOutlined, UserAddOutlined } from '@ant-design/icons';
import type { CustomerDto, CustomerStatusT, EnterpriseDto, MemberDto } from '@rapport/shared';
import { Alert, App, Badge, Button, Checkbox, Drawer, Modal, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../common/antd/format';
import { ListSearch, LoadMore } from '../../common/antd/lists';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { useErrorMessage } from '../../common/i18n';
import { contactGate } from '../hooks';
import { useIsDesktop } from '../layout';
import { AddCustomerModal } from './AddCustomerModal';
import { CustomerAvatar, CustomerProfile, customerName, useSourceLabel } from './CustomerProfile';
import { type CustomerFilter, useBulkTag, useCustomers, useWayRequests } from './hooks';
import { RequestsTab } from './RequestsTab';
import { TagChip, TagSelect } from './tags';

type StatusFilter = 'all' | CustomerStatusT;

/**
 * Customers (客户): my customers, searchable by remark, nickname or phone, filtered by tags and by
 * status (lost ones marked with when and why); several at once can be tagged or untagged. The
 * second tab holds the requests: consumers waiting for me through my contact ways, and mine to them.
 */
export function CustomersPage({ member, enterprise, chatEnabled }: { member: MemberDto; enterprise: EnterpriseDto; chatEnabled: boolean }) {
  const { t } = useTranslation('work');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'requests' ? 'requests' : 'customers';
  const [adding, setAdding] = useState(false);
  const wayRequests = useWayRequests();
  const waiting = wayRequests.data?.filter((r) => r.status === 'pending').length ?? 0;
  const { ready } = contactGate(member, enterprise);

  return (
    <div>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.subtitle')}
        extra={
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-customer">
            {t('customers.add')}
          </Button>
        }
      />
      {ready ? null : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customers.gateNotReady')}
          description={<Link to="/work">{t('gateRefusal.link')}</Link>}
          data-testid="customers-gate"
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'requests' ? { tab: 'requests' } : {}, { replace: true })}
        items={[
          { key: 'customers', label: t('customers.tabs.customers'), children: <CustomerList chatEnabled={chatEnabled} /> },
          {
            key: 'requests',
            label: (
              <span data-testid="tab-requests">
                {t('customers.tabs.requests')} <Badge count={waiting} size="small" offset={[2, -2]} />
              </span>
            ),
            children: <RequestsTab />,
          },
        ]}
      />
      <AddCustomerModal open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

function CustomerList({ chatEnabled }: { chatEnabled: boolean }) {
  const { t, i18n } = useTranslation('work');
  const desktop = useIsDesktop();
  const sourceLabel = useSourceLabel();
  const [text, setText] = useState('');
  const [q, setQ] = useState<string>();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<CustomerDto>();
  const filter: CustomerFilter = useMemo(() => ({ q, status: status === 'all' ? undefined : status, tagIds }), [q, status, tagIds]);
  const customers = useCustomers(filter);
  const rows = useMemo(() => customers.data?.pages.flatMap((page) => page.data) ?? [], [customers.data]);
  const navigate = useNavigate();

  const toolbar = (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
      <ListSearch value={text} onChange={setText} onQuery={setQ} placeholder={t('customers.search')} width={desktop ? 260 : '100%'} />
      <TagSelect
        value={tagIds}
        onChange={setTagIds}
        placeholder={t('customers.filterTags')}
        style={{ width: desktop ? 260 : '100%', minWidth: 0 }}
        testId="filter-tags"
      />
      <Segmented<StatusFilter>
        value={status}
        onChange={setStatus}
        options={[
          { value: 'all', label: t('customers.status.all') },
          { value: 'active', label: t('customers.status.active') },
          { value: 'lost', label: t('customers.status.lost') },
        ]}
        data-testid="filter-status"
      />
    </div>
  );

  const selectedRows = rows.filter((row) => selected.includes(row.id));
  const bulk = selected.length ? <BulkBar ids={selectedRows.map((r) => r.id)} onDone={() => setSelected([])} /> : null;

  let body: React.ReactNode;
  if (customers.isPending) body = <LoadingState rows={5} />;
  else if (customers.isError) body = <ErrorState compact error={customers.error} onRetry={() => void customers.refetch()} />;
  else if (rows.length === 0)
    body = <EmptyState description={q || tagIds.length || status !== 'all' ? t('customers.noMatch') : t('customers.empty')} />;
  else if (desktop)
    body = (
      <Table<CustomerDto>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        size="middle"
        data-testid="customer-table"
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
        rowClassName={(row) => (row.status === 'lost' ? 'rp-lost-row' : '')}
        columns={[
          {
            key: 'name',
            title: t('customers.columns.customer'),
            render: (_, row) => <NameCell customer={row} />,
          },
          {
            key: 'tags',
            title: t('customers.columns.tags'),
            render: (_, row) => (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {(row.tags ?? []).map((tag) => (
                  <TagChip key={tag.id} tag={tag} />
                ))}
              </div>
            ),
          },
          {
            key: 'added',
            title: t('customers.columns.added'),
            width: 130,
            render: (_, row) => formatDate(row.addedAt, i18n.language),
          },
          { key: 'source', title: t('customers.columns.source'), width: 180, render: (_, row) => sourceLabel(row) },
        ]}
      />
    );
  else
    body = (
      <div style={{ display: 'grid', gap: 8 }} data-testid="customer-cards">
        {rows.map((row) => (
          <div
            key={row.id}
            style={{ display: 'flex', gap: 10, alignItems: 'flex-start', background: '#fff', borderRadius: 8, padding: 12 }}
            data-testid="customer-row"
          >
            <Checkbox
              checked={selected.includes(row.id)}
              onChange={(e) => setSelected((s) => (e.target.checked ? [...s, row.id] : s.filter((id) => id !== row.id)))}
              aria-label={t('customers.select', { name: customerName(row) })}
              style={{ paddingTop: 10 }}
            />
            <button
              type="button"
              onClick={() => setOpen(row)}
              style={{ all: 'unset', cursor: 'pointer', flex: 1, minWidth: 0, display: 'grid', gap: 6 }}
            >
              <NameCell customer={row} />
              {(row.tags ?? []).length ? (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                  {(row.tags ?? []).map((tag) => (
                    <TagChip key={tag.id} tag={tag} />
                  ))}
                </div>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDate(row.addedAt, i18n.language)} · {sourceLabel(row)}
              </Typography.Text>
            </button>
          </div>
        ))}
      </div>
    );

  return (
    <div>
      {toolbar}
      {bulk}
      {body}
      {rows.length > 0 ? (
        <LoadMore
          shown={t('customers.shown', { count: rows.length })}
          allShown={t('customers.allShown')}
          hasMore={Boolean(customers.hasNextPage)}
          loading={customers.isFetchingNextPage}
          onLoadMore={() => void customers.fetchNextPage()}
        />
      ) : null}
      <Drawer
        open={Boolean(open)}
        onClose={() => setOpen(undefined)}
        title={t('profile.title')}
        size={desktop ? 420 : '100%'}
        destroyOnHidden
        extra={
          chatEnabled && open?.conversationId ? (
            <Button type="primary" onClick={() => navigate(`/work/chats/${open.conversationId}`)} data-testid="profile-chat">
              {t('profile.chat')}
            </Button>
          ) : null
        }
      >
        {open ? <CustomerProfile customerId={open.id} /> : null}
      </Drawer>
    </div>
  );
}

function NameCell({ customer }: { customer: CustomerDto }) {
  const { t, i18n } = useTranslation('work');
  const lost = customer.status === 'lost';
  return (
    <div style={{ display: 'flex', gap: 10, alignItems: 'center', minWidth: 0 }} data-testid="customer-name" data-status={customer.status}>
      <CustomerAvatar customer={customer} />
      <div style={{ minWidth: 0 }}>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
          <span style={{ fontWeight: 500, overflowWrap: 'anywhere', color: lost ? '#8c8c8c' : undefined }}>{customerName(customer)}</span>
          {lost ? (
            <Tag color="default" style={{ marginInlineEnd: 0 }} title={formatDateTime(customer.lostAt, i18n.language)}>
              {t(`customers.lostShort.${customer.lostReason ?? 'deleted'}`)}
            </Tag>
          ) : null}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {lost
            ? t('customers.lost.since', { time: formatDateTime(customer.lostAt, i18n.language) })
            : customer.remark
              ? customer.consumer.nickname
              : customer.company || null}
        </Typography.Text>
      </div>
    </div>
  );
}

/** With customers selected: put tags on all of them, or take tags off (one request, recorded). */
function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const bulk = useBulkTag();
  const [mode, setMode] = useState<'add' | 'remove'>();
  const [tagIds, setTagIds] = useState<string[]>([]);
  const apply = () => {
    if (!mode || tagIds.length === 0) return;
    bulk.mutate(
      { customerIds: ids, [mode]: tagIds },
      {
        onSuccess: (result) => {
          void message.success(
            mode === 'add'
              ? t('bulk.added', { count: result.customers, tags: result.added })
              : t('bulk.removed', { count: result.customers, tags: result.removed }),
          );
          setMode(undefined);
          setTagIds([]);
          onDone();
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };
  return (
    <div
      data-testid="bulk-bar"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 8,
        padding: '8px 12px',
        marginBottom: 12,
        background: '#e6f4ff',
        borderRadius: 8,
      }}
    >
      <span style={{ marginInlineEnd: 'auto' }}>{t('bulk.selected', { count: ids.length })}</span>
      <Button size="small" icon={<TagsOutlined />} onClick={() => setMode('add')} data-testid="bulk-tag">
        {t('bulk.tag')}
      </Button>
      <Button size="small" onClick={() => setMode('remove')} data-testid="bulk-untag">
        {t('bulk.untag')}
      </Button>
      <Button size="small" type="text" onClick={onDone}>
        {t('bulk.clear')}
      </Button>
      <Modal
        open={Boolean(mode)}
        title={mode === 'remove' ? t('bulk.untagTitle', { count: ids.length }) : t('bulk.tagTitle', { count: ids.length })}
        onCancel={() => setMode(undefined)}
        onOk={apply}
        okText={mode === 'remove' ? t('bulk.untag') : t('bulk.tag')}
        cancelText={tc('cancel')}
        okButtonProps={{ disabled: tagIds.length === 0, loading: bulk.isPending, 'data-testid': 'bulk-apply' } as never}
        destroyOnHidden
      >
        <TagSelect value={tagIds} onChange={setTagIds} placeholder={t('bulk.pick')} style={{ width: '100%' }} testId="bulk-tags" />
      </Modal>
    </div>
  );
}
