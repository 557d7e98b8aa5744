import type { ContactWayRequestDto, CustomerRequestDto, CustomerRequestStatusT } from '@rapport/shared';
import { Avatar, Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { ErrorAlert } from './GateAlert';
import { useAcceptWayRequest, useSentRequests, useWayRequests } from './hooks';

const STATUS_COLOR: Record<CustomerRequestStatusT, string> = {
  pending: 'processing',
  accepted: 'success',
  declined: 'default',
  expired: 'default',
};

/** Requests: consumers waiting for me through contact ways without skipVerify, and my requests to consumers. */
export function RequestsTab() {
  const { t } = useTranslation('work');
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card variant="borderless" title={t('requests.incoming')} size="small">
        <Typography.Paragraph type="secondary" style={{ marginTop: 0, fontSize: 13 }}>
          {t('requests.incomingHint')}
        </Typography.Paragraph>
        <Incoming />
      </Card>
      <Card variant="borderless" title={t('requests.sent')} size="small">
        <Sent />
      </Card>
    </div>
  );
}

function Incoming() {
  const { t } = useTranslation('work');
  const requests = useWayRequests();
  if (requests.isPending) return <LoadingState rows={2} />;
  if (requests.isError) return <ErrorState compact error={requests.error} onRetry={() => void requests.refetch()} />;
  const pending = requests.data.filter((r) => r.status === 'pending');
  if (pending.length === 0) return <EmptyState description={t('requests.noIncoming')} />;
  return (
    <div style={{ display: 'grid', gap: 8 }} data-testid="way-requests">
      {pending.map((request) => (
        <IncomingRow key={request.id} request={request} />
      ))}
    </div>
  );
}

function IncomingRow({ request }: { request: ContactWayRequestDto }) {
  const { t, i18n } = useTranslation('work');
  const accept = useAcceptWayRequest();
  const [accepted, setAccepted] = useState(false);
  return (
    <div data-testid="way-request" style={{ display: 'grid', gap: 8 }}>
      <Row
        name={request.consumerNickname}
        avatarUrl={null}
        detail={formatDateTime(request.createdAt, i18n.language)}
        action={
          <Button
            type="primary"
            size="small"
            loading={accept.isPending}
            disabled={accepted}
            onClick={() => accept.mutate(request.id, { onSuccess: () => setAccepted(true) })}
            data-testid="way-request-accept"
          >
            {accepted ? t('requests.accepted') : t('requests.accept')}
          </Button>
        }
      />
      {accept.isError ? <ErrorAlert error={accept.error} /> : null}
    </div>
  );
}

function Sent() {
  const { t, i18n } = useTranslation('work');
  const requests = useSentRequests();
  if (requests.isPending) return <LoadingState rows={2} />;
  if (requests.isError) return <ErrorState compact error={requests.error} onRetry={() => void requests.refetch()} />;
  if (requests.data.data.length === 0) return <EmptyState description={t('requests.noSent')} />;
  return (
    <div style={{ display: 'grid', gap: 8 }} data-testid="sent-requests">
      {requests.data.data.map((request: CustomerRequestDto) => (
        <Row
          key={request.id}
          name={request.consumer.nickname}
          avatarUrl={request.consumer.avatarUrl}
          detail={
            request.message
              ? `${formatDateTime(request.createdAt, i18n.language)} · ${request.message}`
              : formatDateTime(request.createdAt, i18n.language)
          }
          action={
            <Tag color={STATUS_COLOR[request.status]} style={{ marginInlineEnd: 0 }} data-testid="sent-status">
              {t(`requests.status.${request.status}`)}
            </Tag>
          }
        />
      ))}
    </div>
  );
}

function Row({ name, avatarUrl, detail, action }: { name: string; avatarUrl: string | null; detail: string; action: React.ReactNode }) {
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'center', minWidth: 0 }}>
      <Avatar src={avatarUrl ?? undefined} style={{ background: '#52c41a', flex: 'none' }}>
        {name.slice(0, 1).toUpperCase()}
      </Avatar>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{name}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
          {detail}
        </Typography.Text>
      </div>
      <div style={{ flex: 'none' }}>{action}</div>
    </div>
  );
}
