import type { Selectable } from 'kysely';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { rawQueryChunked, valuesList } from '../../platform/db/raw-sql.js';
import type { ConversationsTable, MessagesTable } from '../../platform/db/schema.js';

export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
/** A conversation seen by one participant: the row plus that participant's read position. */
export type MyConversationRow = ConversationRow & { my_read_seq: number };

export const findConversationByKey = (db: Executor, key: string) =>
  db.selectFrom('conversations').selectAll().where('participants_key', '=', key).executeTakeFirst();

export const findConversationRow = (db: Executor, id: string) =>
  db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();

/** Inserts unless a conversation with the same participants key exists (concurrent opens agree on one). */
export const insertConversationIfAbsent = (db: Executor, row: ConversationRow) =>
  db
    .insertInto('conversations')
    .values(row)
    .onConflict((oc) => oc.column('participants_key').doNothing())
    .execute();

export const insertParticipants = (
  db: Executor,
  rows: Array<{ conversation_id: string; principal: string; enterprise_id: string | null; joined_at: number }>,
) =>
  db
    .insertInto('conversation_participants')
    .values(rows.map((r) => ({ ...r, last_read_seq: 0, last_delivered_seq: 0 })))
    .onConflict((oc) => oc.columns(['conversation_id', 'principal']).doNothing())
    .execute();

/** The conversation if `principal` takes part in it (anything else is "not found"). */
export const findMyConversation = (db: Executor, id: string, principal: string): Promise<MyConversationRow | undefined> =>
  db
    .selectFrom('conversations as c')
    .innerJoin('conversation_participants as p', 'p.conversation_id', 'c.id')
    .selectAll('c')
    .select('p.last_read_seq as my_read_seq')
    .where('c.id', '=', id)
    .where('p.principal', '=', principal)
    .executeTakeFirst();

export const listParticipantRows = (db: Executor, conversationIds: string[]) =>
  conversationIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('conversation_participants')
        .select(['conversation_id', 'principal', 'last_read_seq'])
        .where('conversation_id', 'in', conversationIds)
        .orderBy('principal')
        .execute();

export const listParticipantPrincipals = async (db: Executor, conversationId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('conversation_participants')
      .select('principal')
      .where('conversation_id', '=', conversationId)
      .orderBy('principal')
      .execute()
  ).map((r) => r.principal);

export const findMessageByClientId = (db: Executor, sender: string, clientId: string) =>
  db.selectFrom('messages').selectAll().where('sender', '=', sender).where('client_id', '=', clientId).executeTakeFirst();

export const findMessage = (db: Executor, conversationId: string, seq: number) =>
  db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('seq', '=', seq).executeTakeFirst();

/**
 * Allocates the next seq of an open conversation: one row-locking UPDATE … RETURNING, so
 * concurrent senders queue on the conversation row and seqs stay gap-free (a rolled-back
 * transaction gives its seq back). Undefined when the conversation is closed.
 */
export async function allocateSeq(db: Executor, conversationId: string, now: number): Promise<number | undefined> {
  const row = await db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: now }))
    .where('id', '=', conversationId)
    .where('status', '=', 'open')
    .returning('last_seq')
    .executeTakeFirst();
  return row ? Number(row.last_seq) : undefined;
}

export const insertMessage = (db: Executor, row: MessageRow) => db.insertInto('messages').values(row).execute();

// The send path (group commit) below: hand-written, set-based SQL, a fixed handful of statements per batch.

/** A conversation of a send batch with one of its participants (one row per participant). */
export interface SendTargetRow {
  id: string;
  enterprise_id: string | null;
  status: 'open' | 'closed';
  closed_reason: string | null;
  last_seq: number | string;
  principal: string;
}

const MESSAGE_COLUMNS = [
  'conversation_id',
  'seq',
  'id',
  'enterprise_id',
  'sender',
  'client_id',
  'kind',
  'body',
  'quote_seq',
  'recalled_at',
  'created_at',
] as const;

