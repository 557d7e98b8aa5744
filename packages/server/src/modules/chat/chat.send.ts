import { type ChatMessageDto, isErrorCode, type SendMessageInput, USER_EVENTS } from '@rapport/shared';
import type { Platform } from '../../platform/context.js';
import { GroupCommit, type ItemOutcome } from '../../platform/db/group-commit.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { appendUserEvents, type PrincipalKey, type UserEventInput } from '../../platform/realtime/user-events.js';
import { BODY_CHECKS } from './chat.body-checks.js';
import { messageDto, presentMessage } from './chat.presenter.js';
import {
  advanceLastSeqs,
  findMessagesByClientIds,
  insertMessages,
  lockSendTargets,
  type MessageRow,
  type SendTargetRow,
} from './chat.repository.js';

export type SendInput = SendMessageInput & { conversationId: string };

/** One `message.send` waiting for its batch. */
export interface SendItem {
  sender: PrincipalKey;
  input: SendInput;
  now: number;
}

export interface SendResult {
  message: ChatMessageDto;
  replayed: boolean;
  /** The message's JSON, made once for the stored event, the live frames and the ack. */
  json?: string;
}

export const conversationNotFound = () => new AppError('CONVERSATION_NOT_FOUND', 'Conversation not found');

/** The refusal of a send to a closed conversation: its reason when that is an error code. */
export function closedError(reason: string | null) {
  if (reason && isErrorCode(reason) && reason !== 'CONVERSATION_CLOSED') {
    return new AppError(reason, 'This conversation is closed', { conversationClosed: true });
  }
  return new AppError('CONVERSATION_CLOSED', 'This conversation is closed');
}

/** A resend answers with the original, unless the clientId was used in another conversation. */
export function replay(original: MessageRow, conversationId: string): SendResult {
  if (original.conversation_id !== conversationId) {
    throw new AppError('CONFLICT', 'clientId: already used for a message of another conversation');
  }
  return { message: presentMessage(original), replayed: true };
}

const queues = new WeakMap<Platform, GroupCommit<SendItem, SendResult>>();

/** The process's send queue for this platform (its database): one batch, one transaction, per tick. */
export function sendQueue(platform: Platform): GroupCommit<SendItem, SendResult> {
  let queue = queues.get(platform);
  if (!queue) {
    queue = new GroupCommit<SendItem, SendResult>(
      (work) => platform.transaction(work),
      (uow, items) => applySends(platform, uow, items),
      // A backlog drains in bigger batches, which write fewer pages per message (decision 0010).
      { maxBatch: 1024 },
    );
    queues.set(platform, queue);
  }
  return queue;
}

interface Target {
  row: SendTargetRow;
  participants: PrincipalKey[];
}

const sendKey = (item: SendItem) => `${item.sender}\u0000${item.input.clientId}`;

/**
 * Applies a batch of sends in the caller's transaction and answers each one. Every check happens
 * first, in memory or by reads that cannot fail (so no refusal aborts the transaction, on PostgreSQL
 * neither); then the writes are set-based: one seq update for all conversations, one insert of all
 * messages, one upsert of the user-event heads and one insert of the events. Seqs are handed out in
 * arrival order, so each conversation keeps the order its sends came in.
 */
