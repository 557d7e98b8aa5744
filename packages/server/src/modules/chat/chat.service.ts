import {
  CHAT_LIMITS,
  type ChatMessageDto,
  type ConversationDto,
  type MessagePageDto,
  type ReadStateDto,
  USER_EVENTS,
} from '@rapport/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import { type Executor, isUniqueViolation } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { appendUserEvent, type PrincipalKey, principalKey } from '../../platform/realtime/user-events.js';
import { decodeConversationCursor, encodeConversationCursor } from './chat.cursor.js';
import { presentConversation, presentMessage, principalRef } from './chat.presenter.js';
import {
  advanceReadSeq,
  closeConversationRow,
  countUnread,
  findConversationByKey,
  findConversationRow,
  findMessage,
  findMessageByClientId,
  findMyConversation,
  findNames,
  insertConversationIfAbsent,
  insertParticipants,
  listLastMessages,
  listMessageRows,
  listMyConversationRows,
  listParticipantPrincipals,
  listParticipantRows,
  type MyConversationRow,
  markMessageRecalled,
  reopenConversationRow,
} from './chat.repository.js';
import { conversationNotFound, replay, type SendInput, type SendResult, sendQueue } from './chat.send.js';

export type { SendInput } from './chat.send.js';

/** An injectable clock for the time rules (recall windows); defaults to now. */
export interface ChatOptions {
  now?: number;
}

/** The chat principal of an actor; operators do not chat. */
export function chatPrincipalOf(actor: Actor): PrincipalKey {
  if (actor.kind === 'operator') throw new AppError('FORBIDDEN', 'Operators do not chat');
  return principalKey(actor.kind, actor.id);
}

const notFound = conversationNotFound;

async function getMyConversationOrThrow(db: Executor, id: string, principal: PrincipalKey) {
  const row = await findMyConversation(db, id, principal);
  if (!row) throw notFound();
  return row;
}

export interface OpenConversationInput {
  kind: 'friend' | 'customer';
  /** Null for consumer-only conversations (friends). */
  enterpriseId: string | null;
  participants: PrincipalKey[];
  /** A consumer takes part: recall within 2 minutes instead of 24 hours. */
  hasConsumer: boolean;
}

/**
 * Opens the conversation of a participant set and kind inside the caller's transaction, or
 * returns the existing one (idempotent, also under concurrent opens).
 */
export async function openConversation(
  uow: UnitOfWork,
  input: OpenConversationInput,
  now = Date.now(),
): Promise<{ id: string; created: boolean }> {
  const participants = [...new Set(input.participants)].sort();
  if (participants.length < 2) throw new Error('a conversation needs at least two participants');
  const key = `${input.kind}|${input.enterpriseId ?? ''}|${participants.join(',')}`;
  const existing = await findConversationByKey(uow.tx, key);
  if (existing) return { id: existing.id, created: false };
  const id = newId(now);
  await insertConversationIfAbsent(uow.tx, {
    id,
    kind: input.kind,
    enterprise_id: input.enterpriseId,
    status: 'open',
    closed_reason: null,
    participants_key: key,
    last_seq: 0,
    last_message_at: null,
    has_consumer: input.hasConsumer ? 1 : 0,
    created_at: now,
  });
  const row = await findConversationByKey(uow.tx, key);
  if (!row) throw new Error('conversation vanished');
  if (row.id !== id) return { id: row.id, created: false };
  await insertParticipants(
    uow.tx,
    participants.map((principal) => ({ conversation_id: id, principal, enterprise_id: input.enterpriseId, joined_at: now })),
  );
  return { id, created: true };
}

/**
 * Closes a conversation (a customer lost, a friendship ended): later sends fail with
 * CONVERSATION_CLOSED, or with `reason` itself when it is an error code (customers close with
 * CUSTOMER_LOST so the member learns why). Participants hear `conversation.closed` after commit.
 */
