import {
  CHAT_LIMITS,
  type ChatMessageDto,
  type ConversationDto,
  type EventFrame,
  type MessagePageDto,
  type ReadStateDto,
} from '@rapport/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, query } from '../api';
import type { RealtimeStatus } from '../realtime';
import { useSessionApi } from '../session';
import { applyChatEvent, applyMessage, applyRead, type ConversationPages, chatKeys, HISTORY_PAGE, syncWindow } from './cache';
import {
  type ChatAs,
  type ChatItem,
  type ChatMe,
  canRecall,
  isMine,
  type MessageWindow,
  mergeMessages,
  type OutboxEntry,
  sortConversations,
  timeline,
} from './merge';
import { outbox } from './outbox';

export const RECALL_WINDOWS = { withConsumer: CHAT_LIMITS.recallWindowWithConsumerMs, internal: CHAT_LIMITS.recallWindowInternalMs };

/** A client id for a send: a UUID (crypto.randomUUID needs a secure context, so fall back to random bytes). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The listener to hand to the live connection (`useLiveConnection(kind, id, onEvent)` or
 * `RealtimeClient.onEvent`): keeps every chat cache of `me` current. Stable per principal.
 */
export function useChatEvents(me: ChatMe | undefined) {
  const client = useQueryClient();
  const as = me?.as;
  const id = me?.id;
  return useCallback(
    (event: Pick<EventFrame, 'type' | 'data'>) => {
      if (as && id) applyChatEvent(client, { as, id }, event);
    },
    [client, as, id],
  );
}

