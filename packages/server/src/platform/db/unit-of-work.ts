import type { Db, Tx } from './database.js';

/** A transaction plus the side effects to run once it has committed (never before). */
export interface UnitOfWork {
  tx: Tx;
  afterCommit(effect: () => void | Promise<void>): void;
}

/**
 * Runs `work` in one transaction; after-commit effects run only if it commits, and their
 * failures are logged, not thrown (the durable record is already written).
 */
export async function inTransaction<T>(
  db: Db,
  work: (uow: UnitOfWork) => Promise<T>,
  onEffectError: (error: unknown) => void = () => {},
): Promise<T> {
  const effects: Array<() => void | Promise<void>> = [];
  const result = await db.transaction().execute((tx) => work({ tx, afterCommit: (e) => effects.push(e) }));
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      onEffectError(error);
    }
  }
  return result;
}