/**
 * The conversations of a batch with all their participants. On PostgreSQL their rows are locked, in
 * id order (so concurrent batches of several nodes cannot deadlock), and stay so until commit: the
 * status and last_seq read here are the ones the batch writes after.
 */
export const lockSendTargets = (db: Executor, dialect: Dialect, ids: string[]) =>
  rawQueryChunked<string, SendTargetRow>(
    db,
    dialect,
    [...ids].sort(),
    (n) => `SELECT c.id, c.enterprise_id, c.status, c.closed_reason, c.last_seq, p.principal
     FROM conversations c JOIN conversation_participants p ON p.conversation_id = c.id
     WHERE c.id IN (${Array(n).fill('?').join(', ')})
     ORDER BY c.id, p.principal${dialect === 'postgres' ? ' FOR UPDATE OF c' : ''}`,
    (chunk) => chunk,
  );

/** Messages already stored under any of these (sender, clientId) pairs. */
export const findMessagesByClientIds = (db: Executor, dialect: Dialect, pairs: Array<[string, string]>) =>
  rawQueryChunked<[string, string], MessageRow>(
    db,
    dialect,
    pairs,
    (n) => `SELECT * FROM messages WHERE (sender, client_id) IN (VALUES ${valuesList(n, 2)})`,
    (chunk) => chunk.flat(),
  );

/** Messages by (conversation, seq): what `message.created` events refer to. */
export const findMessagesBySeqs = (db: Executor, dialect: Dialect, refs: Array<{ key: string; seq: number }>) =>
  rawQueryChunked<{ key: string; seq: number }, MessageRow>(
    db,
    dialect,
    refs,
    (n) => `SELECT * FROM messages WHERE (conversation_id, seq) IN (VALUES ${Array(n).fill('(?, CAST(? AS bigint))').join(', ')})`,
    (chunk) => chunk.flatMap((ref) => [ref.key, ref.seq]),
  );

/**
 * Moves each conversation's last_seq on by its count of new messages; returns the new last_seq per
 * conversation (open ones only).
 */
export async function advanceLastSeqs(
  db: Executor,
  dialect: Dialect,
  counts: Array<{ id: string; n: number; at: number }>,
): Promise<Map<string, number>> {
  const rows = await rawQueryChunked<{ id: string; n: number; at: number }, { id: string; last_seq: number | string }>(
    db,
    dialect,
    counts,
    (n) => `UPDATE conversations SET last_seq = conversations.last_seq + v.column2, last_message_at = v.column3
     FROM (VALUES ${Array(n).fill('(?, CAST(? AS bigint), CAST(? AS bigint))').join(', ')}) AS v
     WHERE conversations.id = v.column1 AND conversations.status = 'open'
     RETURNING id, last_seq`,
    (chunk) => chunk.flatMap((c) => [c.id, c.n, c.at]),
  );
  return new Map(rows.map((r) => [r.id, Number(r.last_seq)]));
}

/** Inserts a batch's messages. */
export async function insertMessages(db: Executor, dialect: Dialect, rows: MessageRow[]): Promise<void> {
  await rawQueryChunked(
    db,
    dialect,
    rows,
    (n) => `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES ${valuesList(n, MESSAGE_COLUMNS.length)}`,
    (chunk) => chunk.flatMap((row) => MESSAGE_COLUMNS.map((column) => row[column])),
  );
}

export const markMessageRecalled = (db: Executor, conversationId: string, seq: number, now: number) =>
  db
    .updateTable('messages')
    .set({ recalled_at: now })
    .where('conversation_id', '=', conversationId)
    .where('seq', '=', seq)
    .where('recalled_at', 'is', null)
    .execute();

