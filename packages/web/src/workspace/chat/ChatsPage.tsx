import {
  ArrowLeftOutlined,
  CloseOutlined,
  MessageOutlined,
  PaperClipOutlined,
  PictureOutlined,
  SmileOutlined,
  ThunderboltOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { CHAT_LIMITS, type ChatMessageDto, type ConversationDto, type MemberDto } from '@rapport/shared';
import { Alert, App, Avatar, Badge, Button, Card, Drawer, Input, Popover, Skeleton, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../common/antd/format';
import { PageHeader } from '../../common/antd/PageHeader';
import { EmptyState, ErrorState } from '../../common/antd/states';
import {
  type ChatItem,
  type ChatMe,
  describeMessage,
  isMine,
  mayRecall,
  needsTimeSeparator,
  newestSeqOf,
  uploadFile,
  useChatMe,
  useConversation,
  useConversations,
  useMarkRead,
  useMessages,
  useRecall,
  useSendMessage,
} from '../../common/chat';
import { useErrorMessage } from '../../common/i18n';
import { CustomerProfile, LostNote } from '../customers/CustomerProfile';
import { useIsDesktop, useIsWide } from '../layout';
import { useCustomerOfConversation, useRemarks } from './hooks';
import { MessageBubble } from './MessageBubble';
import { ManageQuickReplies, QuickReplyPicker } from './QuickReplies';
import './chat.css';

/** Height of the Workspace header; the chat fills the rest of the screen. */
const HEADER = 56;

/**
 * Chats (消息): my conversations with customers beside the open one, and the customer's profile
 * beside that (desktop). On a phone the list and a conversation are separate screens, the profile a
 * drawer.
 */
export function ChatsPage({ member }: { member: MemberDto }) {
  const { t } = useTranslation('work');
  const { conversationId } = useParams();
  const desktop = useIsDesktop();
  const wide = useIsWide();
  const me = useChatMe('member', member.id);
  if (!desktop) {
    return conversationId ? (
      <div style={{ height: `calc(100dvh - ${HEADER}px)`, display: 'flex', flexDirection: 'column', background: '#f5f6f8' }}>
        <ChatPane key={conversationId} me={me} id={conversationId} />
      </div>
    ) : (
      <div>
        <PageHeader title={t('nav.chats')} />
        <ConversationList active={undefined} />
      </div>
    );
  }
  return (
    <Card
      variant="borderless"
      styles={{ body: { padding: 0, height: `calc(100dvh - ${HEADER + 48}px)`, display: 'flex', minHeight: 480 } }}
      style={{ overflow: 'hidden' }}
    >
      <div style={{ width: wide ? 280 : 240, flex: 'none', borderInlineEnd: '1px solid #f0f0f0', overflowY: 'auto', padding: 8 }}>
        <ConversationList active={conversationId} />
      </div>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', background: '#f5f6f8' }}>
        {conversationId ? <ChatPane key={conversationId} me={me} id={conversationId} /> : <NoConversation />}
      </div>
    </Card>
  );
}

function NoConversation() {
  const { t } = useTranslation('work');
  return (
    <div style={{ margin: 'auto', textAlign: 'center', color: '#8c8c8c' }}>
      <MessageOutlined style={{ fontSize: 40, color: '#d9d9d9' }} />
      <div style={{ marginTop: 8 }}>{t('chat.pick')}</div>
    </div>
  );
}

const peerOf = (conversation: ConversationDto) => conversation.peers.find((p) => p.kind === 'consumer') ?? conversation.peers[0];

/** The conversation list: newest first, unread counts, last message preview; live. */
function ConversationList({ active }: { active: string | undefined }) {
  const { t, i18n } = useTranslation('work');
  const tc = useTranslation('common').t;
  const navigate = useNavigate();
  const list = useConversations('member');
  const remarks = useRemarks(list.conversations);
  const nameOf = (c: ConversationDto) => {
    const peer = peerOf(c);
    return (peer && remarks.get(peer.id)) || peer?.name || t('chat.unknown');
  };
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f
      ? list.conversations.filter((c) => {
          const peer = peerOf(c);
          return [peer?.name, peer && remarks.get(peer.id)].some((n) => n?.toLowerCase().includes(f));
        })
      : list.conversations;
  }, [list.conversations, filter, remarks]);

  if (list.isPending) return <Skeleton active avatar paragraph={{ rows: 2 }} style={{ padding: 12 }} />;
  if (list.isError) return <ErrorState compact error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <nav aria-label={t('chat.listLabel')} data-testid="conversation-list">
      <Input.Search
        allowClear
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder={t('chat.filter')}
        aria-label={t('chat.filter')}
        style={{ marginBottom: 8 }}
      />
      {list.conversations.length === 0 ? <EmptyState description={t('chat.empty')} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2 }}>
        {shown.map((c) => {
          const peer = peerOf(c);
          const name = nameOf(c);
          return (
            <button
              type="button"
              key={c.id}
              className="rp-conv"
              aria-current={c.id === active}
              onClick={() => navigate(`/work/chats/${c.id}`)}
              data-testid="conversation"
              data-unread={c.unread}
              style={{ background: active === undefined ? '#fff' : undefined }}
            >
              <Badge count={c.unread} size="small" data-testid="conversation-unread">
                <Avatar src={peer?.avatarUrl ?? undefined} style={{ background: '#52c41a' }}>
                  {name.slice(0, 1).toUpperCase()}
                </Avatar>
              </Badge>
              <span style={{ flex: 1, minWidth: 0 }}>
                <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <span style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</span>
                  <span style={{ fontSize: 11, color: '#8c8c8c', flex: 'none' }}>
                    {shortTime(c.lastMessageAt ?? c.createdAt, i18n.language)}
                  </span>
                </span>
                <span
                  style={{
                    display: 'block',
                    fontSize: 12,
                    color: '#8c8c8c',
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                  }}
                  data-testid="conversation-preview"
                >
                  {c.status === 'closed' ? `${t('chat.closedShort')} · ` : ''}
                  {c.lastMessage
                    ? describeMessage(tc, c.lastMessage, { recalledBy: c.lastMessage.sender.kind === 'member' ? 'me' : undefined })
                    : t('chat.noMessages')}
                </span>
              </span>
            </button>
          );
        })}
      </div>
      {list.hasNextPage ? (
        <Button block type="link" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('chat.more')}
        </Button>
      ) : null}
    </nav>
  );
}

