import type { ChatMessageDto, ConversationDto, ReadStateDto } from '@rapport/shared';

/** Who is speaking in a chat: the signed-in member or consumer. */
export type ChatAs = 'member' | 'consumer';
export interface ChatMe {
  as: ChatAs;
  id: string;
}

/** A message this device sent that the server has not stored yet, or refused. */
export interface OutboxEntry {
  clientId: string;
  conversationId: string;
  kind: string;
  body: Record<string, unknown>;
  quoteSeq: number | null;
  createdAt: number;
  state: 'pending' | 'failed';
  /** Why it failed (an ApiError); a network failure is resent on reconnect. */
  error?: unknown;
  /** A failure worth retrying on its own (network, 5xx) rather than one only the user can decide on. */
  retryable?: boolean;
}

/** One bubble of a conversation: a stored message, or one of mine still on its way. */
export interface ChatItem {
  /** Stable across pending → sent, so a bubble is not remounted when its ack arrives. */
  key: string;
  message: ChatMessageDto;
  state: 'sent' | 'pending' | 'failed';
  /** The outbox entry of a pending / failed bubble (retry it with the same clientId). */
  outbox?: OutboxEntry;
}

/** The loaded window of a conversation's history: stored messages by ascending seq. */
export interface MessageWindow {
  messages: ChatMessageDto[];
  /** Older messages exist before the first loaded one. */
  hasOlder: boolean;
}

export const isMine = (message: Pick<ChatMessageDto, 'sender'>, me: ChatMe) => message.sender.kind === me.as && message.sender.id === me.id;

const itemKey = (m: Pick<ChatMessageDto, 'sender' | 'clientId'>) => `${m.sender.kind}:${m.sender.id}:${m.clientId}`;

/**
 * Merges stored messages into a window: deduplicated by seq, ascending. A recalled copy wins over
 * an earlier one (a replayed `message.created` must not bring a recalled body back).
 */
export function mergeMessages(existing: readonly ChatMessageDto[], incoming: readonly ChatMessageDto[]): ChatMessageDto[] {
  const bySeq = new Map<number, ChatMessageDto>();
  for (const m of existing) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    const current = bySeq.get(m.seq);
    if (current && (current.recalledAt !== null || (m.recalledAt === null && current.id === m.id))) continue;
    bySeq.set(m.seq, m);
    changed = true;
  }
  if (!changed) return existing as ChatMessageDto[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The bubbles of a conversation: stored messages in seq order, then my outbox entries the server
 * has not answered with a stored copy yet (matched by clientId), oldest first.
 */
export function timeline(messages: readonly ChatMessageDto[], outbox: readonly OutboxEntry[], me: ChatMe): ChatItem[] {
  const storedClientIds = new Set<string>();
  const items: ChatItem[] = messages.map((message) => {
    if (isMine(message, me)) storedClientIds.add(message.clientId);
    return { key: itemKey(message), message, state: 'sent' };
  });
  const waiting = outbox.filter((e) => !storedClientIds.has(e.clientId)).sort((a, b) => a.createdAt - b.createdAt);
  for (const entry of waiting) {
    const message: ChatMessageDto = {
      id: '',
      conversationId: entry.conversationId,
      seq: 0,
      sender: { kind: me.as, id: me.id },
      clientId: entry.clientId,
      kind: entry.kind,
      body: entry.body,
      quoteSeq: entry.quoteSeq,
      recalledAt: null,
      createdAt: entry.createdAt,
    };
    items.push({ key: itemKey(message), message, state: entry.state, outbox: entry });
  }
  return items;
}

/** The time a conversation sorts by in the list: its last message, else its creation. */
export const activityOf = (c: Pick<ConversationDto, 'lastMessageAt' | 'createdAt'>) => c.lastMessageAt ?? c.createdAt;

/** Most recent first; ties by id so the order is stable. */
export function sortConversations<T extends Pick<ConversationDto, 'id' | 'lastMessageAt' | 'createdAt'>>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => activityOf(b) - activityOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * A conversation after a stored message (live or replayed): the last message and time move on
 * for a newer seq, and a newer message of someone else counts as unread. Idempotent: applying
 * the same message twice changes nothing the second time.
 */
export function withMessage(conversation: ConversationDto, message: ChatMessageDto, me: ChatMe): ConversationDto {
  if (message.seq > conversation.lastSeq) {
    const unread = !isMine(message, me) && message.seq > conversation.readSeq ? conversation.unread + 1 : conversation.unread;
    return { ...conversation, lastSeq: message.seq, lastMessage: message, lastMessageAt: message.createdAt, unread };
  }
  // A recall (or a re-delivery) of the message the list shows as the last one.
  if (conversation.lastMessage?.seq === message.seq && conversation.lastMessage.recalledAt === null && message.recalledAt !== null) {
    return { ...conversation, lastMessage: message };
  }
  return conversation;
}

/**
 * A conversation after a read receipt: mine moves my read position (and clears the unread count
 * when it reaches the end), a peer's moves that peer's position (my "read" marks).
 * `exact` is false when my unread count cannot be known without asking the server.
 */
export function withRead(
  conversation: ConversationDto,
  state: ReadStateDto,
  me: ChatMe,
): { conversation: ConversationDto; exact: boolean } {
  if (state.reader.kind === me.as && state.reader.id === me.id) {
    if (state.seq <= conversation.readSeq) return { conversation, exact: true };
    const caughtUp = state.seq >= conversation.lastSeq;
    return { conversation: { ...conversation, readSeq: state.seq, unread: caughtUp ? 0 : conversation.unread }, exact: caughtUp };
  }
  let changed = false;
  const peers = conversation.peers.map((p) => {
    if (p.kind !== state.reader.kind || p.id !== state.reader.id || p.readSeq >= state.seq) return p;
    changed = true;
    return { ...p, readSeq: state.seq };
  });
  return { conversation: changed ? { ...conversation, peers } : conversation, exact: true };
}

/** The seq of my last message the others have read (for the "read" mark), or 0. */
export function lastReadByPeers(conversation: Pick<ConversationDto, 'peers'>, messages: readonly ChatMessageDto[], me: ChatMe): number {
  if (conversation.peers.length === 0) return 0;
  const readUpTo = Math.min(...conversation.peers.map((p) => p.readSeq));
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m && isMine(m, me) && m.seq <= readUpTo && m.recalledAt === null) return m.seq;
  }
  return 0;
}

/** A consumer takes part (2-minute recall) or not (24 hours). */
export const hasConsumer = (conversation: Pick<ConversationDto, 'peers'>, me: ChatMe) =>
  me.as === 'consumer' || conversation.peers.some((p) => p.kind === 'consumer');

/** Whether I may still recall a message now (the server checks again). */
export function canRecall(
  message: ChatMessageDto,
  conversation: Pick<ConversationDto, 'peers'>,
  me: ChatMe,
  windows: { withConsumer: number; internal: number },
  now: number,
) {
  if (!isMine(message, me) || message.recalledAt !== null || message.seq === 0) return false;
  const window = hasConsumer(conversation, me) ? windows.withConsumer : windows.internal;
  return now - message.createdAt <= window;
}

/** Whether two neighbouring messages are far enough apart in time to show a time separator. */
export const needsTimeSeparator = (previous: ChatMessageDto | undefined, current: ChatMessageDto, gapMs = 5 * 60 * 1000) =>
  !previous || current.createdAt - previous.createdAt >= gapMs;
