import {
  AudioOutlined,
  CloseOutlined,
  FileOutlined,
  MoreOutlined,
  PictureOutlined,
  PlusCircleOutlined,
  SmileOutlined,
} from '@ant-design/icons';
import type { BusinessCardDto } from '@rapport/shared';
import { CHAT_LIMITS, type ChatMessageDto, type ConversationDto } from '@rapport/shared';
import { useQueryClient } from '@tanstack/react-query';
import { ActionSheet, Button, NavBar, Toast } from 'antd-mobile';
import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../common/api';
import {
  type ChatItem,
  describeMessage,
  isMine,
  lastReadByPeers,
  mayRecall,
  needsTimeSeparator,
  newClientId,
  newestSeqOf,
  type OutboxEntry,
  uploadFile,
  useConversation,
  useMarkRead,
  useMessages,
  useRecall,
  useSendMessage,
} from '../common/chat';
import { useErrorMessage } from '../common/i18n';
import { EnterpriseBadge } from '../common/mobile/BusinessCardView';
import { MessageContent, SendState } from './Bubble';
import { EMOJI } from './emoji';
import { peopleKeys, useCard } from './hooks';
import { OfflineBanner, useMeInChat } from './Shell';
import { LoadError, Loading, NotFound } from './states';
import { PersonAvatar, useChatTime } from './ui';
import { HoldToTalk, KeyboardIcon, type RecordedVoice } from './VoiceInput';

/** Copies text, also where the async clipboard is unavailable (plain http). */
async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

/** A recorded voice note on its way: uploading, or failed (resend uploads it again). */
interface VoiceUpload {
  key: string;
  voice: RecordedVoice;
  quoteSeq: number | null;
  createdAt: number;
  state: 'pending' | 'failed';
  error?: unknown;
}

/** The bubble of an upload: a voice message of mine without a file yet (it cannot be played). */
function uploadItem(upload: VoiceUpload, conversationId: string, me: { as: 'member' | 'consumer'; id: string }): ChatItem {
  return {
    key: upload.key,
    state: upload.state,
    message: {
      id: '',
      conversationId,
      seq: 0,
      sender: { kind: me.as, id: me.id },
      clientId: upload.key,
      kind: 'voice',
      body: { fileId: '', durationMs: upload.voice.durationMs },
      quoteSeq: upload.quoteSeq,
      recalledAt: null,
      createdAt: upload.createdAt,
    },
  };
}

/** Long press on touch screens, right click with a mouse: both open a bubble's menu. */
function useLongPress(onPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const cancel = () => clearTimeout(timer.current);
  return {
    onTouchStart: () => {
      cancel();
      timer.current = setTimeout(onPress, 500);
    },
    onTouchEnd: cancel,
    onTouchMove: cancel,
    onContextMenu: (event: React.MouseEvent) => {
      event.preventDefault();
      onPress();
    },
  };
}

/** The chat with one person: bubbles with time separators, read marks, the long-press menu and the input. */
export function ChatPage() {
  const { id = '' } = useParams();
  const me = useMeInChat();
  const conversation = useConversation('consumer', id);
  if (conversation.isPending) return <ChatFrame title="" />;
  if (conversation.isError && !conversation.data) {
    if (conversation.error instanceof ApiError && conversation.error.status === 404) {
      return (
        <ChatFrame title="">
          <NotFound />
        </ChatFrame>
      );
    }
    return (
      <ChatFrame title="">
        <LoadError error={conversation.error} onRetry={() => void conversation.refetch()} />
      </ChatFrame>
    );
  }
  return <Chat key={id} conversation={conversation.data} me={me} />;
}

function ChatFrame({ title, right, children }: { title: React.ReactNode; right?: React.ReactNode; children?: React.ReactNode }) {
  const navigate = useNavigate();
  return (
    <>
      <NavBar onBack={() => navigate('/app/chats')} right={right}>
        {title}
      </NavBar>
      <OfflineBanner />
      {children ?? <Loading />}
    </>
  );
}