/** My conversations, most recent first (pages of 50), with the total unread count; live through `useChatEvents`. */
export function useConversations(as: ChatAs) {
  const call = useSessionApi(as);
  const result = useInfiniteQuery({
    queryKey: chatKeys.conversations(as),
    queryFn: ({ pageParam }) =>
      call<ConversationPages['pages'][number]>('GET', `/conversations${query({ as, cursor: pageParam, limit: 50 })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = (result.data as ConversationPages | undefined)?.pages;
  const conversations = useMemo(() => {
    const seen = new Set<string>();
    const list = (pages ?? []).flatMap((p) => p.data).filter((c) => !seen.has(c.id) && seen.add(c.id));
    return sortConversations(list);
  }, [pages]);
  const totalUnread = useMemo(() => conversations.reduce((sum, c) => sum + c.unread, 0), [conversations]);
  return { ...result, conversations, totalUnread };
}

/** One conversation (peers, read positions, open / closed), shown at once from the list when it holds it. */
export function useConversation(as: ChatAs, id: string) {
  const call = useSessionApi(as);
  const client = useQueryClient();
  return useQuery({
    queryKey: chatKeys.conversation(as, id),
    queryFn: () => call<ConversationDto>('GET', `/conversations/${id}${query({ as })}`),
    placeholderData: () =>
      client
        .getQueryData<ConversationPages>(chatKeys.conversations(as))
        ?.pages.flatMap((p) => p.data)
        .find((c) => c.id === id),
  });
}

/**
 * A conversation's messages: the newest page first, older pages on demand (`loadOlder`), merged
 * live with events and with my outbox (pending / failed bubbles). `items` is oldest first.
 */
export function useMessages(me: ChatMe, conversationId: string) {
  const call = useSessionApi(me.as);
  const client = useQueryClient();
  const key = chatKeys.messages(me.as, conversationId);
  const result = useQuery({
    queryKey: key,
    queryFn: async (): Promise<MessageWindow> => {
      const page = await call<MessagePageDto>(
        'GET',
        `/conversations/${conversationId}/messages${query({ as: me.as, before: Number.MAX_SAFE_INTEGER, limit: HISTORY_PAGE })}`,
      );
      // A refetch keeps the older pages already loaded when the newest page joins up with them.
      const cached = client.getQueryData<MessageWindow>(key);
      const cachedLast = cached?.messages[cached.messages.length - 1]?.seq ?? 0;
      const firstNew = page.data[0]?.seq ?? 0;
      if (cached?.messages.length && (!page.more || firstNew <= cachedLast + 1)) {
        return { messages: mergeMessages(cached.messages, page.data), hasOlder: cached.hasOlder };
      }
      return { messages: page.data, hasOlder: page.more };
    },
    staleTime: 30_000,
  });
  const pending = useSyncExternalStore(outbox.subscribe, () => outbox.list(me, conversationId));
  const messages = result.data?.messages;
  const items: ChatItem[] = useMemo(() => timeline(messages ?? [], pending, me), [messages, pending, me]);

  const [loadingOlder, setLoadingOlder] = useState(false);
  const loadOlder = useCallback(async () => {
    const window = client.getQueryData<MessageWindow>(key);
    const first = window?.messages[0]?.seq;
    if (!window?.hasOlder || first === undefined || loadingOlder) return;
    setLoadingOlder(true);
    try {
      const page = await call<MessagePageDto>(
        'GET',
        `/conversations/${conversationId}/messages${query({ as: me.as, before: first, limit: HISTORY_PAGE })}`,
      );
      client.setQueryData<MessageWindow>(key, (w) => (w ? { messages: mergeMessages(w.messages, page.data), hasOlder: page.more } : w));
    } finally {
      setLoadingOlder(false);
    }
  }, [client, key, call, conversationId, me.as, loadingOlder]);

  return { ...result, items, hasOlder: result.data?.hasOlder ?? false, loadOlder, loadingOlder };
}

/** What a send carries: a kind and its body (the shared SendMessageBody), and an optional quote. */
export interface SendInput {
  kind: string;
  body: Record<string, unknown>;
  quoteSeq?: number | null;
}

const inFlight = new Set<string>();

/** A failure worth retrying without asking: the network, or the server's own trouble. */
const isRetryable = (error: unknown) => error instanceof ApiError && (error.code === 'NETWORK' || error.status >= 500);

async function deliver(client: QueryClient, call: SessionCall, me: ChatMe, entry: OutboxEntry) {
  if (inFlight.has(entry.clientId)) return;
  inFlight.add(entry.clientId);
  outbox.put(me, { ...entry, state: 'pending', error: undefined, retryable: undefined });
  try {
    const body: Record<string, unknown> = { clientId: entry.clientId, kind: entry.kind, body: entry.body };
    if (entry.quoteSeq) body.quoteSeq = entry.quoteSeq;
    const message = await call<ChatMessageDto>('POST', `/conversations/${entry.conversationId}/messages${query({ as: me.as })}`, body);
    applyMessage(client, me, message);
    outbox.remove(me, entry.conversationId, entry.clientId);
  } catch (error) {
    // The answer may have been lost after the server stored it: the resend (same clientId) finds the original.
    if (outbox.list(me, entry.conversationId).some((e) => e.clientId === entry.clientId)) {
      outbox.put(me, { ...entry, state: 'failed', error, retryable: isRetryable(error) });
    }
  } finally {
    inFlight.delete(entry.clientId);
  }
}

/** Resends my waiting messages: pending ones, and failures the network (not the server's rules) caused. */
function resendWaiting(client: QueryClient, call: SessionCall, me: ChatMe) {
  for (const entry of outbox.all(me)) {
    if (entry.state === 'pending' || entry.retryable) void deliver(client, call, me, entry);
  }
}

type QueryClient = ReturnType<typeof useQueryClient>;
type SessionCall = ReturnType<typeof useSessionApi>;

/**
 * Sending: `send` shows a pending bubble at once and posts it with a fresh clientId; the answer
 * turns it into the stored message. A failed bubble is retried (`retry`) with the SAME clientId,
 * so a send whose answer was lost is never stored twice.
 */
export function useSendMessage(me: ChatMe, conversationId: string) {
  const client = useQueryClient();
  const call = useSessionApi(me.as);
  const send = useCallback(
    (input: SendInput) => {
      const entry: OutboxEntry = {
        clientId: newClientId(),
        conversationId,
        kind: input.kind,
        body: input.body,
        quoteSeq: input.quoteSeq ?? null,
        createdAt: Date.now(),
        state: 'pending',
      };
      void deliver(client, call, me, entry);
      return entry.clientId;
    },
    [client, call, me, conversationId],
  );
  const retry = useCallback((entry: OutboxEntry) => void deliver(client, call, me, entry), [client, call, me]);
  const discard = useCallback((entry: OutboxEntry) => outbox.remove(me, entry.conversationId, entry.clientId), [me]);
  return { send, retry, discard };
}

/**
 * After the live connection (or the browser's network) comes back: resend what is still waiting
 * (pending, or failed on the network), refresh the list, and bring loaded conversations up to date (the realtime client
 * also replays the user stream with `after=`; both are idempotent).
 */
export function useChatSync(me: ChatMe | undefined, status: RealtimeStatus) {
  const client = useQueryClient();
  const call = useSessionApi(me?.as ?? 'consumer');
  const previous = useRef<RealtimeStatus>(status);
  // The browser says the network is back: resend at once, even if the socket never noticed it was gone.
  useEffect(() => {
    if (!me) return;
    const onOnline = () => resendWaiting(client, call, me);
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [me, client, call]);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (!me || status !== 'online' || was === 'online') return;
    resendWaiting(client, call, me);
    if (was === 'offline') {
      void client.invalidateQueries({ queryKey: chatKeys.conversations(me.as) });
      for (const q of client.getQueryCache().findAll({ queryKey: [...chatKeys.all(me.as), 'messages'] })) {
        const id = q.queryKey[3];
        if (typeof id === 'string') void syncWindow(client, me.as, id).catch(() => undefined);
      }
    }
  }, [status, me, client, call]);
}

/**
 * Marks the conversation read up to its newest message while the screen shows it (`active`) and
 * the page is visible; again whenever a newer message arrives.
 */
export function useMarkRead(me: ChatMe, conversation: ConversationDto | undefined, newestSeq: number, active = true) {
  const client = useQueryClient();
  const call = useSessionApi(me.as);
  const sent = useRef(0);
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  const id = conversation?.id;
  const readSeq = conversation?.readSeq ?? 0;
  useEffect(() => {
    if (!id || !active || !visible || newestSeq <= readSeq || newestSeq <= sent.current) return;
    sent.current = newestSeq;
    call<ReadStateDto>('POST', `/conversations/${id}/read${query({ as: me.as })}`, { seq: newestSeq })
      .then((state) => applyRead(client, me, state))
      .catch(() => {
        sent.current = 0; // try again on the next change
      });
  }, [id, active, visible, newestSeq, readSeq, call, client, me]);
}

/** Recalls one of my messages (the server enforces the window: 2 minutes with a consumer, else 24 h). */
export function useRecall(me: ChatMe, conversationId: string) {
  const client = useQueryClient();
  const call = useSessionApi(me.as);
  return useMutation({
    mutationFn: (seq: number) =>
      call<ChatMessageDto>('POST', `/conversations/${conversationId}/messages/${seq}/recall${query({ as: me.as })}`),
    onSuccess: (message) => applyMessage(client, me, message),
  });
}

/** Whether I may still recall this message now (a menu shows the action only then). */
export const mayRecall = (message: ChatMessageDto, conversation: Pick<ConversationDto, 'peers'>, me: ChatMe, now = Date.now()) =>
  canRecall(message, conversation, me, RECALL_WINDOWS, now);

/**
 * The seq of the newest stored message of a window (what "read up to" sends); with `othersThan`,
 * of the newest message someone else sent (my own sends need no read receipt).
 */
export const newestSeqOf = (items: readonly ChatItem[], othersThan?: ChatMe) => {
  for (let i = items.length - 1; i >= 0; i--) {
    const message = items[i]?.message;
    if (message?.seq && !(othersThan && isMine(message, othersThan))) return message.seq;
  }
  return 0;
};