/** "14:05" today, else a short date. */
function shortTime(ms: number, lang: string) {
  const date = new Date(ms);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return new Intl.DateTimeFormat(lang, sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'numeric', day: 'numeric' }).format(
    date,
  );
}

function ChatPane({ me, id }: { me: ChatMe; id: string }) {
  const { t } = useTranslation('work');
  const desktop = useIsDesktop();
  // The profile sits beside the chat when there is room, else it opens in a drawer.
  const beside = useIsWide();
  const navigate = useNavigate();
  const conversation = useConversation('member', id);
  const customer = useCustomerOfConversation(conversation.data);
  const [profileOpen, setProfileOpen] = useState(false);
  if (conversation.isPending) return <Skeleton active paragraph={{ rows: 6 }} style={{ padding: 24 }} />;
  if (conversation.isError) return <ErrorState compact error={conversation.error} onRetry={() => void conversation.refetch()} />;
  const c = conversation.data;
  const peer = peerOf(c);
  const customerId = customer.data?.id;
  const name = customer.data?.remark || peer?.name || t('chat.unknown');
  return (
    <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <div
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: desktop ? '10px 16px' : '8px 8px',
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            flex: 'none',
          }}
        >
          {desktop ? null : (
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('chat.back')} onClick={() => navigate('/work/chats')} />
          )}
          <span
            style={{
              fontWeight: 600,
              fontSize: 16,
              flex: 1,
              minWidth: 0,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
            }}
            data-testid="chat-title"
          >
            {name}
          </span>
          {!beside && customerId ? (
            <Button
              type="text"
              icon={<UserOutlined />}
              aria-label={t('profile.title')}
              onClick={() => setProfileOpen(true)}
              data-testid="chat-profile"
            />
          ) : null}
        </div>
        <Messages me={me} conversation={c} />
        {c.status === 'closed' ? (
          <div style={{ padding: 12, background: '#fff', borderTop: '1px solid #f0f0f0' }} data-testid="chat-closed">
            {customer.data?.status === 'lost' ? (
              <LostNote customer={customer.data} />
            ) : (
              <Alert type="warning" showIcon title={t('chat.closed')} />
            )}
          </div>
        ) : (
          <Composer me={me} conversation={c} />
        )}
      </div>
      {beside ? (
        <aside
          style={{ width: 300, flex: 'none', borderInlineStart: '1px solid #f0f0f0', background: '#fff', overflowY: 'auto', padding: 16 }}
          aria-label={t('profile.title')}
        >
          {customerId ? (
            <CustomerProfile customerId={customerId} />
          ) : customer.isPending ? (
            <Skeleton active avatar paragraph={{ rows: 6 }} />
          ) : (
            <Typography.Text type="secondary">{t('chat.noProfile')}</Typography.Text>
          )}
        </aside>
      ) : (
        <Drawer
          open={profileOpen}
          onClose={() => setProfileOpen(false)}
          title={t('profile.title')}
          size={desktop ? 400 : '100%'}
          destroyOnHidden
        >
          {customerId ? <CustomerProfile customerId={customerId} /> : null}
        </Drawer>
      )}
    </div>
  );
}

