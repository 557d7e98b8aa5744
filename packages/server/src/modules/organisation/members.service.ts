import {
  type CreateMemberInput,
  type ExportMembersQueryT,
  type ImportMembersInput,
  type ImportResultDto,
  type ImportRowErrorDto,
  type ListMembersQueryT,
  type MemberDto,
  type MemberPageDto,
  type UpdateMemberInput,
  USER_EVENTS,
} from '@rapport/shared';
import type { MemberActor } from '../../platform/auth/actor.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { revokeSessionsOf } from '../../platform/auth/sessions.js';
import type { Platform } from '../../platform/context.js';
import { type Executor, isUniqueViolation } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { normalizePhone } from '../consumers/index.js';
import { decodeCursor, splitPage } from './cursor.js';
import { existingDepartmentIds, findDepartment, listDepartments } from './departments.repository.js';
import { lockEnterprise } from './enterprises.repository.js';
import {
  CsvFileError,
  type DepartmentNode,
  departmentPathOf,
  EXPORT_COLUMNS,
  exportHeader,
  type MemberCsvRow,
  parseMemberCsv,
  resolveDepartmentPath,
  toCsv,
} from './members.csv.js';
import {
  countActiveAdmins,
  findIdentifierHolders,
  findMember,
  insertMemberDepartmentLinks,
  insertMembers,
  listMemberDepartmentIds,
  listMembers,
  type MemberFilter,
  type MemberIdentifiers,
  type MemberRow,
  setMemberDepartments,
  updateMemberRow,
} from './members.repository.js';
import { presentMember } from './organisation.presenter.js';

const auditActor = (actor: MemberActor) => ({ kind: actor.kind, id: actor.id });

// ---------- reading ----------

/** Members with their departments, in the given order. */
async function presentMembers(db: Executor, rows: MemberRow[]): Promise<MemberDto[]> {
  const departments = await listMemberDepartmentIds(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentMember(row, (departments.get(row.id) ?? []).sort()));
}

async function getMemberRowOrThrow(db: Executor, enterpriseId: string, id: string): Promise<MemberRow> {
  const row = await findMember(db, enterpriseId, id);
  if (!row) throw notFound('MEMBER_NOT_FOUND', 'Member');
  return row;
}

export async function getMemberOrThrow(platform: Platform, actor: MemberActor, id: string): Promise<MemberDto> {
  const [dto] = await presentMembers(platform.db, [await getMemberRowOrThrow(platform.db, actor.enterpriseId, id)]);
  return dto;
}

async function memberFilterOf(db: Executor, actor: MemberActor, query: Omit<ListMembersQueryT, 'cursor' | 'limit'>): Promise<MemberFilter> {
  if (query.departmentId && !(await findDepartment(db, actor.enterpriseId, query.departmentId))) {
    throw notFound('DEPARTMENT_NOT_FOUND', 'Department');
  }
  const q = query.q?.trim();
  return { q: q || undefined, departmentId: query.departmentId, status: query.status, role: query.role };
}

/** One page of the enterprise's members (creation order), filtered; `nextCursor` continues it. */
export async function listMembersPage(platform: Platform, actor: MemberActor, query: ListMembersQueryT): Promise<MemberPageDto> {
  const filter = await memberFilterOf(platform.db, actor, query);
  const limit = query.limit ?? 50;
  const rows = await listMembers(platform.db, actor.enterpriseId, filter, decodeCursor(query.cursor), limit + 1);
  const page = splitPage(rows, limit);
  return { data: await presentMembers(platform.db, page.rows), nextCursor: page.nextCursor };
}

const EXPORT_VALUES = {
  'zh-CN': { admin: '管理员', member: '成员', yes: '是', no: '否', active: '在职', disabled: '已停用', resigned: '已离职' },
  en: { admin: 'admin', member: 'member', yes: 'yes', no: 'no', active: 'active', disabled: 'disabled', resigned: 'resigned' },
} as const;

/**
 * Every member matching the filters as CSV (UTF-8 with BOM, CRLF), in the import's columns so an
 * edited export can be imported again; read page by page so a large enterprise never loads at once.
 */
