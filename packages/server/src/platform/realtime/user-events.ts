import type { ServerFrame } from '@rapport/shared';
import type { Dialect, Executor } from '../db/database.js';
import { rawQueryChunked, valuesList } from '../db/raw-sql.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Bus } from '../events/bus.js';

/** `<kind>:<id>`: the owner of a per-user event stream. */
export type PrincipalKey = `${'member' | 'consumer' | 'operator'}:${string}`;
export const principalKey = (kind: 'member' | 'consumer' | 'operator', id: string): PrincipalKey => `${kind}:${id}`;

/** Bus topic on which committed user events travel to whichever node holds the user's sockets. */
export const USER_EVENT_TOPIC = 'rt.user-event';
/**
 * A committed event as the bus carries it: its data already JSON (made once, as for storing it), which the hub
 * writes into the frames of every socket as is, and the Redis bus carries once.
 */
export interface UserEventMessage {
  principal: PrincipalKey;
  seq: number;
  type: string;
  at: number;
  payload: string;
}

/** Principals per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * Appends an event to each principal's stream inside the caller's transaction (allocating the
 * next gap-free per-user seq) and publishes it on the bus after commit. Set-based: one upsert
 * of the heads and one insert per 500 principals, so a fan-out to 10,000 users is 40 statements,
 * not 20,000. Principals are deduplicated and sorted, so concurrent fan-outs lock heads in the
 * same order and cannot deadlock each other on PostgreSQL.
 */
export async function appendUserEvent(
  uow: UnitOfWork,
  bus: Bus,
  principals: PrincipalKey[],
  type: string,
  data: unknown,
  now = Date.now(),
): Promise<void> {
  const payload = JSON.stringify(data);
  const unique = [...new Set(principals)].sort();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const heads = await nextSeqs(uow.tx, chunk);
    await uow.tx
      .insertInto('user_events')
      .values(chunk.map((principal) => ({ principal, seq: heads.get(principal) as number, type, payload, created_at: now })))
      .execute();
    for (const principal of chunk) {
      const message: UserEventMessage = { principal, seq: heads.get(principal) as number, type, at: now, payload };
      uow.afterCommit(() => bus.publish(USER_EVENT_TOPIC, message));
    }
  }
}

/** Increments the heads of distinct principals in one statement and returns their new seqs. */
async function nextSeqs(tx: Executor, principals: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .insertInto('user_event_heads')
    .values(principals.map((principal) => ({ principal, last_seq: 1 })))
    .onConflict((oc) => oc.column('principal').doUpdateSet((eb) => ({ last_seq: eb('user_event_heads.last_seq', '+', 1) })))
    .returning(['principal', 'last_seq'])
    .execute();
  return new Map(rows.map((r) => [r.principal, Number(r.last_seq)]));
}

/** One event of a batch: its recipients, its type and its data (`payload` is its JSON, when already made). */
export interface UserEventInput {
  principals: PrincipalKey[];
  type: string;
  data: unknown;
  payload?: string;
  /** The row the data comes from (a message: its conversation and seq): stored instead of the payload, read back on replay. */
  ref?: { key: string; seq: number };
  at?: number;
}

/**
 * Appends many events in one go (chat's group commit): one upsert of all the heads touched and one
 * insert of all the rows per 500, in hand-written SQL, whatever the number of events. Each principal
 * gets its events in the order given, with consecutive seqs; the heads are locked in principal order
 * (deadlock-free beside `appendUserEvent`). Published on the bus after commit, in seq order.
 */
