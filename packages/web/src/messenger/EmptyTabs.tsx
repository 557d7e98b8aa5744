import type { ConsumerDto } from '@rapport/shared';
import { ErrorBlock, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/**
 * Chats: nobody to chat with yet. Honest about it: the people who serve you and your friends
 * appear here once chat arrives (next release); nothing on this screen pretends otherwise.
 */
export function ChatsPage() {
  const { t } = useTranslation('app');
  return (
    <ErrorBlock
      status="empty"
      title={t('chats.emptyTitle')}
      description={t('chats.emptyText')}
      style={{ padding: '72px 32px 24px', '--image-height': '120px' }}
      data-testid="chats-empty"
    />
  );
}

/** Contacts: empty for now, plus how staff and friends will find you (your phone or account name). */
export function ContactsPage({ consumer }: { consumer: ConsumerDto }) {
  const { t } = useTranslation('app');
  return (
    <div>
      <ErrorBlock
        status="empty"
        title={t('contacts.emptyTitle')}
        description={t('contacts.emptyText')}
        style={{ padding: '56px 32px 24px', '--image-height': '120px' }}
        data-testid="contacts-empty"
      />
      <List header={t('contacts.findMe')} mode="card">
        {consumer.phone ? <List.Item extra={consumer.phone}>{t('me.phone')}</List.Item> : null}
        {consumer.account ? <List.Item extra={consumer.account}>{t('me.account')}</List.Item> : null}
      </List>
    </div>
  );
}
