import type { CreateDepartmentInput, DepartmentDto, UpdateDepartmentInput } from '@rapport/shared';
import type { MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import { type Executor, isUniqueViolation } from '../../platform/db/database.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import {
  countChildren,
  countMembersByDepartment,
  type DepartmentRow,
  deleteDepartmentRow,
  findDepartment,
  findSiblingByName,
  insertDepartment,
  listDepartments,
  updateDepartmentRow,
} from './departments.repository.js';
import { lockEnterprise } from './enterprises.repository.js';
import { presentDepartment } from './organisation.presenter.js';

const auditActor = (actor: MemberActor) => ({ kind: actor.kind, id: actor.id });

/** The enterprise's departments as a flat list (parentId links the tree), in display order. */
export async function listDepartmentsOf(platform: Platform, actor: MemberActor): Promise<DepartmentDto[]> {
  const [rows, counts] = await Promise.all([
    listDepartments(platform.db, actor.enterpriseId),
    countMembersByDepartment(platform.db, actor.enterpriseId),
  ]);
  return rows.map((row) => presentDepartment(row, counts.get(row.id) ?? 0));
}

export async function createDepartment(platform: Platform, actor: MemberActor, input: CreateDepartmentInput): Promise<DepartmentDto> {
  const name = checkName(input.name);
  return platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    await getDepartmentOrThrow(uow.tx, actor.enterpriseId, input.parentId);
    await assertNameFree(uow.tx, actor.enterpriseId, input.parentId, name);
    const now = Date.now();
    const row: DepartmentRow = {
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      parent_id: input.parentId,
      name,
      sort: input.sort ?? 0,
      created_at: now,
    };
    await insertUnique(() => insertDepartment(uow.tx, row));
    const dto = presentDepartment(row, 0);
    await recordEvent(
      uow.tx,
      { type: 'department.created', enterpriseId: actor.enterpriseId, aggregateId: row.id, actor: auditActor(actor), payload: dto },
      now,
    );
    return dto;
  });
}

/**
 * Renames, re-sorts or moves a department. The root cannot move; a department cannot move under
 * itself or one of its descendants (DEPARTMENT_CYCLE).
 */
export async function updateDepartment(
  platform: Platform,
  actor: MemberActor,
  id: string,
  input: UpdateDepartmentInput,
): Promise<DepartmentDto> {
  return platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    const current = await getDepartmentOrThrow(uow.tx, actor.enterpriseId, id);
    const isRoot = current.parent_id === null;
    const parentId = input.parentId ?? current.parent_id;
    if (input.parentId !== undefined && input.parentId !== current.parent_id) {
      await getDepartmentOrThrow(uow.tx, actor.enterpriseId, input.parentId);
      if (isRoot) throw new AppError('ROOT_DEPARTMENT_LOCKED', 'The top department cannot be moved');
      const all = await listDepartments(uow.tx, actor.enterpriseId);
      if (isWithin(all, input.parentId, id)) {
        throw new AppError('DEPARTMENT_CYCLE', 'A department cannot move under itself or one of its sub-departments');
      }
    }
    const name = input.name === undefined ? current.name : isRoot ? input.name.trim() : checkName(input.name);
    if (parentId !== null && (name !== current.name || parentId !== current.parent_id)) {
      await assertNameFree(uow.tx, actor.enterpriseId, parentId, name, id);
    }
    const patch = { name, parent_id: parentId, sort: input.sort ?? current.sort };
    await insertUnique(() => updateDepartmentRow(uow.tx, actor.enterpriseId, id, patch));
    const counts = await countMembersByDepartment(uow.tx, actor.enterpriseId);
    const dto = presentDepartment({ ...current, ...patch }, counts.get(id) ?? 0);
    await recordEvent(uow.tx, {
      type: 'department.updated',
      enterpriseId: actor.enterpriseId,
      aggregateId: id,
      actor: auditActor(actor),
      payload: { changes: input, department: dto },
    });
    return dto;
  });
}

/** Deletes an empty department (no sub-departments, no member who has not resigned); never the root. */
export async function deleteDepartment(platform: Platform, actor: MemberActor, id: string): Promise<void> {
  await platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    const current = await getDepartmentOrThrow(uow.tx, actor.enterpriseId, id);
    if (current.parent_id === null) throw new AppError('ROOT_DEPARTMENT_LOCKED', 'The top department cannot be deleted');
    if ((await countChildren(uow.tx, actor.enterpriseId, id)) > 0) {
      throw new AppError('DEPARTMENT_NOT_EMPTY', 'Move or delete its sub-departments first');
    }
    const members = (await countMembersByDepartment(uow.tx, actor.enterpriseId)).get(id) ?? 0;
    if (members > 0) throw new AppError('DEPARTMENT_NOT_EMPTY', `Move its ${members} member(s) to another department first`);
    await deleteDepartmentRow(uow.tx, actor.enterpriseId, id);
    await recordEvent(uow.tx, {
      type: 'department.deleted',
      enterpriseId: actor.enterpriseId,
      aggregateId: id,
      actor: auditActor(actor),
      payload: { name: current.name, parentId: current.parent_id },
    });
  });
}

async function getDepartmentOrThrow(db: Executor, enterpriseId: string, id: string): Promise<DepartmentRow> {
  const row = await findDepartment(db, enterpriseId, id);
  if (!row) throw notFound('DEPARTMENT_NOT_FOUND', 'Department');
  return row;
}

/** True when `candidate` is `ancestor` or lies below it. */
function isWithin(all: DepartmentRow[], candidate: string, ancestor: string): boolean {
  const parentOf = new Map(all.map((d) => [d.id, d.parent_id]));
  let current: string | null | undefined = candidate;
  for (let steps = 0; current && steps <= all.length; steps++) {
    if (current === ancestor) return true;
    current = parentOf.get(current);
  }
  return false;
}

/** Department names are trimmed and may not hold `/` or `;`, which separate paths in the member CSV. */
function checkName(raw: string): string {
  const name = raw.trim();
  if (/[/／;；]/.test(name)) {
    throw new AppError('VALIDATION_FAILED', 'name: may not contain "/" or ";"', [{ field: 'name', message: 'may not contain "/" or ";"' }]);
  }
  return name;
}

const nameTaken = () =>
  new AppError('CONFLICT', 'A department with this name already exists here', [
    { field: 'name', message: 'is taken by a sibling department' },
  ]);

async function assertNameFree(db: Executor, enterpriseId: string, parentId: string, name: string, exceptId?: string) {
  if (await findSiblingByName(db, enterpriseId, parentId, name, exceptId)) throw nameTaken();
}

async function insertUnique(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}
