import type { ContactWayRequestDto, CustomerRequestDto, CustomerRequestStatusT } from '@rapport/shared';
import { App, Avatar, Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../common/antd/format';
import { EmptyState, ErrorState, LoadingState } from '../../common/antd/states';
import { ErrorAlert } from './GateAlert';
import { useAcceptWayRequest, useDeclineWayRequest, useSentRequests, useWayRequests } from './hooks';

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
  const { message } = App.useApp();
  const accept = useAcceptWayRequest();
  const decline = useDeclineWayRequest();
  const [done, setDone] = useState<'accepted' | 'declined'>();
  const error = accept.error ?? decline.error;
  return (
    <div data-testid="way-request" style={{ display: 'grid', gap: 8 }}>
      <Row
        name={request.consumerNickname}
        avatarUrl={null}
        detail={formatDateTime(request.createdAt, i18n.language)}
        action={
          done ? (
            <Tag style={{ marginInlineEnd: 0 }}>{t(`requests.${done}`)}</Tag>
          ) : (
            <span style={{ display: 'inline-flex', gap: 8 }}>
              <Button
                size="small"
                loading={decline.isPending}
                disabled={accept.isPending}
                onClick={() => decline.mutate(request.id, { onSuccess: () => setDone('declined') })}
                data-testid="way-request-decline"
              >
                {t('requests.decline')}
              </Button>
              <Button
                type="primary"
                size="small"
                loading={accept.isPending}
                disabled={decline.isPending}
                onClick={() =>
                  accept.mutate(request.id, {
                    onSuccess: () => {
                      setDone('accepted');
                      void message.success(t('requests.acceptedToast', { name: request.consumerNickname }));
                    },
                  })
                }
                data-testid="way-request-accept"
              >
                {t('requests.accept')}
              </Button>
            </span>
          )
        }
      />
      {error ? <ErrorAlert error={error} /> : null}
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