export async function exportMembersCsv(platform: Platform, actor: MemberActor, query: ExportMembersQueryT): Promise<string> {
  const lang = query.lang ?? 'zh-CN';
  const words = EXPORT_VALUES[lang];
  const filter = await memberFilterOf(platform.db, actor, query);
  const departments = new Map<string, DepartmentNode>(
    (await listDepartments(platform.db, actor.enterpriseId)).map((d) => [d.id, { id: d.id, parentId: d.parent_id, name: d.name }]),
  );
  const lines: Array<Array<string | null>> = [exportHeader(lang)];
  let after: string | undefined;
  for (;;) {
    const rows = await listMembers(platform.db, actor.enterpriseId, filter, after, 500);
    if (!rows.length) break;
    for (const member of await presentMembers(platform.db, rows)) {
      const values: Record<(typeof EXPORT_COLUMNS)[number], string | null> = {
        account: member.account,
        name: member.name,
        password: null,
        phone: member.phone,
        email: member.email,
        title: member.title,
        department: member.departmentIds
          .map((id) => departmentPathOf(departments, id))
          .sort()
          .join(';'),
        role: words[member.role],
        realNameVerified: member.realNameVerified ? words.yes : words.no,
        customerContact: member.customerContact ? words.yes : words.no,
        status: words[member.status],
      };
      lines.push(EXPORT_COLUMNS.map((c) => values[c]));
    }
    if (rows.length < 500) break;
    after = rows[rows.length - 1].id;
  }
  return toCsv(lines);
}

// ---------- creating and editing ----------

type Identifier = 'account' | 'phone' | 'email';
const TAKEN = {
  account: ['MEMBER_ACCOUNT_TAKEN', 'This account is already used by a member of the enterprise'],
  phone: ['MEMBER_PHONE_TAKEN', 'This phone number is already used by a member of the enterprise'],
  email: ['MEMBER_EMAIL_TAKEN', 'This email is already used by a member of the enterprise'],
} as const;
const takenError = (field: Identifier) => new AppError(TAKEN[field][0], TAKEN[field][1], [{ field, message: 'is taken' }]);

/**
 * Which identifier of a candidate another member (not resigned) already holds. Accounts and phones
 * share one space because sign-in accepts either.
 */
function clashOf(holders: MemberIdentifiers[], candidate: { account?: string; phone?: string | null; email?: string | null }) {
  for (const h of holders) {
    if (candidate.account !== undefined && (h.account === candidate.account || h.phone === candidate.account)) return 'account';
    if (candidate.phone && (h.phone === candidate.phone || h.account === candidate.phone)) return 'phone';
    if (candidate.email && h.email === candidate.email) return 'email';
  }
  return undefined;
}

async function assertIdentifiersFree(
  db: Executor,
  enterpriseId: string,
  candidate: { account?: string; phone?: string | null; email?: string | null },
  exceptId?: string,
) {
  const holders = await findIdentifierHolders(
    db,
    enterpriseId,
    {
      accounts: candidate.account ? [candidate.account] : [],
      phones: candidate.phone ? [candidate.phone] : [],
      emails: candidate.email ? [candidate.email] : [],
    },
    exceptId,
  );
  const clash = clashOf(holders, candidate);
  if (clash) throw takenError(clash);
}

/** Maps a unique-index violation (a race the check above lost) to its code. */
function mapUniqueViolation(error: unknown): never {
  if (isUniqueViolation(error)) {
    for (const field of ['account', 'phone', 'email'] as const) {
      if (isUniqueViolation(error, `members_${field}`) || isUniqueViolation(error, `members.${field}`)) throw takenError(field);
    }
    throw new AppError('CONFLICT', 'This member conflicts with another');
  }
  throw error;
}

async function assertDepartments(db: Executor, enterpriseId: string, ids: string[]) {
  const found = await existingDepartmentIds(db, enterpriseId, ids);
  if (ids.some((id) => !found.has(id))) throw notFound('DEPARTMENT_NOT_FOUND', 'Department');
}

const cleanText = (value: string | null | undefined) => {
  const text = value?.trim();
  return text ? text : null;
};

