import { Button, Dialog, ErrorBlock, List, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../common/i18n';
import { BusinessCardView } from '../common/mobile/BusinessCardView';
import { useCustomerRequests, useDecideCustomerRequest, useDecideFriendRequest, useFindConversation, useFriendRequests } from './hooks';
import { SubPage } from './Shell';
import { LoadError, Loading } from './states';
import { PersonAvatar } from './ui';

/**
 * New friends: requests waiting for me. Staff of an enterprise come with their business card and
 * "@enterprise" badge, so I know who is asking before I accept; friends with their nickname.
 */
export function NewFriendsPage() {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const friendRequests = useFriendRequests();
  const customerRequests = useCustomerRequests();
  const decideFriend = useDecideFriendRequest();
  const decideCustomer = useDecideCustomerRequest();
  const findConversation = useFindConversation();

  const fail = (error: unknown) => Toast.show({ icon: 'fail', content: errorMessage(error) });

  const acceptCustomer = async (id: string, memberId: string) => {
    try {
      await decideCustomer.mutateAsync({ id, accept: true });
      Toast.show({ icon: 'success', content: t('newFriends.accepted') });
      const conversation = await findConversation(memberId).catch(() => undefined);
      navigate(conversation ? `/app/chats/${conversation.id}` : '/app/contacts');
    } catch (error) {
      fail(error);
    }
  };
  const declineCustomer = async (id: string) => {
    const ok = await Dialog.confirm({
      content: t('newFriends.declineConfirm'),
      confirmText: t('newFriends.decline'),
      cancelText: tc('cancel'),
    });
    if (ok) decideCustomer.mutate({ id, accept: false }, { onError: fail });
  };
  const decideFriendRequest = (id: string, accept: boolean) =>
    decideFriend.mutate(
      { id, accept },
      {
        onSuccess: (request) => {
          if (accept && request.conversationId) navigate(`/app/chats/${request.conversationId}`);
        },
        onError: fail,
      },
    );

  const loading = friendRequests.isPending || customerRequests.isPending;
  const error = (friendRequests.isError && !friendRequests.data) || (customerRequests.isError && !customerRequests.data);
  const incomingFriends = friendRequests.data?.incoming ?? [];
  const outgoingFriends = friendRequests.data?.outgoing ?? [];
  const incomingCustomers = customerRequests.data?.data ?? [];
  const busy = decideFriend.isPending || decideCustomer.isPending;

  return (
    <SubPage title={t('contacts.newFriends')} back="/app/contacts">
      <div data-testid="new-friends" style={{ paddingBottom: 24 }}>
        {loading ? <Loading /> : null}
        {error ? (
          <LoadError
            error={friendRequests.error ?? customerRequests.error}
            onRetry={() => {
              void friendRequests.refetch();
              void customerRequests.refetch();
            }}
          />
        ) : null}
        {!loading && !error && incomingFriends.length + incomingCustomers.length + outgoingFriends.length === 0 ? (
          <ErrorBlock
            status="empty"
            title={t('newFriends.emptyTitle')}
            description={t('newFriends.emptyText')}
            style={{ padding: '64px 32px', '--image-height': '100px' }}
          />
        ) : null}

        {incomingCustomers.map((request) => (
          <section key={request.id} className="rp-request" data-testid="customer-request">
            <div className="rp-request-intro">{t('newFriends.staffWantsToAdd', { name: request.card.name })}</div>
            {request.message ? <div className="rp-request-message">“{request.message}”</div> : null}
            <BusinessCardView card={request.card} style={{ boxShadow: 'none', borderRadius: 8 }} />
            <div className="rp-request-actions">
              <Button block onClick={() => void declineCustomer(request.id)} disabled={busy} data-testid="customer-request-decline">
                {t('newFriends.decline')}
              </Button>
              <Button
                block
                color="primary"
                onClick={() => void acceptCustomer(request.id, request.card.memberId)}
                loading={decideCustomer.isPending && decideCustomer.variables?.id === request.id && decideCustomer.variables.accept}
                disabled={busy}
                data-testid="customer-request-accept"
              >
                {t('newFriends.accept')}
              </Button>
            </div>
          </section>
        ))}

        {incomingFriends.length > 0 ? (
          <List header={t('newFriends.friendRequests')}>
            {incomingFriends.map((request) => (
              <List.Item
                key={request.id}
                prefix={<PersonAvatar url={request.from.avatarUrl} name={request.from.nickname} size={44} />}
                description={request.message || t('newFriends.wantsToBeFriends')}
                extra={
                  <span style={{ display: 'flex', gap: 8 }}>
                    <Button
                      size="small"
                      onClick={() => decideFriendRequest(request.id, false)}
                      disabled={busy}
                      data-testid="friend-request-decline"
                    >
                      {t('newFriends.decline')}
                    </Button>
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => decideFriendRequest(request.id, true)}
                      disabled={busy}
                      data-testid="friend-request-accept"
                    >
                      {t('newFriends.accept')}
                    </Button>
                  </span>
                }
                data-testid="friend-request"
              >
                {request.from.nickname}
              </List.Item>
            ))}
          </List>
        ) : null}

        {outgoingFriends.length > 0 ? (
          <List header={t('newFriends.sent')}>
            {outgoingFriends.map((request) => (
              <List.Item
                key={request.id}
                prefix={<PersonAvatar url={request.to.avatarUrl} name={request.to.nickname} size={44} />}
                extra={<span style={{ fontSize: 14, color: '#8c8c8c' }}>{t('newFriends.waiting')}</span>}
              >
                {request.to.nickname}
              </List.Item>
            ))}
          </List>
        ) : null}
      </div>
    </SubPage>
  );
}
