import type { ChatMessageDto, ConversationDto, EventFrame, MessagePageDto, ReadStateDto } from '@rapport/shared';
import { USER_EVENTS } from '@rapport/shared';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { api, query } from '../api';
import { type ChatAs, type ChatMe, isMine, type MessageWindow, mergeMessages, sortConversations, withMessage, withRead } from './merge';
import { outbox } from './outbox';

/** Query keys of the chat core: under 'chat', so the generic per-entity invalidation of realtime.ts leaves them alone. */
export const chatKeys = {
  all: (as: ChatAs) => ['chat', as] as const,
  conversations: (as: ChatAs) => ['chat', as, 'conversations'] as const,
  conversation: (as: ChatAs, id: string) => ['chat', as, 'conversation', id] as const,
  messages: (as: ChatAs, id: string) => ['chat', as, 'messages', id] as const,
};

export type ConversationPages = InfiniteData<{ data: ConversationDto[]; nextCursor: string | null }, string | undefined>;

/** Messages per history page. */
export const HISTORY_PAGE = 50;

/** Fetches messages of a conversation after a seq (oldest first), every page of them. */
export async function fetchAfter(as: ChatAs, conversationId: string, after: number): Promise<ChatMessageDto[]> {
  const result: ChatMessageDto[] = [];
  let from = after;
  for (let page = 0; page < 20; page++) {
    const answer = await api<MessagePageDto>('GET', `/conversations/${conversationId}/messages${query({ as, after: from, limit: 200 })}`);
    result.push(...answer.data);
    const last = answer.data[answer.data.length - 1];
    if (!answer.more || !last) break;
    from = last.seq;
  }
  return result;
}

/**
 * Applies `fn` to a conversation wherever the cache holds it (the list and its own query).
 * The list stays sorted by activity. Returns false when the list is loaded but lacks it.
 */
export function updateConversation(client: QueryClient, as: ChatAs, id: string, fn: (c: ConversationDto) => ConversationDto): boolean {
  client.setQueryData<ConversationDto>(chatKeys.conversation(as, id), (c) => (c ? fn(c) : c));
  const list = client.getQueryData<ConversationPages>(chatKeys.conversations(as));
  if (!list) return true;
  let found = false;
  let changed = false;
  const all = list.pages.flatMap((p) =>
    p.data.map((c) => {
      if (c.id !== id) return c;
      found = true;
      const next = fn(c);
      if (next !== c) changed = true;
      return next;
    }),
  );
  if (!changed) return found;
  // Keep each page's size so the cursors still line up; only the order moves.
  const sorted = sortConversations(all);
  let offset = 0;
  const pages = list.pages.map((p) => {
    const data = sorted.slice(offset, offset + p.data.length);
    offset += p.data.length;
    return { ...p, data };
  });
  client.setQueryData<ConversationPages>(chatKeys.conversations(as), { ...list, pages });
  return found;
}

/**
 * Merges stored messages into a conversation's loaded window (if it is loaded). Messages older than
 * the window (a replayed event, say) are left to the history pages: taken in, they would leave a hole.
 */
export function mergeIntoWindow(client: QueryClient, as: ChatAs, conversationId: string, messages: ChatMessageDto[]) {
  client.setQueryData<MessageWindow>(chatKeys.messages(as, conversationId), (window) => {
    if (!window) return window;
    const first = window.messages[0]?.seq;
    const fitting = window.hasOlder && first !== undefined ? messages.filter((m) => m.seq >= first) : messages;
    const merged = mergeMessages(window.messages, fitting);
    return merged === window.messages ? window : { ...window, messages: merged };
  });
}

/** Brings a loaded window up to date after `after` (a gap, or a reconnect). */
export async function syncWindow(client: QueryClient, as: ChatAs, conversationId: string) {
  const window = client.getQueryData<MessageWindow>(chatKeys.messages(as, conversationId));
  if (!window) return;
  const last = window.messages[window.messages.length - 1]?.seq ?? 0;
  const missed = await fetchAfter(as, conversationId, last);
  if (missed.length) mergeIntoWindow(client, as, conversationId, missed);
}

/** A stored message of mine reached the cache: its outbox entry has done its job. */
function settle(me: ChatMe, message: ChatMessageDto) {
  if (isMine(message, me)) outbox.remove(me, message.conversationId, message.clientId);
}

/** Applies a stored message (my send's answer, or an event) to every cache that shows it. */
export function applyMessage(client: QueryClient, me: ChatMe, message: ChatMessageDto) {
  const window = client.getQueryData<MessageWindow>(chatKeys.messages(me.as, message.conversationId));
  const last = window?.messages[window.messages.length - 1]?.seq;
  mergeIntoWindow(client, me.as, message.conversationId, [message]);
  // A seq beyond the next one means something in between has not reached this window: fetch it.
  if (last !== undefined && message.seq > last + 1) void syncWindow(client, me.as, message.conversationId).catch(() => undefined);
  settle(me, message);
  const known = updateConversation(client, me.as, message.conversationId, (c) => withMessage(c, message, me));
  if (!known) void client.invalidateQueries({ queryKey: chatKeys.conversations(me.as) });
}

/** Applies a read receipt (mine from any device, or a peer's). */
export function applyRead(client: QueryClient, me: ChatMe, state: ReadStateDto) {
  let exact = true;
  updateConversation(client, me.as, state.conversationId, (c) => {
    const result = withRead(c, state, me);
    exact &&= result.exact;
    return result.conversation;
  });
  if (!exact) {
    void client.invalidateQueries({ queryKey: chatKeys.conversation(me.as, state.conversationId) });
    void client.invalidateQueries({ queryKey: chatKeys.conversations(me.as) });
  }
}

/**
 * Applies one realtime event to the chat caches; other events are ignored. Idempotent, as a
 * replay after reconnect may repeat what a live frame delivered.
 */
export function applyChatEvent(client: QueryClient, me: ChatMe, event: Pick<EventFrame, 'type' | 'data'>) {
  switch (event.type) {
    case USER_EVENTS.messageCreated:
    case USER_EVENTS.messageRecalled:
      applyMessage(client, me, event.data as ChatMessageDto);
      return;
    case USER_EVENTS.conversationRead:
      applyRead(client, me, event.data as ReadStateDto);
      return;
    case USER_EVENTS.conversationClosed: {
      const { conversationId, reason } = event.data as { conversationId: string; reason: string | null };
      const known = updateConversation(client, me.as, conversationId, (c) => ({ ...c, status: 'closed', closedReason: reason }));
      if (!known) void client.invalidateQueries({ queryKey: chatKeys.conversations(me.as) });
      return;
    }
    case USER_EVENTS.conversationReopened: {
      const { conversationId } = event.data as { conversationId: string };
      const known = updateConversation(client, me.as, conversationId, (c) => ({ ...c, status: 'open', closedReason: null }));
      if (!known) void client.invalidateQueries({ queryKey: chatKeys.conversations(me.as) });
      return;
    }
    case USER_EVENTS.conversationOpened:
    case USER_EVENTS.friendAccepted:
      void client.invalidateQueries({ queryKey: chatKeys.conversations(me.as) });
      return;
    default:
  }
}
