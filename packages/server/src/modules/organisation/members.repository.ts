import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { MembersTable } from '../../platform/db/schema.js';

export type MemberRow = Selectable<MembersTable>;

/** A member row of one enterprise; another enterprise's id finds nothing. */
export const findMember = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('members').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

/** Sign-in lookup: account, phone or email within one enterprise. */
export const findMemberByLogin = (db: Executor, enterpriseId: string, login: string) =>
  db
    .selectFrom('members')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where((eb) => eb.or([eb('account', '=', login), eb('phone', '=', login), eb('email', '=', login.toLowerCase())]))
    .executeTakeFirst();

export const insertMember = (db: Executor, row: MemberRow) => db.insertInto('members').values(row).execute();

export const updateMemberRow = (db: Executor, enterpriseId: string, id: string, patch: Partial<MemberRow>) =>
  db.updateTable('members').set(patch).where('enterprise_id', '=', enterpriseId).where('id', '=', id).execute();

export async function listMemberDepartmentIds(db: Executor, memberIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!memberIds.length) return map;
  const rows = await db
    .selectFrom('member_departments')
    .select(['member_id', 'department_id'])
    .where('member_id', 'in', memberIds)
    .execute();
  for (const r of rows) {
    const list = map.get(r.member_id) ?? [];
    list.push(r.department_id);
    map.set(r.member_id, list);
  }
  return map;
}

export async function setMemberDepartments(db: Executor, enterpriseId: string, memberId: string, departmentIds: string[]) {
  await db.deleteFrom('member_departments').where('member_id', '=', memberId).execute();
  if (departmentIds.length) {
    await db
      .insertInto('member_departments')
      .values(departmentIds.map((department_id) => ({ member_id: memberId, department_id, enterprise_id: enterpriseId })))
      .execute();
  }
}

export const updateMemberPassword = (db: Executor, enterpriseId: string, id: string, passwordHash: string) =>
  updateMemberRow(db, enterpriseId, id, { password_hash: passwordHash, updated_at: Date.now() });
