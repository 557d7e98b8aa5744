import { SafetyCertificateFilled } from '@ant-design/icons';
import type { OperatorEnterpriseDto } from '@rapport/shared';
import { App, Button, Card, Flex, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../common/antd/format';
import { ListSearch, LoadMore } from '../common/antd/lists';
import { PageHeader } from '../common/antd/PageHeader';
import { EmptyState, ErrorState } from '../common/antd/states';
import { useErrorMessage } from '../common/i18n';
import { type EnterpriseFilters, useEnterprises, useSetVerification } from './hooks';

type VerificationFilter = 'all' | 'unverified' | 'verified';

/** Every enterprise of the deployment; the operator grants or withdraws verification here. */
export function EnterprisesPage() {
  const { t, i18n } = useTranslation('operator');
  const errorMessage = useErrorMessage();
  const { modal, message } = App.useApp();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<EnterpriseFilters>({});
  const enterprises = useEnterprises(filters);
  const setVerification = useSetVerification();
  const rows = useMemo(() => enterprises.data?.pages.flatMap((p) => p.data) ?? [], [enterprises.data]);

  const confirm = (e: OperatorEnterpriseDto, verified: boolean) =>
    modal.confirm({
      title: t(verified ? 'verify.title' : 'unverify.title', { name: e.name }),
      content: t(verified ? 'verify.content' : 'unverify.content', { shortName: e.shortName }),
      okText: t(verified ? 'verify.ok' : 'unverify.ok'),
      okButtonProps: { danger: !verified },
      cancelText: t('common:cancel'),
      onOk: async () => {
        try {
          await setVerification.mutateAsync({ id: e.id, verified });
          message.success(t(verified ? 'verify.done' : 'unverify.done', { name: e.name }));
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const columns: TableColumnsType<OperatorEnterpriseDto> = [
    {
      title: t('fields.enterprise'),
      key: 'name',
      render: (_, e) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{e.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              @{e.shortName} · {t('fields.code')}: {e.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('fields.verification'),
      key: 'verification',
      width: 150,
      render: (_, e) =>
        e.verification === 'verified' ? (
          <Flex vertical gap={2}>
            <Tag color="success" icon={<SafetyCertificateFilled />} style={{ width: 'fit-content' }} data-testid="verification-tag">
              {t('verification.verified')}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(e.verifiedAt, i18n.language)}
            </Typography.Text>
          </Flex>
        ) : (
          <Tag color="warning" data-testid="verification-tag">
            {t('verification.unverified')}
          </Tag>
        ),
    },
    { title: t('fields.members'), dataIndex: 'memberCount', key: 'members', width: 100, align: 'right' },
    {
      title: t('fields.admins'),
      key: 'admins',
      render: (_, e) =>
        e.adminAccounts.length ? (
          <Space size={[4, 4]} wrap>
            {e.adminAccounts.map((a) => (
              <Tag key={a} variant="filled">
                {a}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('fields.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 190,
      render: (v: number) => formatDateTime(v, i18n.language),
    },
    {
      title: t('fields.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, e) =>
        e.verification === 'verified' ? (
          <Button size="small" danger onClick={() => confirm(e, false)} data-testid={`unverify-${e.code}`}>
            {t('unverify.action')}
          </Button>
        ) : (
          <Button size="small" type="primary" onClick={() => confirm(e, true)} data-testid={`verify-${e.code}`}>
            {t('verify.action')}
          </Button>
        ),
    },
  ];

  const verification: VerificationFilter = filters.verification ?? 'all';
  return (
    <>
      <PageHeader title={t('enterprises.title')} description={t('enterprises.description')} />
      <Card variant="borderless">
        <Flex gap={12} wrap justify="space-between" style={{ marginBottom: 16 }}>
          <ListSearch
            value={search}
            onChange={setSearch}
            onQuery={(q) => setFilters((f) => ({ ...f, q }))}
            placeholder={t('enterprises.searchPlaceholder')}
            width={320}
          />
          <Segmented<VerificationFilter>
            value={verification}
            onChange={(value) => setFilters((f) => ({ ...f, verification: value === 'all' ? undefined : value }))}
            options={[
              { value: 'all', label: t('enterprises.all') },
              { value: 'unverified', label: t('verification.unverified') },
              { value: 'verified', label: t('verification.verified') },
            ]}
          />
        </Flex>
        {enterprises.isError && rows.length === 0 ? (
          <ErrorState error={enterprises.error} onRetry={() => void enterprises.refetch()} />
        ) : (
          <>
            <Table<OperatorEnterpriseDto>
              rowKey="id"
              columns={columns}
              dataSource={rows}
              loading={enterprises.isPending || (enterprises.isFetching && !enterprises.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 980 }}
              size="middle"
              locale={{ emptyText: enterprises.isPending ? ' ' : <EmptyState description={t('enterprises.empty')} /> }}
            />
            {rows.length > 0 ? (
              <LoadMore
                shown={t('enterprises.shown', { count: rows.length })}
                allShown={t('enterprises.allShown')}
                hasMore={enterprises.hasNextPage}
                loading={enterprises.isFetchingNextPage}
                onLoadMore={() => void enterprises.fetchNextPage()}
              />
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
