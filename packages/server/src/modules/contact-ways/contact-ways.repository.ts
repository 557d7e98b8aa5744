import { type Selectable, sql } from 'kysely';
import { containsText } from '../../platform/db/contains-text.js';
import type { Executor } from '../../platform/db/database.js';
import type { ContactWayRequestsTable, ContactWaysTable } from '../../platform/db/schema.js';

export type ContactWayRow = Selectable<ContactWaysTable>;
export type ContactWayRequestRow = Selectable<ContactWayRequestsTable>;

export const insertContactWay = (db: Executor, row: ContactWayRow) => db.insertInto('contact_ways').values(row).execute();

export const findContactWay = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('contact_ways').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const findContactWayByToken = (db: Executor, token: string) =>
  db.selectFrom('contact_ways').selectAll().where('token', '=', token).executeTakeFirst();

export const updateContactWayRow = (db: Executor, id: string, patch: Partial<ContactWayRow>) =>
  db.updateTable('contact_ways').set(patch).where('id', '=', id).execute();

export async function deleteContactWayRows(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('contact_way_requests').where('contact_way_id', '=', id).execute();
  await db.deleteFrom('contact_way_daily_adds').where('contact_way_id', '=', id).execute();
  await db.deleteFrom('contact_ways').where('id', '=', id).execute();
}

export async function countContactWays(db: Executor, enterpriseId: string): Promise<number> {
  const row = await db
    .selectFrom('contact_ways')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of the enterprise's ways (or one creator's), by id descending (newest first). */
export interface ContactWayFilter {
  /** The ways a member sees as theirs: created by them or offering them. */
  mine?: string;
  /** Ways offering this member. */
  memberId?: string;
  q?: string;
  type?: 'single' | 'multi';
}

/** member_ids is a JSON array of ids (which never hold quotes): a member is in it as `"<id>"`. */
const offers = (memberId: string) => containsText('member_ids', `"${memberId}"`);

/** The enterprise's ways matching a filter (no columns selected yet). */
function matchingWays(db: Executor, enterpriseId: string, filter: ContactWayFilter) {
  let q = db.selectFrom('contact_ways').where('enterprise_id', '=', enterpriseId);
  const { mine, memberId, type } = filter;
  if (mine) q = q.where((eb) => eb.or([eb('created_by', '=', mine), offers(mine)]));
  if (memberId) q = q.where(offers(memberId));
  if (type) q = q.where('type', '=', type);
  const text = filter.q?.trim();
  if (text) q = q.where((eb) => eb.or([containsText('name', text), containsText('state', text), containsText('remark', text)]));
  return q;
}

export function listContactWayRows(
  db: Executor,
  enterpriseId: string,
  filter: ContactWayFilter,
  before: string | undefined,
  limit: number,
) {
  let q = matchingWays(db, enterpriseId, filter).selectAll();
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** How many ways match a filter, their adds in all, and on `day`. */
export async function summariseContactWayRows(db: Executor, enterpriseId: string, filter: ContactWayFilter, day: string) {
  const totals = await matchingWays(db, enterpriseId, filter)
    .select((eb) => [
      eb.fn.countAll().as('ways'),
      eb.fn.sum<number | null>(eb.case().when('type', '=', 'multi').then(1).else(0).end()).as('multi'),
      eb.fn.sum<number | null>('adds').as('adds'),
    ])
    .executeTakeFirstOrThrow();
  const today = await db
    .selectFrom('contact_way_daily_adds')
    .select((eb) => eb.fn.sum<number | null>('n').as('n'))
    .where('day', '=', day)
    .where('contact_way_id', 'in', matchingWays(db, enterpriseId, filter).select('id'))
    .executeTakeFirst();
  return {
    ways: Number(totals.ways),
    multi: Number(totals.multi ?? 0),
    adds: Number(totals.adds ?? 0),
    addsToday: Number(today?.n ?? 0),
  };
}

/** Today's adds (claims) per way, for a page of ways. */
export async function addsOnDay(db: Executor, contactWayIds: string[], day: string): Promise<Map<string, number>> {
  if (contactWayIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('contact_way_daily_adds')
    .select(['contact_way_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .where('contact_way_id', 'in', contactWayIds)
    .where('day', '=', day)
    .groupBy('contact_way_id')
    .execute();
  return new Map(rows.map((r) => [r.contact_way_id, Number(r.n)]));
}

/** Adds of the member through the way on the day so far. */
export async function dailyAdds(db: Executor, contactWayId: string, memberId: string, day: string): Promise<number> {
  const row = await db
    .selectFrom('contact_way_daily_adds')
    .select('n')
    .where('contact_way_id', '=', contactWayId)
    .where('member_id', '=', memberId)
    .where('day', '=', day)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Claims one of the member's daily slots on the way in one statement (`INSERT … ON CONFLICT … DO UPDATE …
 * WHERE n < cap RETURNING`): true when claimed, false when the cap is reached. Without a cap it only counts.
 */
export async function claimDailySlot(
  db: Executor,
  contactWayId: string,
  memberId: string,
  day: string,
  cap: number | null,
): Promise<boolean> {
  const claimed = await db
    .insertInto('contact_way_daily_adds')
    .values({ contact_way_id: contactWayId, member_id: memberId, day, n: 1 })
    .onConflict((oc) => {
      const update = oc.columns(['contact_way_id', 'member_id', 'day']).doUpdateSet({ n: sql<number>`contact_way_daily_adds.n + 1` });
      return cap === null ? update : update.where(sql<boolean>`contact_way_daily_adds.n < ${cap}`);
    })
    .returning('n')
    .executeTakeFirst();
  return claimed !== undefined && (cap === null || Number(claimed.n) <= cap);
}

export const countAdd = (db: Executor, id: string) =>
  db.updateTable('contact_ways').set({ adds: sql<number>`adds + 1` }).where('id', '=', id).execute();

export const insertContactWayRequest = (db: Executor, row: ContactWayRequestRow) =>
  db.insertInto('contact_way_requests').values(row).execute();

/** The consumer's live request through a way: pending and sent after `lapsedAt`. */
export const findPendingWayRequest = (db: Executor, contactWayId: string, consumerId: string, lapsedAt: number) =>
  db
    .selectFrom('contact_way_requests')
    .selectAll()
    .where('contact_way_id', '=', contactWayId)
    .where('consumer_id', '=', consumerId)
    .where('status', '=', 'pending')
    .where('created_at', '>', lapsedAt)
    .executeTakeFirst();

export const findWayRequestOfMember = (db: Executor, memberId: string, id: string) =>
  db.selectFrom('contact_way_requests').selectAll().where('member_id', '=', memberId).where('id', '=', id).executeTakeFirst();

export const updateWayRequestRow = (db: Executor, id: string, patch: Partial<ContactWayRequestRow>) =>
  db.updateTable('contact_way_requests').set(patch).where('id', '=', id).execute();

/** The member's pending requests sent after `lapsedAt`, with the consumer's nickname, newest first. */
export const listPendingWayRequestsOfMember = (db: Executor, memberId: string, lapsedAt: number, limit: number) =>
  db
    .selectFrom('contact_way_requests as r')
    .innerJoin('consumers as c', 'c.id', 'r.consumer_id')
    .selectAll('r')
    .select('c.nickname')
    .where('r.member_id', '=', memberId)
    .where('r.status', '=', 'pending')
    .where('r.created_at', '>', lapsedAt)
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