/** An admin adds a member (active) to departments of the enterprise. */
export async function createMember(platform: Platform, actor: MemberActor, input: CreateMemberInput): Promise<MemberDto> {
  const passwordHash = await hashPassword(input.password);
  const phone = input.phone ? normalizePhone(input.phone) : null;
  const email = input.email ? input.email.toLowerCase() : null;
  return platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    await assertDepartments(uow.tx, actor.enterpriseId, input.departmentIds);
    await assertIdentifiersFree(uow.tx, actor.enterpriseId, { account: input.account, phone, email });
    const now = Date.now();
    const row: MemberRow = {
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      account: input.account,
      name: input.name.trim(),
      phone,
      email,
      title: cleanText(input.title),
      avatar_url: input.avatarUrl ?? null,
      role: input.role ?? 'member',
      status: 'active',
      real_name_verified: input.realNameVerified ? 1 : 0,
      customer_contact: input.customerContact ? 1 : 0,
      password_hash: passwordHash,
      created_at: now,
      updated_at: now,
      resigned_at: null,
    };
    try {
      await insertMembers(uow.tx, [row]);
    } catch (error) {
      mapUniqueViolation(error);
    }
    await setMemberDepartments(uow.tx, actor.enterpriseId, row.id, input.departmentIds);
    const dto = presentMember(row, [...input.departmentIds].sort());
    await recordEvent(
      uow.tx,
      { type: 'member.created', enterpriseId: actor.enterpriseId, aggregateId: row.id, actor: auditActor(actor), payload: dto },
      now,
    );
    return dto;
  });
}

/**
 * Refuses to leave the enterprise without an active admin, and an admin acting on their own
 * role or status. The last admin is checked first: it is the more useful answer.
 */
async function assertMayStepDown(db: Executor, actor: MemberActor, member: MemberRow) {
  if (member.role === 'admin' && member.status === 'active' && (await countActiveAdmins(db, actor.enterpriseId)) <= 1) {
    throw new AppError('LAST_ADMIN', 'The enterprise must keep at least one active admin');
  }
  if (member.id === actor.id) throw new AppError('CANNOT_CHANGE_SELF', 'Ask another admin to change your own role or status');
}

/** The member hears of it on their own stream; the audit log records it. */
async function announce(
  platform: Platform,
  uow: UnitOfWork,
  actor: MemberActor,
  type: string,
  dto: MemberDto,
  payload: unknown,
  now: number,
) {
  await recordEvent(uow.tx, { type, enterpriseId: actor.enterpriseId, aggregateId: dto.id, actor: auditActor(actor), payload }, now);
  await appendUserEvent(uow, platform.bus, [principalKey('member', dto.id)], USER_EVENTS.memberUpdated, dto, now);
}

/** An admin edits a member's profile, role, flags or departments. A resigned member's record is frozen. */
export async function updateMember(platform: Platform, actor: MemberActor, id: string, input: UpdateMemberInput): Promise<MemberDto> {
  return platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    const current = await getMemberRowOrThrow(uow.tx, actor.enterpriseId, id);
    if (current.status === 'resigned') throw new AppError('MEMBER_RESIGNED', 'A resigned member cannot be edited');
    if (input.role === 'member' && current.role === 'admin') await assertMayStepDown(uow.tx, actor, current);
    if (input.departmentIds) await assertDepartments(uow.tx, actor.enterpriseId, input.departmentIds);
    const phone = input.phone === undefined ? undefined : input.phone === null ? null : normalizePhone(input.phone);
    const email = input.email === undefined ? undefined : input.email === null ? null : input.email.toLowerCase();
    await assertIdentifiersFree(uow.tx, actor.enterpriseId, { phone, email }, id);
    const now = Date.now();
    const patch: Partial<MemberRow> = {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(phone !== undefined && { phone }),
      ...(email !== undefined && { email }),
      ...(input.title !== undefined && { title: cleanText(input.title) }),
      ...(input.avatarUrl !== undefined && { avatar_url: input.avatarUrl }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.realNameVerified !== undefined && { real_name_verified: input.realNameVerified ? 1 : 0 }),
      ...(input.customerContact !== undefined && { customer_contact: input.customerContact ? 1 : 0 }),
      updated_at: now,
    };
    try {
      await updateMemberRow(uow.tx, actor.enterpriseId, id, patch);
    } catch (error) {
      mapUniqueViolation(error);
    }
    if (input.departmentIds) await setMemberDepartments(uow.tx, actor.enterpriseId, id, input.departmentIds);
    const [dto] = await presentMembers(uow.tx, [{ ...current, ...patch }]);
    await announce(platform, uow, actor, 'member.updated', dto, { changes: input, member: dto }, now);
    return dto;
  });
}

