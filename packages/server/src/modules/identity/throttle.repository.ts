import type { Executor } from '../../platform/db/database.js';

export const findThrottle = (db: Executor, key: string) =>
  db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();

export const upsertThrottle = (db: Executor, key: string, failures: number, windowStartedAt: number, lockedUntil: number | null) =>
  db
    .insertInto('login_throttle')
    .values({ key, failures, window_started_at: windowStartedAt, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, window_started_at: windowStartedAt, locked_until: lockedUntil }))
    .execute();

export const deleteThrottle = (db: Executor, key: string) => db.deleteFrom('login_throttle').where('key', '=', key).execute();
