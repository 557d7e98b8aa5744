import { type Selectable, sql } from 'kysely';
import { containsText } from '../../platform/db/contains-text.js';
import type { Executor } from '../../platform/db/database.js';
import type { CustomerRelationsTable, CustomerRequestsTable } from '../../platform/db/schema.js';
import { relationIdsWithAllTags } from '../tags/index.js';

export type RelationRow = Selectable<CustomerRelationsTable>;
export type RequestRow = Selectable<CustomerRequestsTable>;
/** A relation with the consumer's public face (nickname, avatar), as lists and profiles show it. */
export type RelationView = RelationRow & { consumer_nickname: string; consumer_avatar_url: string | null };
/** A request with the consumer's public face. */
export type RequestView = RequestRow & { consumer_nickname: string; consumer_avatar_url: string | null };

// ---------- relations ----------

const relationViews = (db: Executor) =>
  db
    .selectFrom('customer_relations as r')
    .innerJoin('consumers as c', 'c.id', 'r.consumer_id')
    .selectAll('r')
    .select(['c.nickname as consumer_nickname', 'c.avatar_url as consumer_avatar_url']);

/** A relation of one enterprise by id; another enterprise's id finds nothing. */
export const findRelationView = (db: Executor, enterpriseId: string, id: string) =>
  relationViews(db).where('r.enterprise_id', '=', enterpriseId).where('r.id', '=', id).executeTakeFirst();

export const findRelationByPair = (db: Executor, memberId: string, consumerId: string) =>
  db
    .selectFrom('customer_relations')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('consumer_id', '=', consumerId)
    .executeTakeFirst();

export const insertRelation = (db: Executor, row: RelationRow) => db.insertInto('customer_relations').values(row).execute();

export const updateRelationRow = (db: Executor, id: string, patch: Partial<RelationRow>) =>
  db.updateTable('customer_relations').set(patch).where('id', '=', id).execute();

