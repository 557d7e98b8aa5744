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

/**
 * A session with the standing of its principal, in one round trip: members and consumers must
 * be active; a member brings their enterprise and role.
 */
export const findSessionWithPrincipal = (db: Executor, id: string) =>
  db
    .selectFrom('sessions')
    .leftJoin('members', (join) => join.onRef('members.id', '=', 'sessions.principal_id').on('sessions.principal_kind', '=', 'member'))
    .leftJoin('consumers', (join) =>
      join.onRef('consumers.id', '=', 'sessions.principal_id').on('sessions.principal_kind', '=', 'consumer'),
    )
    .leftJoin('operators', (join) =>
      join.onRef('operators.id', '=', 'sessions.principal_id').on('sessions.principal_kind', '=', 'operator'),
    )
    .select([
      'sessions.id',
      'sessions.principal_kind',
      'sessions.principal_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'members.enterprise_id as member_enterprise_id',
      'members.role as member_role',
      'members.status as member_status',
      'consumers.status as consumer_status',
      'operators.id as operator_id',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