/** The message list: older pages on demand, time separators, read marks; scrolled to the newest. */
function Messages({ me, conversation }: { me: ChatMe; conversation: ConversationDto }) {
  const { t, i18n } = useTranslation('work');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const messages = useMessages(me, conversation.id);
  const { retry, discard } = useSendMessage(me, conversation.id);
  const recall = useRecall(me, conversation.id);
  const [, setQuote] = useQuoteState(conversation.id);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const items = messages.items;
  useMarkRead(me, conversation, newestSeqOf(items), true);

  // Follow the newest message while the view is at the bottom (or after my own send).
  const last = items[items.length - 1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: the newest bubble is the trigger
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (stick.current || (last && isMine(last.message, me))) el.scrollTop = el.scrollHeight;
  }, [last?.key, last?.state, items.length]);
  // Images load after the first layout: stay at the bottom as they grow the list (load does not bubble; capture does).
  useEffect(() => {
    const el = scroller.current;
    if (!el || messages.isPending) return;
    const onLoad = () => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    };
    el.addEventListener('load', onLoad, true);
    return () => el.removeEventListener('load', onLoad, true);
  }, [messages.isPending]);

  const bySeq = useMemo(() => new Map(items.filter((i) => i.message.seq).map((i) => [i.message.seq, i.message])), [items]);
  const readUpTo = Math.min(...conversation.peers.map((p) => p.readSeq), Number.MAX_SAFE_INTEGER);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);

  if (messages.isPending) return <Skeleton active paragraph={{ rows: 5 }} style={{ padding: 24, flex: 1 }} />;
  if (messages.isError)
    return (
      <div style={{ flex: 1 }}>
        <ErrorState compact error={messages.error} onRetry={() => void messages.refetch()} />
      </div>
    );
  return (
    <div
      ref={scroller}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
      style={{ flex: 1, minHeight: 0, overflowY: 'auto', padding: '12px 16px', display: 'grid', gap: 10, alignContent: 'start' }}
      data-testid="messages"
    >
      {messages.hasOlder ? (
        <Button
          size="small"
          type="link"
          loading={messages.loadingOlder}
          onClick={() => void messages.loadOlder()}
          style={{ justifySelf: 'center' }}
        >
          {t('chat.older')}
        </Button>
      ) : null}
      {items.length === 0 && conversation.status === 'open' ? (
        <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 24 }}>
          {t('chat.start')}
        </Typography.Text>
      ) : null}
      {items.map((item: ChatItem, index) => {
        const mine = isMine(item.message, me);
        const previous = items[index - 1]?.message;
        return (
          <div key={item.key} style={{ display: 'grid', gap: 6 }}>
            {needsTimeSeparator(previous, item.message) ? (
              <div style={{ textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
                {formatDateTime(item.message.createdAt, i18n.language)}
              </div>
            ) : null}
            <MessageBubble
              item={item}
              mine={mine}
              quoted={item.message.quoteSeq ? bySeq.get(item.message.quoteSeq) : undefined}
              read={mine && item.state === 'sent' ? item.message.seq <= readUpTo : undefined}
              canRecall={item.state === 'sent' && mayRecall(item.message, conversation, me, now)}
              onQuote={() => setQuote(item.message)}
              onRecall={() => recall.mutate(item.message.seq, { onError: (error) => void message.error(errorMessage(error)) })}
              onRetry={() => item.outbox && retry(item.outbox)}
              onDiscard={() => item.outbox && discard(item.outbox)}
              failure={item.outbox?.error ? errorMessage(item.outbox.error) : undefined}
            />
          </div>
        );
      })}
    </div>
  );
}

