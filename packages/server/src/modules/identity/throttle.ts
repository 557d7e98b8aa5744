import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { deleteThrottle, findThrottle, upsertThrottle } from './throttle.repository.js';

/**
 * Login throttling, kept in the database so every node sees the same counts. A login locks after
 * 5 failures in 15 minutes; an IP address after 50. The lock is answered the same way whether or
 * not the account exists, so it reveals nothing.
 */
const WINDOW_MS = 15 * 60_000;
const LIMITS = { login: 5, ip: 50 } as const;

export interface ThrottleKeys {
  login: string;
  ip: string;
}

export async function assertNotThrottled(db: Executor, keys: ThrottleKeys, now = Date.now()): Promise<void> {
  for (const key of [keys.login, keys.ip]) {
    const row = await findThrottle(db, key);
    if (row?.locked_until && Number(row.locked_until) > now) {
      const seconds = Math.ceil((Number(row.locked_until) - now) / 1000);
      throw new AppError('TOO_MANY_ATTEMPTS', `Too many failed sign-in attempts; try again in ${Math.ceil(seconds / 60)} minutes`, {
        retryAfterSeconds: seconds,
      });
    }
  }
}

export async function recordFailure(db: Executor, keys: ThrottleKeys, now = Date.now()): Promise<void> {
  for (const [key, limit] of [
    [keys.login, LIMITS.login],
    [keys.ip, LIMITS.ip],
  ] as const) {
    const row = await findThrottle(db, key);
    const fresh = !row || now - Number(row.window_started_at) > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const windowStart = fresh ? now : Number(row.window_started_at);
    await upsertThrottle(db, key, failures, windowStart, failures >= limit ? now + WINDOW_MS : null);
  }
}

export const clearFailures = (db: Executor, keys: ThrottleKeys) => deleteThrottle(db, keys.login);