export async function closeConversation(platform: Platform, uow: UnitOfWork, id: string, reason: string, now = Date.now()) {
  const row = await findConversationRow(uow.tx, id);
  if (!row) throw notFound();
  if (row.status === 'closed') return;
  await closeConversationRow(uow.tx, id, reason);
  const principals = (await listParticipantPrincipals(uow.tx, id)) as PrincipalKey[];
  await appendUserEvent(uow, platform.bus, principals, USER_EVENTS.conversationClosed, { conversationId: id, reason }, now);
}

/**
 * Reopens a closed conversation (a lost customer added again); history and seqs carry on.
 * Participants hear `conversation.reopened` after commit. Opening an open one does nothing.
 */
export async function reopenConversation(platform: Platform, uow: UnitOfWork, id: string, now = Date.now()) {
  const row = await findConversationRow(uow.tx, id);
  if (!row) throw notFound();
  if (row.status === 'open') return;
  await reopenConversationRow(uow.tx, id);
  const principals = (await listParticipantPrincipals(uow.tx, id)) as PrincipalKey[];
  await appendUserEvent(uow, platform.bus, principals, USER_EVENTS.conversationReopened, { conversationId: id }, now);
}

/**
 * Sends a message: the sender must take part and the conversation be open. The sends of one tick
 * (every socket and request of the process) are applied together in one transaction — group commit,
 * see chat.send.ts — and each is answered (the ack) only after that commit; every participant (the
 * sender's other devices too) gets `message.created` after commit. A resend with the same clientId
 * returns the original (`replayed`), stores and delivers nothing.
 */
export async function sendMessage(
  platform: Platform,
  sender: PrincipalKey,
  input: SendInput,
  options: ChatOptions = {},
): Promise<SendResult> {
  try {
    return await sendQueue(platform).submit({ sender, input, now: options.now ?? Date.now() });
  } catch (error) {
    // A concurrent resend of the same clientId (another node) won the unique constraint: answer with its message.
    if (!isUniqueViolation(error)) throw error;
    const original = await findMessageByClientId(platform.db, sender, input.clientId);
    if (!original) throw error;
    return replay(original, input.conversationId);
  }
}

/** How the sends of this process were batched so far (benchmarks, diagnostics). */
export const sendBatchStats = (platform: Platform) => ({ ...sendQueue(platform).stats });

/** Moves my read position forward (never back, never past the last seq); participants hear `conversation.read`. */
export async function markRead(platform: Platform, reader: PrincipalKey, conversationId: string, seq: number): Promise<ReadStateDto> {
  const now = Date.now();
  return platform.transaction(async (uow) => {
    const conversation = await getMyConversationOrThrow(uow.tx, conversationId, reader);
    const target = Math.min(seq, Number(conversation.last_seq));
    const moved = await advanceReadSeq(uow.tx, conversationId, reader, target);
    const state: ReadStateDto = { conversationId, reader: principalRef(reader), seq: Math.max(target, Number(conversation.my_read_seq)) };
    if (moved) {
      const principals = (await listParticipantPrincipals(uow.tx, conversationId)) as PrincipalKey[];
      await appendUserEvent(uow, platform.bus, principals, USER_EVENTS.conversationRead, state, now);
    }
    return state;
  });
}

/**
 * Recalls my message: within 2 minutes when a consumer takes part, else 24 hours (boundaries
 * inclusive). The body stays in the database for the archive; the wire shows a recalled marker.
 */
