import { MessageOutlined } from '@ant-design/icons';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../common/api';
import { useErrorMessage } from '../common/i18n';
import { BusinessCardView } from '../common/mobile/BusinessCardView';
import { useCard, useEnterpriseContacts, useFindConversation, useFriends, useRemoveEnterpriseContact } from './hooks';
import { SubPage } from './Shell';
import { LoadError, Loading, NotFound } from './states';
import { PersonAvatar } from './ui';

/**
 * A member's page: their business card; for one who serves me (an enterprise contact) also
 * "Send message", "Delete" and "Block" (either makes the relationship lost and closes the chat).
 * Also reached from a business card message (`/app/cards/<memberId>`).
 */
export function MemberContactPage({ back }: { back: string | number }) {
  const { memberId = '' } = useParams();
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const card = useCard(memberId);
  const contacts = useEnterpriseContacts();
  const remove = useRemoveEnterpriseContact();
  const findConversation = useFindConversation();
  const [opening, setOpening] = useState(false);
  const isContact = (contacts.data?.data ?? []).some((g) => g.contacts.some((c) => c.card.memberId === memberId));

  const openChat = async () => {
    setOpening(true);
    try {
      const conversation = await findConversation(memberId);
      if (conversation) navigate(`/app/chats/${conversation.id}`);
      else Toast.show({ content: t('contact.noChat') });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) });
    } finally {
      setOpening(false);
    }
  };
  const confirmRemove = async (block: boolean) => {
    const name = card.data?.name ?? '';
    const ok = await Dialog.confirm({
      title: block ? t('contact.blockTitle', { name }) : t('contact.deleteTitle', { name }),
      content: block ? t('contact.blockText') : t('contact.deleteText'),
      confirmText: block ? t('contact.block') : tc('delete'),
      cancelText: tc('cancel'),
    });
    if (!ok) return;
    try {
      await remove.mutateAsync({ memberId, block });
      Toast.show({ icon: 'success', content: block ? t('contact.blocked') : t('contact.deleted') });
      navigate('/app/contacts', { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) });
    }
  };

  let body: React.ReactNode;
  if (card.isPending) body = <Loading />;
  else if (card.isError) {
    body =
      card.error instanceof ApiError && card.error.status === 404 ? (
        <NotFound />
      ) : (
        <LoadError error={card.error} onRetry={() => void card.refetch()} />
      );
  } else {
    body = (
      <div style={{ padding: 12, display: 'grid', gap: 12 }} data-testid="contact-page">
        <BusinessCardView card={card.data} />
        {isContact ? (
          <>
            <Button block color="primary" size="large" onClick={() => void openChat()} loading={opening} data-testid="contact-send-message">
              <MessageOutlined /> {t('contact.sendMessage')}
            </Button>
            <div style={{ display: 'flex', gap: 12 }}>
              <Button block onClick={() => void confirmRemove(false)} disabled={remove.isPending} data-testid="contact-delete">
                {tc('delete')}
              </Button>
              <Button
                block
                color="danger"
                fill="outline"
                style={{ background: '#fff' }}
                onClick={() => void confirmRemove(true)}
                disabled={remove.isPending}
                data-testid="contact-block"
              >
                {t('contact.block')}
              </Button>
            </div>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <SubPage title={t('contact.cardTitle')} back={back}>
      {body}
    </SubPage>
  );
}

/** A friend's page: picture, nickname and "Send message". */
export function FriendContactPage() {
  const { consumerId = '' } = useParams();
  const { t } = useTranslation('app');
  const navigate = useNavigate();
  const friends = useFriends();
  const friend = friends.data?.data.find((f) => f.consumer.id === consumerId);
  let body: React.ReactNode;
  if (friends.isPending) body = <Loading />;
  else if (friends.isError && !friends.data) body = <LoadError error={friends.error} onRetry={() => void friends.refetch()} />;
  else if (!friend) body = <NotFound />;
  else {
    body = (
      <div style={{ padding: 12, display: 'grid', gap: 12 }} data-testid="contact-page">
        <div style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '24px 20px', background: '#fff', borderRadius: 12 }}>
          <PersonAvatar url={friend.consumer.avatarUrl} name={friend.consumer.nickname} size={64} />
          <div style={{ fontSize: 20, fontWeight: 600, overflowWrap: 'anywhere' }}>{friend.consumer.nickname}</div>
        </div>
        <Button
          block
          color="primary"
          size="large"
          onClick={() => navigate(`/app/chats/${friend.conversationId}`)}
          data-testid="contact-send-message"
        >
          <MessageOutlined /> {t('contact.sendMessage')}
        </Button>
      </div>
    );
  }
  return (
    <SubPage title={t('contact.friendTitle')} back="/app/contacts">
      {body}
    </SubPage>
  );
}