type StatusAction = 'disable' | 'enable' | 'resign';
const TARGET: Record<StatusAction, MemberRow['status']> = { disable: 'disabled', enable: 'active', resign: 'resigned' };

/**
 * Disables, re-enables or resigns a member. Disabling and resigning end every session of the
 * member in the same transaction (their sockets close after commit). Repeating an action changes
 * nothing; a resigned member stays resigned.
 */
export async function changeMemberStatus(platform: Platform, actor: MemberActor, id: string, action: StatusAction): Promise<MemberDto> {
  const target = TARGET[action];
  return platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    const current = await getMemberRowOrThrow(uow.tx, actor.enterpriseId, id);
    if (current.status === target) return (await presentMembers(uow.tx, [current]))[0];
    if (current.status === 'resigned') throw new AppError('MEMBER_RESIGNED', 'A resigned member cannot be disabled or enabled');
    if (target !== 'active') await assertMayStepDown(uow.tx, actor, current);
    const now = Date.now();
    const patch: Partial<MemberRow> = { status: target, updated_at: now, ...(target === 'resigned' && { resigned_at: now }) };
    try {
      await updateMemberRow(uow.tx, actor.enterpriseId, id, patch);
    } catch (error) {
      mapUniqueViolation(error);
    }
    if (target !== 'active') await revokeSessionsOf(platform, uow, { kind: 'member', id });
    const [dto] = await presentMembers(uow.tx, [{ ...current, ...patch }]);
    await announce(
      platform,
      uow,
      actor,
      `member.${target === 'active' ? 'enabled' : target}`,
      dto,
      { from: current.status, to: target },
      now,
    );
    return dto;
  });
}

// ---------- CSV import ----------

/**
 * Imports members from CSV (docs/decisions/0002-member-csv-import.md). Every bad row is reported by
 * row number, field and code. `all-or-nothing` (default) writes nothing unless every row is good
 * (422 CSV_ROWS_INVALID with the errors as details); `valid-rows` writes the good rows in one
 * transaction and reports the rest. Passwords are hashed before the transaction opens.
 */
export async function importMembers(platform: Platform, actor: MemberActor, input: ImportMembersInput): Promise<ImportResultDto> {
  const mode = input.mode ?? 'all-or-nothing';
  let parsed: ReturnType<typeof parseMemberCsv>;
  try {
    parsed = parseMemberCsv(input.csv, { hasDefaultPassword: input.defaultPassword !== undefined });
  } catch (error) {
    if (error instanceof CsvFileError) throw new AppError('CSV_INVALID', error.message, error.row ? { row: error.row } : undefined);
    throw error;
  }
  const errors = [...parsed.errors];

  // checks against the database, first outside the transaction so a bad file costs no hashing
  let candidates = await checkAgainstDatabase(platform.db, actor.enterpriseId, parsed.rows, errors);
  const rejectIfAllOrNothing = () => {
    if (mode === 'all-or-nothing' && errors.length) {
      const rows = new Set(errors.map((e) => e.row)).size;
      throw new AppError('CSV_ROWS_INVALID', `${rows} row(s) have errors; nothing was imported`, sortErrors(errors));
    }
  };
  rejectIfAllOrNothing();
  const result = (created: number): ImportResultDto => {
    const sorted = sortErrors(errors);
    return { mode, created, skipped: new Set(sorted.map((e) => e.row)).size, errors: sorted };
  };
  if (!candidates.length) return result(0);

  const hashes = await hashAll(candidates.map((c) => c.row.password ?? (input.defaultPassword as string)));

  const created = await platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    // the same checks again under the lock: someone may have changed things meanwhile
    candidates = await checkAgainstDatabase(uow.tx, actor.enterpriseId, parsed.rows, errors, candidates);
    rejectIfAllOrNothing();
    const now = Date.now();
    const rows: MemberRow[] = candidates.map(({ row }) => ({
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      account: row.account,
      name: row.name,
      phone: row.phone,
      email: row.email,
      title: row.title,
      avatar_url: null,
      role: row.role,
      status: 'active',
      real_name_verified: row.realNameVerified ? 1 : 0,
      customer_contact: row.customerContact ? 1 : 0,
      password_hash: hashes.get(row.password ?? (input.defaultPassword as string)) as string,
      created_at: now,
      updated_at: now,
      resigned_at: null,
    }));
    try {
      await insertMembers(uow.tx, rows);
    } catch (error) {
      mapUniqueViolation(error);
    }
    await insertMemberDepartmentLinks(
      uow.tx,
      rows.flatMap((row, i) =>
        candidates[i].departmentIds.map((department_id) => ({ member_id: row.id, department_id, enterprise_id: actor.enterpriseId })),
      ),
    );
    for (const [i, row] of rows.entries()) {
      await recordEvent(
        uow.tx,
        {
          type: 'member.created',
          enterpriseId: actor.enterpriseId,
          aggregateId: row.id,
          actor: auditActor(actor),
          payload: { ...presentMember(row, candidates[i].departmentIds), source: 'import', csvRow: candidates[i].row.row },
        },
        now,
      );
    }
    return rows.length;
  });
  return result(created);
}