/** Moves a read position forward only; true when it moved. */
export async function advanceReadSeq(db: Executor, conversationId: string, principal: string, seq: number): Promise<boolean> {
  const result = await db
    .updateTable('conversation_participants')
    .set({ last_read_seq: seq })
    .where('conversation_id', '=', conversationId)
    .where('principal', '=', principal)
    .where('last_read_seq', '<', seq)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const closeConversationRow = (db: Executor, id: string, reason: string) =>
  db
    .updateTable('conversations')
    .set({ status: 'closed', closed_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .execute();

export const reopenConversationRow = (db: Executor, id: string) =>
  db
    .updateTable('conversations')
    .set({ status: 'open', closed_reason: null })
    .where('id', '=', id)
    .where('status', '=', 'closed')
    .execute();

/** Messages of a conversation with after < seq < before; the newest `limit` when only `before` is given. */
export async function listMessageRows(
  db: Executor,
  conversationId: string,
  range: { after?: number; before?: number },
  limit: number,
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  if (range.after !== undefined) query = query.where('seq', '>', range.after);
  if (range.before !== undefined) query = query.where('seq', '<', range.before);
  const newestFirst = range.before !== undefined && range.after === undefined;
  const rows = await query
    .orderBy('seq', newestFirst ? 'desc' : 'asc')
    .limit(limit)
    .execute();
  return newestFirst ? rows.reverse() : rows;
}

/** Keyset page of a principal's conversations, most recent activity first. */
export async function listMyConversationRows(
  db: Executor,
  principal: string,
  after: { at: number; id: string } | undefined,
  limit: number,
): Promise<MyConversationRow[]> {
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_participants as p', 'p.conversation_id', 'c.id')
    .selectAll('c')
    .select('p.last_read_seq as my_read_seq')
    .where('p.principal', '=', principal);
  if (after) {
    query = query.where((eb) => {
      const at = eb.fn.coalesce('c.last_message_at', 'c.created_at');
      return eb.or([eb(at, '<', after.at), eb.and([eb(at, '=', after.at), eb('c.id', '<', after.id)])]);
    });
  }
  return query
    .orderBy((eb) => eb.fn.coalesce('c.last_message_at', 'c.created_at'), 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** The last message of each conversation (by its last seq). */
export const listLastMessages = (db: Executor, heads: Array<{ id: string; seq: number }>) => {
  const withMessages = heads.filter((h) => h.seq > 0);
  if (withMessages.length === 0) return Promise.resolve([] as MessageRow[]);
  return db
    .selectFrom('messages')
    .selectAll()
    .where((eb) => eb.or(withMessages.map((h) => eb.and([eb('conversation_id', '=', h.id), eb('seq', '=', h.seq)]))))
    .execute();
};

/** Unread messages per conversation: the others' messages after my read position, not recalled. */
export async function countUnread(db: Executor, principal: string, conversationIds: string[]): Promise<Map<string, number>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('conversation_participants as p', (join) =>
      join.onRef('p.conversation_id', '=', 'm.conversation_id').on('p.principal', '=', principal),
    )
    .select(['m.conversation_id', (eb) => eb.fn.countAll().as('n')])
    .where('m.conversation_id', 'in', conversationIds)
    .whereRef('m.seq', '>', 'p.last_read_seq')
    .where('m.sender', '<>', principal)
    .where('m.recalled_at', 'is', null)
    .groupBy('m.conversation_id')
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, Number(r.n)]));
}

/** Display names of consumers and members, for peer summaries. */
export async function findNames(db: Executor, consumerIds: string[], memberIds: string[]) {
  const names = new Map<string, { name: string; avatarUrl: string | null }>();
  if (consumerIds.length > 0) {
    const rows = await db.selectFrom('consumers').select(['id', 'nickname', 'avatar_url']).where('id', 'in', consumerIds).execute();
    for (const r of rows) names.set(`consumer:${r.id}`, { name: r.nickname, avatarUrl: r.avatar_url });
  }
  if (memberIds.length > 0) {
    const rows = await db.selectFrom('members').select(['id', 'name', 'avatar_url']).where('id', 'in', memberIds).execute();
    for (const r of rows) names.set(`member:${r.id}`, { name: r.name, avatarUrl: r.avatar_url });
  }
  return names;
}
