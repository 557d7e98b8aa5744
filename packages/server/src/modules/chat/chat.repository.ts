import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
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