interface Candidate {
  row: MemberCsvRow;
  departmentIds: string[];
}

/**
 * Resolves department paths and checks identifiers against existing members, adding an error per
 * problem (once per row and field) and returning the rows still good. `previous` narrows a re-check.
 */
async function checkAgainstDatabase(
  db: Executor,
  enterpriseId: string,
  rows: MemberCsvRow[],
  errors: ImportRowErrorDto[],
  previous?: Candidate[],
): Promise<Candidate[]> {
  const pending = previous ? previous.map((c) => c.row) : rows;
  const reported = new Set(errors.map((e) => `${e.row}/${e.field}`));
  const fail = (error: ImportRowErrorDto) => {
    const key = `${error.row}/${error.field}`;
    if (!reported.has(key)) {
      reported.add(key);
      errors.push(error);
    }
  };
  const departments: DepartmentNode[] = (await listDepartments(db, enterpriseId)).map((d) => ({
    id: d.id,
    parentId: d.parent_id,
    name: d.name,
  }));
  const holders = await findIdentifierHolders(db, enterpriseId, {
    accounts: pending.map((r) => r.account),
    phones: pending.flatMap((r) => (r.phone ? [r.phone] : [])),
    emails: pending.flatMap((r) => (r.email ? [r.email] : [])),
  });
  const logins = new Set(holders.flatMap((h) => (h.phone ? [h.account, h.phone] : [h.account])));
  const emails = new Set(holders.flatMap((h) => (h.email ? [h.email] : [])));

  const good: Candidate[] = [];
  for (const row of pending) {
    let ok = true;
    const departmentIds: string[] = [];
    for (const path of row.departments) {
      const id = resolveDepartmentPath(departments, path);
      if (id) {
        if (!departmentIds.includes(id)) departmentIds.push(id);
        continue;
      }
      ok = false;
      fail({
        row: row.row,
        field: 'department',
        code: 'DEPARTMENT_NOT_FOUND',
        message: `No department "${path.join('/')}"; an import does not create departments`,
      });
    }
    if (logins.has(row.account)) {
      ok = false;
      fail({ row: row.row, field: 'account', code: 'MEMBER_ACCOUNT_TAKEN', message: `"${row.account}" is already used by a member` });
    }
    if (row.phone && logins.has(row.phone)) {
      ok = false;
      fail({ row: row.row, field: 'phone', code: 'MEMBER_PHONE_TAKEN', message: `"${row.phone}" is already used by a member` });
    }
    if (row.email && emails.has(row.email)) {
      ok = false;
      fail({ row: row.row, field: 'email', code: 'MEMBER_EMAIL_TAKEN', message: `"${row.email}" is already used by a member` });
    }
    if (ok) good.push({ row, departmentIds });
  }
  return good;
}

const sortErrors = (errors: ImportRowErrorDto[]) => [...errors].sort((a, b) => a.row - b.row);

/**
 * Hashes each distinct password once (an import usually gives everyone the same initial
 * password), a few at a time so the argon2 threads stay busy without queueing 2,000 jobs at once.
 */
async function hashAll(passwords: string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(passwords)];
  const hashes = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < distinct.length) {
      const password = distinct[next++];
      hashes.set(password, await hashPassword(password));
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, distinct.length) }, worker));
  return hashes;
}
