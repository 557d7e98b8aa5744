import { TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import type { ConsumerDto } from '@rapport/shared';
import { Badge, ErrorBlock, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EnterpriseBadge } from '../common/mobile/BusinessCardView';
import { useEnterpriseContacts, useFriends, useNewFriendsCount } from './hooks';
import { LoadError, Loading } from './states';
import { PersonAvatar } from './ui';

const tile = (colour: string, node: React.ReactNode) => (
  <span
    style={{
      width: 40,
      height: 40,
      borderRadius: 6,
      background: colour,
      color: '#fff',
      display: 'grid',
      placeItems: 'center',
      fontSize: 20,
    }}
  >
    {node}
  </span>
);

/**
 * Contacts: New friends (requests), Add friend, then my friends and, apart from them, the staff
 * of enterprises who serve me, with their "@enterprise" badge.
 */
export function ContactsPage({ consumer }: { consumer: ConsumerDto }) {
  const { t } = useTranslation('app');
  const navigate = useNavigate();
  const newFriends = useNewFriendsCount();
  const friends = useFriends();
  const enterprise = useEnterpriseContacts();

  const loading = friends.isPending || enterprise.isPending;
  const failed = (friends.isError && !friends.data) || (enterprise.isError && !enterprise.data);
  const friendList = [...(friends.data?.data ?? [])].sort((a, b) => a.consumer.nickname.localeCompare(b.consumer.nickname));
  const groups = enterprise.data?.data ?? [];
  const empty = !loading && !failed && friendList.length === 0 && groups.length === 0;

  return (
    <div style={{ paddingBottom: 24 }}>
      <List style={{ '--border-top': 'none' }}>
        <List.Item
          prefix={tile('#fa9d3b', <UserAddOutlined />)}
          extra={newFriends > 0 ? <Badge content={newFriends} /> : null}
          onClick={() => navigate('/app/contacts/new')}
          data-testid="contacts-new-friends"
        >
          {t('contacts.newFriends')}
        </List.Item>
        <List.Item
          prefix={tile('#07c160', <TeamOutlined />)}
          onClick={() => navigate('/app/contacts/add')}
          data-testid="contacts-add-friend"
        >
          {t('contacts.addFriend')}
        </List.Item>
      </List>

      {loading ? <Loading /> : null}
      {failed ? (
        <LoadError
          error={friends.error ?? enterprise.error}
          onRetry={() => {
            void friends.refetch();
            void enterprise.refetch();
          }}
        />
      ) : null}

      {groups.length > 0 ? (
        <List header={t('contacts.enterpriseContacts')} data-testid="contacts-enterprise">
          {groups.flatMap((group) =>
            group.contacts.map((contact) => (
              <List.Item
                key={contact.card.memberId}
                prefix={<PersonAvatar url={contact.card.avatarUrl} name={contact.card.name} size={40} />}
                description={contact.card.title ?? group.enterprise.name}
                onClick={() => navigate(`/app/contacts/enterprise/${contact.card.memberId}`)}
                data-testid="enterprise-contact"
              >
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
                  {contact.card.name}
                  <EnterpriseBadge shortName={group.enterprise.shortName} verified={group.enterprise.verified} />
                </span>
              </List.Item>
            )),
          )}
        </List>
      ) : null}

      {friendList.length > 0 ? (
        <List header={t('contacts.friends')} data-testid="contacts-friends">
          {friendList.map((friend) => (
            <List.Item
              key={friend.consumer.id}
              prefix={<PersonAvatar url={friend.consumer.avatarUrl} name={friend.consumer.nickname} size={40} />}
              onClick={() => navigate(`/app/contacts/friends/${friend.consumer.id}`)}
              data-testid="friend"
            >
              {friend.consumer.nickname}
            </List.Item>
          ))}
        </List>
      ) : null}

      {empty ? (
        <>
          <ErrorBlock
            status="empty"
            title={t('contacts.emptyTitle')}
            description={t('contacts.emptyText')}
            style={{ padding: '40px 32px 16px', '--image-height': '100px' }}
            data-testid="contacts-empty"
          />
          <List header={t('contacts.findMe')} mode="card">
            {consumer.phone ? <List.Item extra={consumer.phone}>{t('me.phone')}</List.Item> : null}
            {consumer.account ? <List.Item extra={consumer.account}>{t('me.account')}</List.Item> : null}
          </List>
        </>
      ) : null}
    </div>
  );
}
