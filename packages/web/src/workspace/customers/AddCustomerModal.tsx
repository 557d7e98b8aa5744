import { SearchOutlined } from '@ant-design/icons';
import { type ConsumerCardDto, CUSTOMER_LIMITS, LIMITS } from '@rapport/shared';
import { App, Avatar, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PATTERNS } from '../../common/antd/rules';
import { ErrorAlert } from './GateAlert';
import { useLookupConsumer, useSendCustomerRequest } from './hooks';

/**
 * Add a customer: find one consumer by exact phone number or account (never a list, so nobody can
 * browse consumers), then send a request they accept in Messenger.
 */
export function AddCustomerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('work');
  const { message } = App.useApp();
  const lookup = useLookupConsumer();
  const send = useSendCustomerRequest();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ consumer: ConsumerCardDto; byPhone: boolean }>();
  const [note, setNote] = useState('');

  const reset = () => {
    setQ('');
    setFound(undefined);
    setNote('');
    lookup.reset();
    send.reset();
  };
  const close = () => {
    reset();
    onClose();
  };
  const search = () => {
    const text = q.trim();
    if (!text) return;
    setFound(undefined);
    send.reset();
    lookup.mutate(text, { onSuccess: (consumer) => setFound({ consumer, byPhone: PATTERNS.phone.test(text) }) });
  };
  const request = () => {
    if (!found) return;
    send.mutate(
      { consumerId: found.consumer.id, message: note.trim() || undefined, source: found.byPhone ? 'search_phone' : 'search_account' },
      {
        onSuccess: () => {
          void message.success(t('add.sent', { name: found.consumer.nickname }));
          close();
        },
      },
    );
  };

  return (
    <Modal open={open} onCancel={close} title={t('add.title')} footer={null} destroyOnHidden width={440}>
      <Typography.Paragraph type="secondary">{t('add.hint')}</Typography.Paragraph>
      <Input.Search
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={search}
        enterButton={<SearchOutlined aria-label={t('add.find')} />}
        maxLength={LIMITS.email}
        placeholder={t('add.placeholder')}
        aria-label={t('add.placeholder')}
        loading={lookup.isPending}
        data-testid="add-lookup"
        autoFocus
      />
      {lookup.isError ? <ErrorAlert error={lookup.error} style={{ marginTop: 12 }} /> : null}
      {found ? (
        <div style={{ marginTop: 16, display: 'grid', gap: 12 }} data-testid="add-found">
          <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <Avatar size={44} src={found.consumer.avatarUrl ?? undefined} style={{ background: '#52c41a' }}>
              {found.consumer.nickname.slice(0, 1).toUpperCase()}
            </Avatar>
            <span style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>{found.consumer.nickname}</span>
          </div>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={CUSTOMER_LIMITS.requestMessage}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('add.messagePlaceholder')}
            aria-label={t('add.message')}
          />
          {send.isError ? <ErrorAlert error={send.error} style={{ marginTop: 8 }} /> : null}
          <Button type="primary" block onClick={request} loading={send.isPending} data-testid="add-send">
            {t('add.send')}
          </Button>
        </div>
      ) : null}
    </Modal>
  );
}
