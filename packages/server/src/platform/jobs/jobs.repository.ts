import type { Selectable } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import type { JobsTable } from '../db/schema.js';

export type JobRow = Selectable<JobsTable>;

/** Inserts a pending job; with a dedupe key already present it inserts nothing and returns undefined. */
export async function insertJob(db: Executor, row: JobRow): Promise<string | undefined> {
  const inserted = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/**
 * Claims up to `limit` due jobs of the given types for `workerId` in one statement: pending jobs
 * whose run_at has come, and running jobs whose lease expired (their worker died). Each claim
 * counts an attempt. Only types the worker can run are claimed, so during a rolling deploy an
 * old worker leaves a new job type to the new ones instead of burning its attempts.
 * On PostgreSQL the inner SELECT takes `FOR UPDATE SKIP LOCKED`, so concurrent workers never
 * claim the same row and never wait on each other; SQLite serialises writers anyway.
 */
export async function claimDueJobs(
  db: Executor,
  dialect: Dialect,
  claim: { workerId: string; now: number; leaseMs: number; limit: number; types: string[] },
): Promise<JobRow[]> {
  const { workerId, now, leaseMs, limit, types } = claim;
  if (!types.length) return [];
  let due = db
    .selectFrom('jobs')
    .select('id')
    .where('type', 'in', types)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      locked_by: workerId,
      locked_until: now + leaseMs,
      updated_at: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.sort((a, b) => Number(a.run_at) - Number(b.run_at) || (a.id < b.id ? -1 : 1));
}

/** Running jobs whose lease expired after their last allowed attempt: failed, not reclaimed. */
export async function failExhaustedLeases(db: Executor, now: number): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      last_error: 'lease expired (worker stopped or job too slow)',
      locked_by: null,
      locked_until: null,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Pushes the lease of jobs this worker is still running. */
export async function extendLeases(db: Executor, ids: string[], workerId: string, until: number, now: number): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('jobs')
    .set({ locked_until: until, updated_at: now })
    .where('id', 'in', ids)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}

export async function markJobDone(db: Executor, id: string, workerId: string, now: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_by: null, locked_until: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Schedules another attempt at `runAt`, or fails the job for good when `runAt` is null. */
export async function markJobFailed(
  db: Executor,
  id: string,
  workerId: string,
  error: string,
  runAt: number | null,
  now: number,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      runAt === null
        ? { status: 'failed', last_error: error, locked_by: null, locked_until: null, updated_at: now }
        : { status: 'pending', last_error: error, run_at: runAt, locked_by: null, locked_until: null, updated_at: now },
    )
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Deletes finished jobs older than the given times; returns how many. */
export async function deleteFinishedJobs(db: Executor, doneBefore: number, failedBefore: number): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('updated_at', '<', doneBefore)]),
        eb.and([eb('status', '=', 'failed'), eb('updated_at', '<', failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const findJob = (db: Executor, id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