// The quoted message is shared by the list (which sets it) and the composer (which sends it).
const quotes = new Map<string, ChatMessageDto | undefined>();
const quoteListeners = new Set<() => void>();
function useQuoteState(conversationId: string) {
  const [, force] = useState(0);
  useEffect(() => {
    const listener = () => force((n) => n + 1);
    quoteListeners.add(listener);
    return () => {
      quoteListeners.delete(listener);
    };
  }, []);
  const set = (message: ChatMessageDto | undefined) => {
    quotes.set(conversationId, message);
    for (const l of quoteListeners) l();
  };
  return [quotes.get(conversationId), set] as const;
}

const EMOJI = [
  '😀',
  '😁',
  '😂',
  '🤣',
  '😊',
  '😍',
  '😘',
  '😎',
  '🤔',
  '😅',
  '😉',
  '🙂',
  '😮',
  '😢',
  '😭',
  '😡',
  '👍',
  '👎',
  '👏',
  '🙏',
  '💪',
  '🤝',
  '👌',
  '✌️',
  '❤️',
  '💔',
  '🎉',
  '🎁',
  '🌹',
  '☕',
  '🍰',
  '🔥',
  '✅',
  '❌',
  '⭐',
  '💯',
  '📦',
  '🛍️',
  '💰',
  '📞',
];

