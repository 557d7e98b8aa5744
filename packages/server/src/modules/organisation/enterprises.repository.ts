import type { Selectable } from 'kysely';
import { containsText } from '../../platform/db/contains-text.js';
import type { Executor } from '../../platform/db/database.js';
import type { EnterprisesTable } from '../../platform/db/schema.js';

export type EnterpriseRow = Selectable<EnterprisesTable>;

export const findEnterpriseById = (db: Executor, id: string) =>
  db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();

export const findEnterpriseByCode = (db: Executor, code: string) =>
  db.selectFrom('enterprises').selectAll().where('code', '=', code).executeTakeFirst();

export const insertEnterprise = (db: Executor, row: EnterpriseRow) => db.insertInto('enterprises').values(row).execute();

export const updateEnterpriseRow = (db: Executor, id: string, patch: Partial<EnterpriseRow>) =>
  db.updateTable('enterprises').set(patch).where('id', '=', id).execute();

/**
 * Takes the enterprise's row lock for the rest of the transaction (a no-op write), so changes that
 * depend on a count or a shape across rows — the last admin, the department tree, an import —
 * happen one at a time per enterprise on PostgreSQL too. Returns false when there is no such enterprise.
 */
export async function lockEnterprise(db: Executor, id: string): Promise<boolean> {
  const result = await db
    .updateTable('enterprises')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ids of the enterprise's active members: verification changes what every one of them may do. */
export const listActiveMemberIds = async (db: Executor, enterpriseId: string) =>
  (await db.selectFrom('members').select('id').where('enterprise_id', '=', enterpriseId).where('status', '=', 'active').execute()).map(
    (r) => r.id,
  );

/** Ids of the enterprise's active admins (the audience of enterprise-wide notices). */
export const listActiveAdminIds = async (db: Executor, enterpriseId: string) =>
  (
    await db
      .selectFrom('members')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .execute()
  ).map((r) => r.id);

/** The operator's list: newest first, keyset-paged by id (ids are time-ordered). */
export async function listEnterprises(
  db: Executor,
  filter: { q?: string; verification?: 'unverified' | 'verified' },
  beforeId: string | undefined,
  limit: number,
): Promise<EnterpriseRow[]> {
  let query = db.selectFrom('enterprises').selectAll();
  if (filter.verification) query = query.where('verification', '=', filter.verification);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([containsText('name', q), containsText('short_name', q), containsText('code', q)]));
  }
  if (beforeId) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Members who have not resigned, per enterprise. */
export async function countMembersOf(db: Executor, enterpriseIds: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (!enterpriseIds.length) return map;
  const rows = await db
    .selectFrom('members')
    .select((eb) => ['enterprise_id', eb.fn.countAll().as('n')])
    .where('enterprise_id', 'in', enterpriseIds)
    .where('status', '<>', 'resigned')
    .groupBy('enterprise_id')
    .execute();
  for (const r of rows) map.set(r.enterprise_id, Number(r.n));
  return map;
}

/** Accounts of the active admins, per enterprise, in account order. */
export async function listActiveAdminAccounts(db: Executor, enterpriseIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!enterpriseIds.length) return map;
  const rows = await db
    .selectFrom('members')
    .select(['enterprise_id', 'account'])
    .where('enterprise_id', 'in', enterpriseIds)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .orderBy('account')
    .execute();
  for (const r of rows) map.set(r.enterprise_id, [...(map.get(r.enterprise_id) ?? []), r.account]);
  return map;
}
