import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { FriendRequestsTable, FriendshipsTable } from '../../platform/db/schema.js';

export type FriendRequestRow = Selectable<FriendRequestsTable>;
export type FriendshipRow = Selectable<FriendshipsTable>;

/** Friendships are stored once per pair, the smaller id first. */
export const orderedPair = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);

export const findFriendship = (db: Executor, x: string, y: string) => {
  const [a, b] = orderedPair(x, y);
  return db.selectFrom('friendships').selectAll().where('consumer_a', '=', a).where('consumer_b', '=', b).executeTakeFirst();
};

export const insertFriendship = (db: Executor, row: FriendshipRow) =>
  db
    .insertInto('friendships')
    .values(row)
    .onConflict((oc) => oc.columns(['consumer_a', 'consumer_b']).doNothing())
    .execute();

export const listFriendshipsOf = (db: Executor, consumerId: string) =>
  db
    .selectFrom('friendships')
    .selectAll()
    .where((eb) => eb.or([eb('consumer_a', '=', consumerId), eb('consumer_b', '=', consumerId)]))
    .orderBy('created_at', 'desc')
    .execute();

export const findFriendRequest = (db: Executor, id: string) =>
  db.selectFrom('friend_requests').selectAll().where('id', '=', id).executeTakeFirst();

export const findPendingRequest = (db: Executor, from: string, to: string) =>
  db
    .selectFrom('friend_requests')
    .selectAll()
    .where('from_consumer_id', '=', from)
    .where('to_consumer_id', '=', to)
    .where('status', '=', 'pending')
    .executeTakeFirst();

export const insertFriendRequest = (db: Executor, row: FriendRequestRow) => db.insertInto('friend_requests').values(row).execute();

/** Decides a pending request; false when it was no longer pending. */
export async function decideFriendRequest(db: Executor, id: string, status: 'accepted' | 'declined', now: number): Promise<boolean> {
  const result = await db
    .updateTable('friend_requests')
    .set({ status, decided_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const listPendingRequests = (db: Executor, consumerId: string, direction: 'incoming' | 'outgoing') =>
  db
    .selectFrom('friend_requests')
    .selectAll()
    .where(direction === 'incoming' ? 'to_consumer_id' : 'from_consumer_id', '=', consumerId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();

export const findConsumerSummaries = async (db: Executor, ids: string[]) => {
  if (ids.length === 0) return new Map<string, { id: string; nickname: string; avatarUrl: string | null }>();
  const rows = await db.selectFrom('consumers').select(['id', 'nickname', 'avatar_url']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, nickname: r.nickname, avatarUrl: r.avatar_url }]));
};