/** The chat box: text with emoji, quick replies, a quoted message; Enter sends, Shift+Enter breaks the line. */
function Composer({ me, conversation }: { me: ChatMe; conversation: ConversationDto }) {
  const { t } = useTranslation('work');
  const tc = useTranslation('common').t;
  const desktop = useIsDesktop();
  const { send } = useSendMessage(me, conversation.id);
  const [text, setText] = useState('');
  const [quote, setQuote] = useQuoteState(conversation.id);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [quickOpen, setQuickOpen] = useState(false);
  const [managing, setManaging] = useState(false);
  const input = useRef<TextAreaRef>(null);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [uploading, setUploading] = useState(false);
  const picture = useRef<HTMLInputElement>(null);
  const anyFile = useRef<HTMLInputElement>(null);
  // An attachment is stored first, then sent like any message (pending bubble, retry with its client id).
  const attach = (kind: 'image' | 'file') => async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadFile('member', kind, file);
      send({ kind, body: stored.attachment, quoteSeq: quote?.seq });
      setQuote(undefined);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };

  const insert = (value: string) => {
    const el = input.current?.resizableTextArea?.textArea;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = (text.slice(0, start) + value + text.slice(end)).slice(0, CHAT_LIMITS.textLength);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      const at = Math.min(start + value.length, next.length);
      el?.setSelectionRange(at, at);
    });
  };
  const picker = (
    <QuickReplyPicker
      fill={!desktop}
      onPick={(reply) => {
        insert(reply.text);
        setQuickOpen(false);
      }}
      onManage={() => {
        setQuickOpen(false);
        setManaging(true);
      }}
    />
  );
  const quickButton = (
    <Button type="text" icon={<ThunderboltOutlined />} onClick={desktop ? undefined : () => setQuickOpen(true)} data-testid="quick-button">
      {t('quick.button')}
    </Button>
  );
  const submit = () => {
    const body = text.trim();
    if (!body) return;
    send({ kind: 'text', body: { text: body }, quoteSeq: quote?.seq });
    setText('');
    setQuote(undefined);
  };

  return (
    <div style={{ background: '#fff', borderTop: '1px solid #f0f0f0', padding: desktop ? '8px 12px 12px' : 8, flex: 'none' }}>
      <div style={{ display: 'flex', gap: 4, marginBottom: 6 }}>
        <Popover
          open={emojiOpen}
          onOpenChange={setEmojiOpen}
          trigger="click"
          placement="topLeft"
          content={
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(8, 32px)', gap: 2 }} data-testid="emoji-panel">
              {EMOJI.map((emoji) => (
                <button
                  type="button"
                  key={emoji}
                  className="rp-emoji"
                  onClick={() => {
                    insert(emoji);
                    setEmojiOpen(false);
                  }}
                >
                  {emoji}
                </button>
              ))}
            </div>
          }
        >
          <Tooltip title={t('chat.emoji')}>
            <Button type="text" icon={<SmileOutlined />} aria-label={t('chat.emoji')} data-testid="emoji-button" />
          </Tooltip>
        </Popover>
        {desktop ? (
          <Popover
            open={quickOpen}
            onOpenChange={setQuickOpen}
            trigger="click"
            placement="topLeft"
            title={t('quick.title')}
            content={picker}
          >
            {quickButton}
          </Popover>
        ) : (
          <>
            {quickButton}
            {/* A phone picks from a bottom sheet, as wide as the screen. */}
            <Drawer
              open={quickOpen}
              onClose={() => setQuickOpen(false)}
              placement="bottom"
              size="70%"
              title={t('quick.title')}
              styles={{ body: { padding: 12 } }}
            >
              {picker}
            </Drawer>
          </>
        )}
        <Tooltip title={t('chat.image')}>
          <Button
            type="text"
            icon={<PictureOutlined />}
            aria-label={t('chat.image')}
            loading={uploading}
            onClick={() => picture.current?.click()}
            data-testid="attach-image"
          />
        </Tooltip>
        <Tooltip title={t('chat.file')}>
          <Button
            type="text"
            icon={<PaperClipOutlined />}
            aria-label={t('chat.file')}
            disabled={uploading}
            onClick={() => anyFile.current?.click()}
            data-testid="attach-file"
          />
        </Tooltip>
        <input ref={picture} type="file" accept="image/*" hidden onChange={attach('image')} data-testid="attach-image-input" />
        <input ref={anyFile} type="file" hidden onChange={attach('file')} data-testid="attach-file-input" />
      </div>
      {managing ? <ManageQuickReplies onClose={() => setManaging(false)} /> : null}
      {quote ? (
        <div
          style={{
            display: 'flex',
            gap: 8,
            alignItems: 'center',
            background: '#f5f5f5',
            borderRadius: 6,
            padding: '4px 8px',
            marginBottom: 6,
            fontSize: 12,
          }}
          data-testid="composer-quote"
        >
          <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: '#595959' }}>
            {t('chat.replyingTo', { text: describeMessage(tc, quote) })}
          </span>
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            aria-label={t('chat.cancelQuote')}
            onClick={() => setQuote(undefined)}
          />
        </div>
      ) : null}
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
        <Input.TextArea
          ref={input}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && desktop) {
              e.preventDefault();
              submit();
            }
          }}
          maxLength={CHAT_LIMITS.textLength}
          autoSize={{ minRows: desktop ? 2 : 1, maxRows: 6 }}
          placeholder={desktop ? t('chat.placeholder') : t('chat.placeholderPhone')}
          aria-label={t('chat.input')}
          data-testid="chat-input"
        />
        <Button type="primary" onClick={submit} disabled={!text.trim()} data-testid="chat-send">
          {t('chat.send')}
        </Button>
      </div>
    </div>
  );
}
