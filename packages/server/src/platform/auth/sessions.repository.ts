import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { SessionsTable } from '../db/schema.js';

export type SessionRow = Selectable<SessionsTable>;

export const insertSession = (db: Executor, row: SessionRow) => db.insertInto('sessions').values(row).execute();

export const findSession = (db: Executor, id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSession = (db: Executor, id: string, now: number) =>
  db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();

/** Deletes a principal's sessions (all, or all but one) and returns the ids deleted. */
export async function deleteSessionsOf(
  db: Executor,
  kind: SessionRow['principal_kind'],
  principalId: string,
  exceptId?: string,
): Promise<string[]> {
  let query = db.deleteFrom('sessions').where('principal_kind', '=', kind).where('principal_id', '=', principalId).returning('id');
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.execute()).map((r) => r.id);
}

export const deleteSession = (db: Executor, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteExpiredSessions = (db: Executor, now: number) => db.deleteFrom('sessions').where('expires_at', '<', now).execute();

/** The principal behind a session if it may still act (members and consumers must be active). */
export async function findActivePrincipal(
  db: Executor,
  kind: SessionRow['principal_kind'],
  id: string,
): Promise<{ enterpriseId?: string; role?: 'admin' | 'member' } | undefined> {
  if (kind === 'member') {
    const m = await db.selectFrom('members').select(['enterprise_id', 'role', 'status']).where('id', '=', id).executeTakeFirst();
    return m?.status === 'active' ? { enterpriseId: m.enterprise_id, role: m.role } : undefined;
  }
  if (kind === 'consumer') {
    const c = await db.selectFrom('consumers').select(['status']).where('id', '=', id).executeTakeFirst();
    return c?.status === 'active' ? {} : undefined;
  }
  const o = await db.selectFrom('operators').select(['id']).where('id', '=', id).executeTakeFirst();
  return o ? {} : undefined;
}