function Chat({ conversation, me }: { conversation: ConversationDto; me: ReturnType<typeof useMeInChat> }) {
  const { t } = useTranslation('app');
  const tc = useTranslation('common').t;
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const time = useChatTime();
  const peer = conversation.peers[0];
  const card = useCard(peer?.kind === 'member' ? peer.id : undefined).data;
  const messages = useMessages(me, conversation.id);
  const { send, retry, discard } = useSendMessage(me, conversation.id);
  const recall = useRecall(me, conversation.id);
  const [quote, setQuote] = useState<ChatMessageDto | null>(null);
  const [uploads, setUploads] = useState<VoiceUpload[]>([]);
  useMarkRead(me, conversation, newestSeqOf(messages.items, me));
  // Voice notes still uploading (or whose upload failed) show as my pending bubbles after the rest.
  const items = [...messages.items, ...uploads.map((u) => uploadItem(u, conversation.id, me))];

  const name = peer?.name ?? '';
  const stored = items.filter((i) => i.state === 'sent').map((i) => i.message);
  const readMark = lastReadByPeers(conversation, stored, me);
  const bySeq = new Map(stored.map((m) => [m.seq, m]));
  const describe = (m: ChatMessageDto) =>
    describeMessage(tc, m, {
      recalledBy: isMine(m, me) ? 'me' : name,
      cardName: (memberId) => client.getQueryData<BusinessCardDto>(peopleKeys.card(memberId))?.name,
    });

  // Scrolling: start at the bottom, follow new messages while near it, keep the place when older ones load.
  const scroller = useRef<HTMLDivElement>(null);
  const fromBottom = useRef<number | null>(null);
  const lastKey = useRef<string | undefined>(undefined);
  const lastItem = items[items.length - 1];
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (fromBottom.current !== null) {
      // Older messages (and the spinner before them) grow the list above: keep the distance to the bottom.
      el.scrollTop = el.scrollHeight - fromBottom.current;
      if (!messages.loadingOlder) fromBottom.current = null;
      return;
    }
    if (lastItem?.key === lastKey.current) return;
    const first = lastKey.current === undefined;
    lastKey.current = lastItem?.key;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 160;
    if (first || nearBottom || (lastItem && isMine(lastItem.message, me))) el.scrollTop = el.scrollHeight;
  });
  const loadOlder = () => {
    const el = scroller.current;
    if (!el || !messages.hasOlder || messages.loadingOlder) return;
    fromBottom.current = el.scrollHeight - el.scrollTop;
    void messages.loadOlder().catch((error: unknown) => {
      fromBottom.current = null;
      Toast.show({ icon: 'fail', content: errorMessage(error) });
    });
  };
  const onScroll = () => {
    if ((scroller.current?.scrollTop ?? Number.POSITIVE_INFINITY) <= 48) loadOlder();
  };

  const openMenu = (item: ChatItem) => {
    const m = item.message;
    if (item.state !== 'sent' || m.recalledAt !== null) return;
    const actions = [
      { key: 'quote', text: t('chat.quote') },
      ...(m.kind === 'text' ? [{ key: 'copy', text: t('chat.copy') }] : []),
      ...(mayRecall(m, conversation, me) ? [{ key: 'recall', text: t('chat.recall'), danger: true }] : []),
    ];
    const handler = ActionSheet.show({
      actions,
      cancelText: tc('cancel'),
      onAction: (action) => {
        handler.close();
        if (action.key === 'quote') setQuote(m);
        if (action.key === 'copy') void copyText(String(m.body?.text ?? '')).then(() => Toast.show({ content: t('chat.copied') }));
        if (action.key === 'recall') {
          recall.mutate(m.seq, { onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error) }) });
        }
      },
    });
  };

  // A failed bubble (a message or a voice upload): send it again or drop it.
  const openResendMenu = (resend: () => void, drop: () => void) => {
    const handler = ActionSheet.show({
      actions: [
        { key: 'resend', text: t('chat.resend') },
        { key: 'discard', text: tc('delete'), danger: true },
      ],
      cancelText: tc('cancel'),
      onAction: (action) => {
        handler.close();
        if (action.key === 'resend') resend();
        else drop();
      },
    });
  };
  // A message goes again with the same clientId, so never twice.
  const openFailedMenu = (entry: OutboxEntry) =>
    openResendMenu(
      () => retry(entry),
      () => discard(entry),
    );

  // A voice note: its bubble shows at once; upload, then send it through the outbox like any message.
  const sendVoice = async (upload: VoiceUpload) => {
    setUploads((list) => [...list.filter((u) => u.key !== upload.key), { ...upload, state: 'pending', error: undefined }]);
    try {
      const stored = await uploadFile(me.as, 'voice', upload.voice.blob, {
        name: upload.voice.name,
        durationMs: upload.voice.durationMs,
      });
      setUploads((list) => list.filter((u) => u.key !== upload.key));
      send({ kind: 'voice', body: stored.attachment, quoteSeq: upload.quoteSeq ?? undefined });
    } catch (error) {
      setUploads((list) => list.map((u) => (u.key === upload.key ? { ...u, state: 'failed', error } : u)));
    }
  };
  const openFailedUploadMenu = (upload: VoiceUpload) =>
    openResendMenu(
      () => void sendVoice(upload),
      () => setUploads((list) => list.filter((u) => u.key !== upload.key)),
    );
  const failedLabelOf = (item: ChatItem) => {
    const upload = uploads.find((u) => u.key === item.key);
    const error = upload ? upload.error : item.outbox?.error;
    const retryable = upload
      ? !(upload.error instanceof ApiError) || upload.error.status === 0 || upload.error.status >= 500
      : item.outbox?.retryable;
    return error && !retryable ? errorMessage(error) : t('chat.retry');
  };

  const contactPath = peer
    ? peer.kind === 'member'
      ? `/app/contacts/enterprise/${peer.id}`
      : `/app/contacts/friends/${peer.id}`
    : undefined;
  const title = (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }} data-testid="chat-title">
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</span>
      {card ? <EnterpriseBadge shortName={card.enterpriseShortName} verified={card.enterpriseVerified} /> : null}
    </span>
  );
  const right = contactPath ? (
    <button
      type="button"
      aria-label={t('chat.details')}
      onClick={() => navigate(contactPath)}
      className="rp-icon-button"
      data-testid="chat-details"
    >
      <MoreOutlined />
    </button>
  ) : null;

  let body: React.ReactNode;
  if (messages.isPending) body = <Loading />;
  else if (messages.isError && !messages.data) body = <LoadError error={messages.error} onRetry={() => void messages.refetch()} />;
  else {
    body = (
      <>
        {messages.hasOlder ? (
          <div className="rp-chat-older">
            {messages.loadingOlder ? (
              <Loading />
            ) : (
              // Also a button: a first page too short to scroll must still reach the older ones.
              <button type="button" className="rp-link-button" onClick={loadOlder} data-testid="chat-load-older">
                {t('chat.older')}
              </button>
            )}
          </div>
        ) : null}
        {items.map((item, index) => {
          const m = item.message;
          const previous = items[index - 1]?.message;
          const mine = isMine(m, me);
          const separator = needsTimeSeparator(previous, m) ? (
            <div className="rp-chat-time" key={`t-${item.key}`}>
              {time(m.createdAt, true)}
            </div>
          ) : null;
          if (m.recalledAt !== null) {
            return [
              separator,
              <div className="rp-chat-notice" key={item.key} data-testid="bubble-recalled">
                {describe(m)}
              </div>,
            ];
          }
          const quoted = m.quoteSeq ? bySeq.get(m.quoteSeq) : undefined;
          return [
            separator,
            <Bubble
              key={item.key}
              item={item}
              mine={mine}
              avatar={mine ? null : <PersonAvatar url={peer?.avatarUrl ?? card?.avatarUrl} name={name} size={40} />}
              quote={
                m.quoteSeq ? (quoted ? `${isMine(quoted, me) ? t('chat.me') : name}: ${describe(quoted)}` : t('chat.quotedEarlier')) : null
              }
              read={mine && item.state === 'sent' && m.seq === readMark}
              onMenu={() => openMenu(item)}
              onRetry={() => {
                const upload = uploads.find((u) => u.key === item.key);
                if (upload) openFailedUploadMenu(upload);
                else if (item.outbox) openFailedMenu(item.outbox);
              }}
              failedLabel={failedLabelOf(item)}
            />,
          ];
        })}
      </>
    );
  }

  return (
    <>
      <NavBar onBack={() => navigate('/app/chats')} right={right}>
        {title}
      </NavBar>
      <OfflineBanner />
      <div ref={scroller} className="rp-chat-scroll" onScroll={onScroll} data-testid="chat-messages">
        {body}
      </div>
      {conversation.status === 'closed' ? (
        <div className="rp-chat-closed" data-testid="chat-closed">
          {t(conversation.closedReason === 'CUSTOMER_LOST' ? 'chat.closedLost' : 'chat.closedOther')}
        </div>
      ) : (
        <Composer
          onSend={(text) => {
            send({ kind: 'text', body: { text }, quoteSeq: quote?.seq });
            setQuote(null);
          }}
          onAttach={async (kind, file) => {
            Toast.show({ icon: 'loading', content: t('chat.uploading'), duration: 0 });
            try {
              const stored = await uploadFile(me.as, kind, file);
              Toast.clear();
              send({ kind, body: stored.attachment, quoteSeq: quote?.seq });
              setQuote(null);
            } catch (error) {
              Toast.show({ icon: 'fail', content: errorMessage(error) });
            }
          }}
          onVoice={(voice) => {
            void sendVoice({ key: `voice-${newClientId()}`, voice, quoteSeq: quote?.seq ?? null, createdAt: Date.now(), state: 'pending' });
            setQuote(null);
          }}
          quote={quote ? `${isMine(quote, me) ? t('chat.me') : name}: ${describe(quote)}` : null}
          onClearQuote={() => setQuote(null)}
        />
      )}
    </>
  );
}

