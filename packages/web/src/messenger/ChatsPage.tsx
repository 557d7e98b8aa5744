import type { BusinessCardDto, ConversationDto } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeMessage, isMine, useConversations } from '../common/chat';
import { EnterpriseBadge } from '../common/mobile/BusinessCardView';
import { peopleKeys, useCard } from './hooks';
import { useMeInChat } from './Shell';
import { LoadError, Loading } from './states';
import { PersonAvatar, useChatTime } from './ui';

/** Chats: my conversations, most recent first, with the last message, its time and my unread count; live. */
export function ChatsPage() {
  const { t } = useTranslation('app');
  const _tc = useTranslation('common').t;
  const list = useConversations('consumer');
  if (list.isPending) return <Loading />;
  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.conversations.length === 0) {
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
  return (
    <div data-testid="chat-list" style={{ background: '#fff' }}>
      {list.conversations.map((c) => (
        <ConversationRow key={c.id} conversation={c} />
      ))}
      {list.hasNextPage ? (
        <div style={{ padding: 12, textAlign: 'center', background: '#ededed' }}>
          <Button size="small" fill="none" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {t('chats.loadMore')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function ConversationRow({ conversation }: { conversation: ConversationDto }) {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMeInChat();
  const time = useChatTime();
  const peer = conversation.peers[0];
  const card = useCard(peer?.kind === 'member' ? peer.id : undefined).data;
  const name = peer?.name ?? '';
  const last = conversation.lastMessage;
  const preview = last
    ? describeMessage(tc, last, {
        recalledBy: isMine(last, me) ? 'me' : name,
        cardName: (id) => client.getQueryData<BusinessCardDto>(peopleKeys.card(id))?.name,
      })
    : '';
  return (
    <button
      type="button"
      className="rp-chat-row"
      data-testid="chat-row"
      data-conversation={conversation.id}
      onClick={() => navigate(`/app/chats/${conversation.id}`)}
    >
      <Badge
        content={conversation.unread > 0 ? (conversation.unread > 99 ? '99+' : conversation.unread) : null}
        style={{ '--right': '2px', '--top': '2px' }}
      >
        <PersonAvatar url={peer?.avatarUrl ?? card?.avatarUrl} name={name} size={48} />
      </Badge>
      <span className="rp-chat-row-main">
        <span className="rp-chat-row-top">
          <span className="rp-chat-row-name">{name}</span>
          {card ? (
            <EnterpriseBadge shortName={card.enterpriseShortName} verified={card.enterpriseVerified} style={{ flex: '0 1 auto' }} />
          ) : null}
          <span className="rp-chat-row-time">{time(conversation.lastMessageAt ?? conversation.createdAt)}</span>
        </span>
        <span className="rp-chat-row-preview" data-testid="chat-row-preview">
          {conversation.status === 'closed' ? <span style={{ color: '#fa5151' }}>{t('chats.closed')} </span> : null}
          {preview}
        </span>
      </span>
    </button>
  );
}
