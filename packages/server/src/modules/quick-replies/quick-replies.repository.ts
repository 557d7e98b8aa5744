import { type Selectable, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { QuickRepliesTable, QuickReplyGroupsTable } from '../../platform/db/schema.js';

export type QuickReplyRow = Selectable<QuickRepliesTable>;
export type QuickReplyGroupRow = Selectable<QuickReplyGroupsTable>;

/** Whose library: the enterprise's (owner null) or a member's personal one. */
export interface Library {
  enterpriseId: string;
  ownerMemberId: string | null;
}

// ---------- groups ----------

/** Groups of the libraries, oldest first. */
export async function listGroups(db: Executor, libraries: Library[]): Promise<QuickReplyGroupRow[]> {
  if (!libraries.length) return [];
  return db
    .selectFrom('quick_reply_groups')
    .selectAll()
    .where((eb) => eb.or(libraries.map((l) => inLibrary(eb, l))))
    .orderBy('id')
    .execute();
}

/** A group of one enterprise; another enterprise's id finds nothing. */
export const findGroup = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('quick_reply_groups').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const insertGroup = (db: Executor, row: QuickReplyGroupRow) => db.insertInto('quick_reply_groups').values(row).execute();

export const renameGroup = (db: Executor, id: string, name: string) =>
  db.updateTable('quick_reply_groups').set({ name }).where('id', '=', id).execute();

/** Deletes a group; its replies stay, ungrouped. */
export async function deleteGroup(db: Executor, id: string): Promise<void> {
  await db.updateTable('quick_replies').set({ group_id: null }).where('group_id', '=', id).execute();
  await db.deleteFrom('quick_reply_groups').where('id', '=', id).execute();
}

export async function countGroups(db: Executor, library: Library): Promise<number> {
  const row = await db
    .selectFrom('quick_reply_groups')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => inLibrary(eb, library))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------- replies ----------

/** Replies of the libraries whose title or text contains `q` (ASCII case ignored), oldest first. */
export async function searchReplies(db: Executor, libraries: Library[], q: string | undefined, limit: number): Promise<QuickReplyRow[]> {
  if (!libraries.length) return [];
  let query = db
    .selectFrom('quick_replies')
    .selectAll()
    .where((eb) => eb.or(libraries.map((l) => inLibrary(eb, l))));
  if (q) {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([sql<SqlBool>`lower(title) like ${pattern} escape '\\'`, sql<SqlBool>`lower(text) like ${pattern} escape '\\'`]),
    );
  }
  return query.orderBy('id').limit(limit).execute();
}

export const findReply = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('quick_replies').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const insertReply = (db: Executor, row: QuickReplyRow) => db.insertInto('quick_replies').values(row).execute();

export const updateReplyRow = (db: Executor, id: string, patch: Partial<QuickReplyRow>) =>
  db.updateTable('quick_replies').set(patch).where('id', '=', id).execute();

export const deleteReply = (db: Executor, id: string) => db.deleteFrom('quick_replies').where('id', '=', id).execute();

export async function countReplies(db: Executor, library: Library): Promise<number> {
  const row = await db
    .selectFrom('quick_replies')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => inLibrary(eb, library))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// biome-ignore lint/suspicious/noExplicitAny: the expression builder of either table
function inLibrary(eb: any, library: Library) {
  return eb.and([
    eb('enterprise_id', '=', library.enterpriseId),
    library.ownerMemberId === null ? eb('owner_member_id', 'is', null) : eb('owner_member_id', '=', library.ownerMemberId),
  ]);
}
