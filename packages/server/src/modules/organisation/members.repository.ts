import type { Selectable } from 'kysely';
import { containsText } from '../../platform/db/contains-text.js';
import type { Executor } from '../../platform/db/database.js';
import type { MembersTable } from '../../platform/db/schema.js';

export type MemberRow = Selectable<MembersTable>;

/** A member row of one enterprise; another enterprise's id finds nothing. */
export const findMember = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('members').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

/**
 * Sign-in lookup: account, phone or email within one enterprise. A resigned member's identifiers
 * may have been given to someone rehired, so resigned members are never found.
 */
export const findMemberByLogin = (db: Executor, enterpriseId: string, login: string) =>
  db
    .selectFrom('members')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '<>', 'resigned')
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

export const insertMembers = async (db: Executor, rows: MemberRow[]) => {
  // a few hundred rows per statement keeps both engines well under their parameter limits
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('members')
      .values(rows.slice(i, i + 200))
      .execute();
};

export const insertMemberDepartmentLinks = async (
  db: Executor,
  links: Array<{ member_id: string; department_id: string; enterprise_id: string }>,
) => {
  for (let i = 0; i < links.length; i += 300)
    await db
      .insertInto('member_departments')
      .values(links.slice(i, i + 300))
      .execute();
};

export interface MemberFilter {
  q?: string;
  departmentId?: string;
  status?: MemberRow['status'];
  role?: MemberRow['role'];
}

/** One page of an enterprise's members in id (creation) order, after `afterId`. */
export function listMembers(db: Executor, enterpriseId: string, filter: MemberFilter, afterId: string | undefined, limit: number) {
  let query = db.selectFrom('members').selectAll('members').where('members.enterprise_id', '=', enterpriseId);
  if (filter.departmentId) {
    const departmentId = filter.departmentId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_departments')
          .select('member_departments.member_id')
          .whereRef('member_departments.member_id', '=', 'members.id')
          .where('member_departments.department_id', '=', departmentId),
      ),
    );
  }
  if (filter.status) query = query.where('members.status', '=', filter.status);
  if (filter.role) query = query.where('members.role', '=', filter.role);
  if (filter.q) {
    const q = filter.q;
    const phone = q.replace(/[\s-]/g, '');
    query = query.where((eb) =>
      eb.or([
        containsText('members.name', q),
        containsText('members.account', q),
        containsText('members.email', q),
        ...(phone ? [containsText('members.phone', phone)] : []),
      ]),
    );
  }
  if (afterId) query = query.where('members.id', '>', afterId);
  return query.orderBy('members.id').limit(limit).execute();
}

/** Identifiers held by members who have not resigned, for uniqueness checks. */
export interface MemberIdentifiers {
  id: string;
  account: string;
  phone: string | null;
  email: string | null;
}

/**
 * Members (not resigned, other than `exceptId`) whose account, phone or email equals one of the
 * given values, or whose account equals one of the phones and vice versa (sign-in takes either).
 */
export async function findIdentifierHolders(
  db: Executor,
  enterpriseId: string,
  values: { accounts: string[]; phones: string[]; emails: string[] },
  exceptId?: string,
): Promise<MemberIdentifiers[]> {
  const found = new Map<string, MemberIdentifiers>();
  const loginish = [...new Set([...values.accounts, ...values.phones])];
  const emails = [...new Set(values.emails)];
  // in slices, so a 2,000-row import stays within the engines' parameter limits
  for (let i = 0; i < Math.max(loginish.length, emails.length); i += 500) {
    const ids = loginish.slice(i, i + 500);
    const mails = emails.slice(i, i + 500);
    let query = db
      .selectFrom('members')
      .select(['id', 'account', 'phone', 'email'])
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '<>', 'resigned')
      .where((eb) =>
        eb.or([
          ...(ids.length ? [eb('account', 'in', ids), eb('phone', 'in', ids)] : []),
          ...(mails.length ? [eb('email', 'in', mails)] : []),
        ]),
      );
    if (exceptId) query = query.where('id', '<>', exceptId);
    for (const row of await query.execute()) found.set(row.id, row);
  }
  return [...found.values()];
}

export const countActiveAdmins = async (db: Executor, enterpriseId: string) =>
  Number(
    (
      await db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('enterprise_id', '=', enterpriseId)
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The members among `ids` of one enterprise. */
export const findMembersByIds = async (db: Executor, enterpriseId: string, ids: string[]) =>
  ids.length ? db.selectFrom('members').selectAll().where('enterprise_id', '=', enterpriseId).where('id', 'in', ids).execute() : [];

/**
 * A member by id whatever the enterprise: only for what is public beyond the tenant (the
 * business card a consumer sees). Everything else goes through `findMember`.
 */
export const findMemberInAnyEnterprise = (db: Executor, id: string) =>
  db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
