import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DepartmentsTable } from '../../platform/db/schema.js';

export type DepartmentRow = Selectable<DepartmentsTable>;

/** Every department of an enterprise, in display order (sort, then name). */
export const listDepartments = (db: Executor, enterpriseId: string) =>
  db
    .selectFrom('departments')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('sort')
    .orderBy('name')
    .orderBy('id')
    .execute();

/** A department of one enterprise; another enterprise's id finds nothing. */
export const findDepartment = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('departments').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const findRootDepartment = (db: Executor, enterpriseId: string) =>
  db.selectFrom('departments').selectAll().where('enterprise_id', '=', enterpriseId).where('parent_id', 'is', null).executeTakeFirst();

/** A sibling with this name (under `parentId`), other than `exceptId`. */
export const findSiblingByName = (db: Executor, enterpriseId: string, parentId: string, name: string, exceptId?: string) => {
  let query = db
    .selectFrom('departments')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('parent_id', '=', parentId)
    .where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
};

/** Which of `ids` are departments of the enterprise. */
export async function existingDepartmentIds(db: Executor, enterpriseId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('departments').select('id').where('enterprise_id', '=', enterpriseId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Members who have not resigned, per department (direct membership only). */
export async function countMembersByDepartment(db: Executor, enterpriseId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('member_departments')
    .innerJoin('members', 'members.id', 'member_departments.member_id')
    .select((eb) => ['member_departments.department_id', eb.fn.countAll().as('n')])
    .where('member_departments.enterprise_id', '=', enterpriseId)
    .where('members.status', '<>', 'resigned')
    .groupBy('member_departments.department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}

export const countChildren = async (db: Executor, enterpriseId: string, id: string) =>
  Number(
    (
      await db
        .selectFrom('departments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('enterprise_id', '=', enterpriseId)
        .where('parent_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertDepartment = (db: Executor, row: DepartmentRow) => db.insertInto('departments').values(row).execute();

export const updateDepartmentRow = (db: Executor, enterpriseId: string, id: string, patch: Partial<Omit<DepartmentRow, 'id'>>) =>
  db.updateTable('departments').set(patch).where('enterprise_id', '=', enterpriseId).where('id', '=', id).execute();

/**
 * Deletes a department and the links of resigned members to it (their records stay, without
 * it); the caller has checked it holds no sub-department and no member who has not resigned.
 */
export async function deleteDepartmentRow(db: Executor, enterpriseId: string, id: string) {
  await db.deleteFrom('member_departments').where('enterprise_id', '=', enterpriseId).where('department_id', '=', id).execute();
  await db.deleteFrom('departments').where('enterprise_id', '=', enterpriseId).where('id', '=', id).execute();
}