function Bubble({
  item,
  mine,
  avatar,
  quote,
  read,
  onMenu,
  onRetry,
  failedLabel,
}: {
  item: ChatItem;
  mine: boolean;
  avatar: React.ReactNode;
  quote: string | null;
  read: boolean;
  onMenu: () => void;
  onRetry: () => void;
  failedLabel: string;
}) {
  const { t } = useTranslation('app');
  const press = useLongPress(onMenu);
  return (
    <div
      className={`rp-bubble-row${mine ? ' rp-bubble-mine' : ''}`}
      data-testid="bubble"
      data-state={item.state}
      data-seq={item.message.seq || undefined}
    >
      {avatar}
      <div className="rp-bubble-column">
        <div className="rp-bubble-line">
          {mine && item.state !== 'sent' ? <SendState state={item.state} onRetry={onRetry} label={failedLabel} /> : null}
          <div className="rp-bubble-body" {...press}>
            <MessageContent message={item.message} mine={mine} />
          </div>
        </div>
        {quote ? <div className="rp-bubble-quote">{quote}</div> : null}
        {item.state === 'failed' ? <div className="rp-bubble-failed">{failedLabel}</div> : null}
        {read ? (
          <div className="rp-bubble-read" data-testid="bubble-read">
            {t('chat.read')}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Composer({
  onSend,
  onAttach,
  onVoice,
  quote,
  onClearQuote,
}: {
  onSend: (text: string) => void;
  onAttach: (kind: 'image' | 'file', file: File) => Promise<void>;
  onVoice: (voice: RecordedVoice) => void;
  quote: string | null;
  onClearQuote: () => void;
}) {
  const { t } = useTranslation('app');
  const [text, setText] = useState('');
  // WeChat's left toggle: the keyboard, or the "Hold to talk" button in its place.
  const [voiceMode, setVoiceMode] = useState(false);
  const [panel, setPanel] = useState<'emoji' | 'attach' | null>(null);
  const emojiOpen = panel === 'emoji';
  const setEmojiOpen = (update: boolean | ((open: boolean) => boolean)) =>
    setPanel((current) => ((typeof update === 'function' ? update(current === 'emoji') : update) ? 'emoji' : null));
  const input = useRef<HTMLTextAreaElement>(null);
  const picture = useRef<HTMLInputElement>(null);
  const anyFile = useRef<HTMLInputElement>(null);
  const pick = (kind: 'image' | 'file') => (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPanel(null);
    void onAttach(kind, file);
  };
  const canSend = /\S/.test(text);
  const submit = () => {
    if (!canSend) return;
    onSend(text);
    setText('');
    input.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const insert = (emoji: string) => {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    if (next.length > CHAT_LIMITS.textLength) return;
    setText(next);
    requestAnimationFrame(() => {
      el?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };
  return (
    <div className="rp-composer" data-testid="composer">
      {quote ? (
        <div className="rp-composer-quote" data-testid="composer-quote">
          <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{quote}</span>
          <button type="button" className="rp-icon-button" aria-label={t('chat.cancelQuote')} onClick={onClearQuote}>
            <CloseOutlined />
          </button>
        </div>
      ) : null}
      <div className="rp-composer-row">
        <button
          type="button"
          className="rp-icon-button rp-composer-icon"
          aria-label={voiceMode ? t('chat.keyboardMode') : t('chat.voiceMode')}
          data-testid="composer-voice-toggle"
          data-mode={voiceMode ? 'voice' : 'keyboard'}
          onClick={() => {
            setPanel(null);
            setVoiceMode((on) => !on);
            if (voiceMode) requestAnimationFrame(() => input.current?.focus());
          }}
        >
          {voiceMode ? <KeyboardIcon /> : <AudioOutlined />}
        </button>
        {voiceMode ? (
          <HoldToTalk onRecorded={onVoice} onUnavailable={() => setVoiceMode(false)} />
        ) : (
          <textarea
            ref={input}
            className="rp-composer-input"
            value={text}
            rows={1}
            maxLength={CHAT_LIMITS.textLength}
            placeholder={t('chat.placeholder')}
            aria-label={t('chat.placeholder')}
            data-testid="composer-input"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onFocus={() => setEmojiOpen(false)}
          />
        )}
        <button
          type="button"
          className="rp-icon-button rp-composer-icon"
          aria-label={t('chat.emoji')}
          aria-pressed={emojiOpen}
          data-testid="composer-emoji"
          onClick={() => {
            setVoiceMode(false);
            setEmojiOpen((open) => !open);
          }}
        >
          <SmileOutlined />
        </button>
        {canSend && !voiceMode ? (
          <Button color="primary" size="small" onClick={submit} data-testid="composer-send" style={{ flex: 'none' }}>
            {t('chat.send')}
          </Button>
        ) : (
          <button
            type="button"
            className="rp-icon-button rp-composer-icon"
            aria-label={t('chat.attach')}
            aria-pressed={panel === 'attach'}
            data-testid="composer-attach"
            onClick={() => setPanel((current) => (current === 'attach' ? null : 'attach'))}
          >
            <PlusCircleOutlined />
          </button>
        )}
      </div>
      {panel === 'attach' ? (
        <div className="rp-attach-panel" data-testid="attach-panel">
          <button type="button" onClick={() => picture.current?.click()} data-testid="attach-image">
            <span className="rp-attach-tile">
              <PictureOutlined />
            </span>
            {t('chat.photo')}
          </button>
          <button type="button" onClick={() => anyFile.current?.click()} data-testid="attach-file">
            <span className="rp-attach-tile">
              <FileOutlined />
            </span>
            {t('chat.file')}
          </button>
        </div>
      ) : null}
      <input
        ref={picture}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        hidden
        onChange={pick('image')}
        data-testid="attach-image-input"
      />
      <input ref={anyFile} type="file" hidden onChange={pick('file')} data-testid="attach-file-input" />
      {emojiOpen ? (
        <div className="rp-emoji-grid" data-testid="emoji-grid">
          {EMOJI.map((emoji) => (
            <button key={emoji} type="button" onClick={() => insert(emoji)} aria-label={emoji}>
              {emoji}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