export async function appendUserEvents(
  uow: UnitOfWork,
  bus: Bus,
  dialect: Dialect,
  events: UserEventInput[],
  now = Date.now(),
): Promise<void> {
  const counts = new Map<string, number>();
  for (const event of events) for (const principal of new Set(event.principals)) counts.set(principal, (counts.get(principal) ?? 0) + 1);
  if (counts.size === 0) return;
  const principals = [...counts.keys()].sort();
  // The head after this batch, then handed out from the first new seq upwards.
  const next = new Map<string, number>();
  const heads = await rawQueryChunked<string, { principal: string; last_seq: number | string }>(
    uow.tx,
    dialect,
    principals,
    (n) => `INSERT INTO user_event_heads (principal, last_seq) VALUES ${valuesList(n, 2)}
       ON CONFLICT (principal) DO UPDATE SET last_seq = user_event_heads.last_seq + excluded.last_seq
       RETURNING principal, last_seq`,
    (chunk) => chunk.flatMap((p) => [p, counts.get(p) as number]),
  );
  for (const r of heads) next.set(r.principal, Number(r.last_seq) - (counts.get(r.principal) as number) + 1);
  const rows: unknown[][] = [];
  const messages: UserEventMessage[] = [];
  for (const event of events) {
    const payload = event.payload ?? JSON.stringify(event.data);
    const at = event.at ?? now;
    const { ref } = event;
    for (const principal of new Set(event.principals)) {
      const seq = next.get(principal) as number;
      next.set(principal, seq + 1);
      rows.push([principal, seq, event.type, ref ? null : payload, ref?.key ?? null, ref?.seq ?? null, at]);
      messages.push({ principal, seq, type: event.type, at, payload });
    }
  }
  await rawQueryChunked(
    uow.tx,
    dialect,
    rows,
    (n) => `INSERT INTO user_events (principal, seq, type, payload, ref_key, ref_seq, created_at) VALUES ${valuesList(n, 7)}`,
    (chunk) => chunk.flat(),
  );
  uow.afterCommit(async () => {
    await Promise.all(messages.map((message) => bus.publish(USER_EVENT_TOPIC, message)));
  });
}

/** The last seq of a principal's stream (0 when empty). */
export async function lastUserSeq(db: Executor, principal: PrincipalKey): Promise<number> {
  const row = await db.selectFrom('user_event_heads').select('last_seq').where('principal', '=', principal).executeTakeFirst();
  return row ? Number(row.last_seq) : 0;
}

/** Reads the data of events that refer to their row, for each `ref_key` and `ref_seq`: keyed by `refId(key, seq)`. */
export type UserEventRefLoader = (db: Executor, refs: Array<{ key: string; seq: number }>) => Promise<Map<string, unknown>>;
export const refId = (key: string, seq: number) => `${key}\u0000${seq}`;

/**
 * The loaders of events stored by reference (`message.created` → its message), registered by the modules
 * that own those rows, so the platform replays them without knowing their tables.
 */
export class UserEventRefs {
  private readonly loaders = new Map<string, UserEventRefLoader>();

  register(type: string, loader: UserEventRefLoader): void {
    if (this.loaders.has(type)) throw new Error(`user event refs of ${type} are registered twice`);
    this.loaders.set(type, loader);
  }

  /** The data of each referring row, read with one query per type. */
  async load(db: Executor, rows: Array<{ type: string; ref_key: string | null; ref_seq: number | null }>): Promise<Map<string, unknown>> {
    const byType = new Map<string, Array<{ key: string; seq: number }>>();
    for (const row of rows) {
      if (row.ref_key === null || row.ref_seq === null) continue;
      const refs = byType.get(row.type) ?? [];
      refs.push({ key: row.ref_key, seq: Number(row.ref_seq) });
      byType.set(row.type, refs);
    }
    const data = new Map<string, unknown>();
    for (const [type, refs] of byType) {
      const loader = this.loaders.get(type);
      if (!loader) throw new Error(`no loader registered for user events of type ${type}`);
      for (const [id, value] of await loader(db, refs)) data.set(`${type}\u0000${id}`, value);
    }
    return data;
  }
}

/** Events after `after`, oldest first, at most `limit`; events stored by reference get their row's data. */
export async function listUserEventsAfter(db: Executor, principal: PrincipalKey, after: number, limit: number, refs: UserEventRefs) {
  const rows = await db
    .selectFrom('user_events')
    .select(['seq', 'type', 'payload', 'ref_key', 'ref_seq', 'created_at'])
    .where('principal', '=', principal)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  const referred = await refs.load(db, rows);
  return rows.map(
    (r): Extract<ServerFrame, { t: 'event' }> => ({
      t: 'event',
      seq: Number(r.seq),
      type: r.type,
      // A referred row is never deleted (messages keep their seq for ever); null only if that ever broke.
      data:
        r.payload !== null ? JSON.parse(r.payload) : (referred.get(`${r.type}\u0000${refId(r.ref_key ?? '', Number(r.ref_seq))}`) ?? null),
      at: Number(r.created_at),
    }),
  );
}