/** Active customers of a member (their capacity). */
export async function countActiveOfMember(db: Executor, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('customer_relations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('member_id', '=', memberId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Distinct consumers of an enterprise: an enterprise customer is one consumer however many members
 * follow them. `activeOnly: false` counts every consumer the enterprise ever connected with.
 */
export async function countEnterpriseConsumers(db: Executor, enterpriseId: string, activeOnly: boolean): Promise<number> {
  let query = db
    .selectFrom('customer_relations')
    .select((eb) => eb.fn.count('consumer_id').distinct().as('n'))
    .where('enterprise_id', '=', enterpriseId);
  if (activeOnly) query = query.where('status', '=', 'active');
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the consumer has a relation (active, or any when `activeOnly` is false) with the enterprise. */
export async function isEnterpriseConsumer(db: Executor, enterpriseId: string, consumerId: string, activeOnly: boolean) {
  let query = db
    .selectFrom('customer_relations')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('consumer_id', '=', consumerId);
  if (activeOnly) query = query.where('status', '=', 'active');
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** A page of relations, newest id first; `q` matches the remark, the nickname or a remark phone. */
export async function listRelationViews(
  db: Executor,
  filter: {
    enterpriseId: string;
    memberId?: string;
    status?: 'active' | 'lost';
    q?: string;
    tagIds?: string[];
    contactWayId?: string;
    conversationIds?: string[];
  },
  beforeId: string | undefined,
  limit: number,
): Promise<RelationView[]> {
  let query = relationViews(db).where('r.enterprise_id', '=', filter.enterpriseId);
  if (filter.memberId) query = query.where('r.member_id', '=', filter.memberId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.contactWayId) query = query.where('r.contact_way_id', '=', filter.contactWayId);
  if (filter.conversationIds?.length) query = query.where('r.conversation_id', 'in', filter.conversationIds);
  if (filter.q) {
    const q = filter.q.trim();
    const digits = q.replace(/[\s-]/g, '');
    query = query.where((eb) =>
      eb.or([containsText('r.remark', q), containsText('c.nickname', q), ...(digits ? [containsText('r.remark_phones', digits)] : [])]),
    );
  }
  if (filter.tagIds?.length) query = query.where('r.id', 'in', relationIdsWithAllTags(db, filter.tagIds));
  if (beforeId) query = query.where('r.id', '<', beforeId);
  return query.orderBy('r.id', 'desc').limit(limit).execute();
}

/** The consumer's active relations (their enterprise contacts), oldest first. */
export const listActiveRelationsOfConsumer = (db: Executor, consumerId: string, limit: number) =>
  db
    .selectFrom('customer_relations')
    .selectAll()
    .where('consumer_id', '=', consumerId)
    .where('status', '=', 'active')
    .orderBy('added_at')
    .orderBy('id')
    .limit(limit)
    .execute();

// ---------- requests ----------

const requestViews = (db: Executor) =>
  db
    .selectFrom('customer_requests as q')
    .innerJoin('consumers as c', 'c.id', 'q.consumer_id')
    .selectAll('q')
    .select(['c.nickname as consumer_nickname', 'c.avatar_url as consumer_avatar_url']);

export const findRequestView = (db: Executor, id: string) => requestViews(db).where('q.id', '=', id).executeTakeFirst();

/** A request addressed to the consumer; anyone else's finds nothing. */
export const findRequestForConsumer = (db: Executor, consumerId: string, id: string) =>
  db.selectFrom('customer_requests').selectAll().where('consumer_id', '=', consumerId).where('id', '=', id).executeTakeFirst();

export const findPendingRequest = (db: Executor, memberId: string, consumerId: string) =>
  db
    .selectFrom('customer_requests')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('consumer_id', '=', consumerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();

/** Inserts a pending request unless one is already pending for the pair (a concurrent send); true when inserted. */
export async function insertRequest(db: Executor, row: RequestRow): Promise<boolean> {
  const result = await db
    .insertInto('customer_requests')
    .values(row)
    // the conflict target names the partial index, whose predicate must be spelt as a literal to match
    .onConflict((oc) => oc.columns(['member_id', 'consumer_id']).where('status', '=', sql.lit('pending')).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const updateRequestRow = (db: Executor, id: string, patch: Partial<RequestRow>) =>
  db.updateTable('customer_requests').set(patch).where('id', '=', id).execute();

/** Closes the member's pending requests to the consumer (the consumer deleted or blocked them). */
export const declinePendingRequests = (db: Executor, memberId: string, consumerId: string, now: number) =>
  db
    .updateTable('customer_requests')
    .set({ status: 'declined', decided_at: now })
    .where('member_id', '=', memberId)
    .where('consumer_id', '=', consumerId)
    .where('status', '=', 'pending')
    .execute();

/** The member's sent requests, newest first; a pending request sent at or before `lapsedAt` counts as expired. */
export async function listRequestViewsOfMember(
  db: Executor,
  memberId: string,
  status: RequestRow['status'] | undefined,
  lapsedAt: number,
  beforeId: string | undefined,
  limit: number,
): Promise<RequestView[]> {
  let query = requestViews(db).where('q.member_id', '=', memberId);
  if (status === 'pending') query = query.where('q.status', '=', 'pending').where('q.created_at', '>', lapsedAt);
  else if (status === 'expired') {
    query = query.where((eb) =>
      eb.or([eb('q.status', '=', 'expired'), eb.and([eb('q.status', '=', 'pending'), eb('q.created_at', '<=', lapsedAt)])]),
    );
  } else if (status) query = query.where('q.status', '=', status);
  if (beforeId) query = query.where('q.id', '<', beforeId);
  return query.orderBy('q.id', 'desc').limit(limit).execute();
}

/** Pending requests addressed to the consumer sent after `since`, newest first. */
export const listPendingRequestsForConsumer = (db: Executor, consumerId: string, since: number, limit: number) =>
  db
    .selectFrom('customer_requests')
    .selectAll()
    .where('consumer_id', '=', consumerId)
    .where('status', '=', 'pending')
    .where('created_at', '>', since)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