async function applySends(platform: Platform, uow: UnitOfWork, items: SendItem[]): Promise<Array<ItemOutcome<SendResult>>> {
  const { dialect } = platform;
  const outcomes: Array<ItemOutcome<SendResult> | undefined> = new Array(items.length);

  // A resend within the batch collapses onto the first send of its (sender, clientId).
  const firstOf = new Map<string, number>();
  const firsts: number[] = [];
  items.forEach((item, i) => {
    if (firstOf.has(sendKey(item))) return;
    firstOf.set(sendKey(item), i);
    firsts.push(i);
  });

  const ids = [...new Set(firsts.map((i) => items[i].input.conversationId))];
  const targets = new Map<string, Target>();
  for (const row of await lockSendTargets(uow.tx, dialect, ids)) {
    const target = targets.get(row.id) ?? { row, participants: [] };
    target.participants.push(row.principal as PrincipalKey);
    targets.set(row.id, target);
  }
  const originals = new Map(
    (
      await findMessagesByClientIds(
        uow.tx,
        dialect,
        firsts.map((i) => [items[i].sender, items[i].input.clientId]),
      )
    ).map((row) => [`${row.sender}\u0000${row.client_id}`, row]),
  );

  const added = new Map<string, { n: number; at: number }>();
  const accepted: Array<{ index: number; row: MessageRow; body: Record<string, unknown>; target: Target }> = [];
  for (const i of firsts) {
    const { sender, input, now } = items[i];
    try {
      const target = targets.get(input.conversationId);
      if (!target || !target.participants.includes(sender)) throw conversationNotFound();
      const original = originals.get(sendKey(items[i]));
      if (original) {
        outcomes[i] = { ok: true, value: replay(original, input.conversationId) };
        continue;
      }
      if (target.row.status !== 'open') throw closedError(target.row.closed_reason);
      const so = added.get(target.row.id) ?? { n: 0, at: now };
      const seq = Number(target.row.last_seq) + so.n + 1;
      // Seqs are gap-free and never deleted: 1 … seq-1 all exist (earlier ones of this batch too).
      if (input.quoteSeq !== undefined && (input.quoteSeq < 1 || input.quoteSeq >= seq)) {
        throw new AppError('QUOTED_MESSAGE_NOT_FOUND', 'quoteSeq: no such message in this conversation');
      }
      let body = input.body as Record<string, unknown>;
      const check = BODY_CHECKS[input.kind];
      if (check) {
        const conversation = { id: target.row.id, enterpriseId: target.row.enterprise_id };
        body = (await check({ tx: uow.tx, dialect, sender, conversation, now }, body)) ?? body;
      }
      added.set(target.row.id, { n: so.n + 1, at: Math.max(so.at, now) });
      accepted.push({
        index: i,
        target,
        body,
        row: {
          conversation_id: target.row.id,
          seq,
          id: newId(now),
          enterprise_id: target.row.enterprise_id,
          sender,
          client_id: input.clientId,
          kind: input.kind,
          body: JSON.stringify(body),
          quote_seq: input.quoteSeq ?? null,
          recalled_at: null,
          created_at: now,
        },
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes[i] = { ok: false, error };
    }
  }

  if (accepted.length > 0) {
    const counts = [...added].map(([id, { n, at }]) => ({ id, n, at }));
    const heads = await advanceLastSeqs(uow.tx, dialect, counts);
    for (const { id, n } of counts) {
      // The rows are locked (PostgreSQL) or ours alone (SQLite's one writer): anything else is a bug.
      if (heads.get(id) !== Number(targets.get(id)?.row.last_seq) + n)
        throw new Error(`conversation ${id}: last_seq moved under a send batch`);
    }
    await insertMessages(
      uow.tx,
      dialect,
      accepted.map((a) => a.row),
    );
    const events: UserEventInput[] = [];
    for (const { index, row, body, target } of accepted) {
      const message = messageDto(row, body);
      const json = JSON.stringify(message);
      events.push({
        principals: target.participants,
        type: USER_EVENTS.messageCreated,
        data: message,
        payload: json,
        // The stream refers to the message rather than storing it again (decision 0010).
        ref: { key: row.conversation_id, seq: row.seq },
        at: row.created_at,
      });
      outcomes[index] = { ok: true, value: { message, replayed: false, json } };
    }
    await appendUserEvents(uow, platform.bus, dialect, events);
  }

  // Resends of the same batch answer as their first send did, as a replay.
  items.forEach((item, i) => {
    const first = firstOf.get(sendKey(item)) as number;
    if (first === i) return;
    const outcome = outcomes[first] as ItemOutcome<SendResult>;
    if (!outcome.ok) outcomes[i] = outcome;
    else if (outcome.value.message.conversationId !== item.input.conversationId) {
      outcomes[i] = { ok: false, error: new AppError('CONFLICT', 'clientId: already used for a message of another conversation') };
    } else outcomes[i] = { ok: true, value: { message: outcome.value.message, replayed: true } };
  });
  return outcomes as Array<ItemOutcome<SendResult>>;
}