export async function recallMessage(
  platform: Platform,
  actor: PrincipalKey,
  conversationId: string,
  seq: number,
  options: ChatOptions = {},
): Promise<ChatMessageDto> {
  const now = options.now ?? Date.now();
  return platform.transaction(async (uow) => {
    const conversation = await getMyConversationOrThrow(uow.tx, conversationId, actor);
    const row = await findMessage(uow.tx, conversationId, seq);
    if (!row) throw new AppError('MESSAGE_NOT_FOUND', 'Message not found');
    if (row.sender !== actor) throw new AppError('NOT_SENDER', 'Only the sender can recall a message');
    if (row.recalled_at !== null) return presentMessage(row);
    const window = conversation.has_consumer ? CHAT_LIMITS.recallWindowWithConsumerMs : CHAT_LIMITS.recallWindowInternalMs;
    if (now - Number(row.created_at) > window) throw new AppError('RECALL_WINDOW_PASSED', 'It is too late to recall this message');
    await markMessageRecalled(uow.tx, conversationId, seq, now);
    const message = presentMessage({ ...row, recalled_at: now });
    const principals = (await listParticipantPrincipals(uow.tx, conversationId)) as PrincipalKey[];
    await appendUserEvent(uow, platform.bus, principals, USER_EVENTS.messageRecalled, message, now);
    return message;
  });
}

/** History and sync: messages after `after` (oldest first) or the newest before `before`. */
export async function listMessages(
  platform: Platform,
  reader: PrincipalKey,
  conversationId: string,
  query: { after?: number; before?: number; limit?: number },
): Promise<MessagePageDto> {
  const conversation = await getMyConversationOrThrow(platform.db, conversationId, reader);
  const limit = query.limit ?? 50;
  const range = { after: query.after, before: query.before };
  if (range.after === undefined && range.before === undefined) range.after = 0;
  const rows = await listMessageRows(platform.db, conversationId, range, limit + 1);
  const more = rows.length > limit;
  // Newest-first pages drop the oldest extra row; oldest-first pages the newest.
  const page = more ? (query.before !== undefined && query.after === undefined ? rows.slice(1) : rows.slice(0, limit)) : rows;
  return { data: page.map(presentMessage), more, lastSeq: Number(conversation.last_seq) };
}

/** My conversations, most recent first, with the last message, my unread count and the peers. */
export async function listConversations(
  platform: Platform,
  reader: PrincipalKey,
  query: { cursor?: string; limit?: number },
): Promise<{ data: ConversationDto[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const rows = await listMyConversationRows(platform.db, reader, decodeConversationCursor(query.cursor), limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeConversationCursor(Number(last.last_message_at ?? last.created_at), last.id) : null;
  return { data: await presentMany(platform, reader, page), nextCursor };
}

export async function getConversation(platform: Platform, reader: PrincipalKey, id: string): Promise<ConversationDto> {
  const row = await getMyConversationOrThrow(platform.db, id, reader);
  const [dto] = await presentMany(platform, reader, [row]);
  return dto;
}

async function presentMany(platform: Platform, reader: PrincipalKey, rows: MyConversationRow[]): Promise<ConversationDto[]> {
  const ids = rows.map((r) => r.id);
  const [lastMessages, unread, participants] = await Promise.all([
    listLastMessages(
      platform.db,
      rows.map((r) => ({ id: r.id, seq: Number(r.last_seq) })),
    ),
    countUnread(platform.db, reader, ids),
    listParticipantRows(platform.db, ids),
  ]);
  const peers = participants.filter((p) => p.principal !== reader);
  const consumerIds = peers.filter((p) => p.principal.startsWith('consumer:')).map((p) => principalRef(p.principal).id);
  const memberIds = peers.filter((p) => p.principal.startsWith('member:')).map((p) => principalRef(p.principal).id);
  const names = await findNames(platform.db, [...new Set(consumerIds)], [...new Set(memberIds)]);
  const lastBy = new Map(lastMessages.map((m) => [m.conversation_id, m]));
  return rows.map((row) =>
    presentConversation(
      row,
      { readSeq: Number(row.my_read_seq), unread: unread.get(row.id) ?? 0 },
      lastBy.get(row.id),
      peers
        .filter((p) => p.conversation_id === row.id)
        .map((p) => {
          const ref = principalRef(p.principal);
          const name = names.get(p.principal);
          return { ...ref, name: name?.name ?? '', avatarUrl: name?.avatarUrl ?? null, readSeq: Number(p.last_read_seq) };
        }),
    ),
  );
}
