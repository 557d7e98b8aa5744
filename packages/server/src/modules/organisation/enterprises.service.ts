import { type EnterpriseDto, POLICY_DEFAULTS, type UpdateEnterpriseInput, USER_EVENTS } from '@rapport/shared';
import type { MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { findRootDepartment, insertDepartment, updateDepartmentRow } from './departments.repository.js';
import {
  type EnterpriseRow,
  findEnterpriseById,
  insertEnterprise,
  listActiveAdminIds,
  lockEnterprise,
  updateEnterpriseRow,
} from './enterprises.repository.js';
import { insertMember, setMemberDepartments } from './members.repository.js';
import { presentEnterprise } from './organisation.presenter.js';

export interface NewEnterprise {
  name: string;
  shortName: string;
  code: string;
  admin: { name: string; account: string; passwordHash: string; phone?: string; email?: string };
}

/**
 * Creates an unverified enterprise, its root department (named after it) and its first admin,
 * in the caller's transaction. Returns the ids.
 */
export async function createEnterpriseWithAdmin(uow: UnitOfWork, input: NewEnterprise, now = Date.now()) {
  const enterpriseId = newId(now);
  const departmentId = newId(now);
  const memberId = newId(now);
  try {
    await insertEnterprise(uow.tx, {
      id: enterpriseId,
      code: input.code,
      name: input.name.trim(),
      short_name: input.shortName.trim(),
      verification: 'unverified',
      verified_at: null,
      timezone: POLICY_DEFAULTS.timezone,
      unverified_customer_limit: POLICY_DEFAULTS.unverifiedCustomerLimit,
      member_customer_limit: POLICY_DEFAULTS.memberCustomerLimit,
      enterprise_customer_limit: POLICY_DEFAULTS.enterpriseCustomerLimit,
      created_at: now,
      updated_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ENTERPRISE_CODE_TAKEN', `The enterprise id "${input.code}" is taken`);
    throw error;
  }
  await insertDepartment(uow.tx, {
    id: departmentId,
    enterprise_id: enterpriseId,
    parent_id: null,
    name: input.name.trim(),
    sort: 0,
    created_at: now,
  });
  await insertMember(uow.tx, {
    id: memberId,
    enterprise_id: enterpriseId,
    account: input.admin.account,
    name: input.admin.name.trim(),
    phone: input.admin.phone ?? null,
    email: input.admin.email?.toLowerCase() ?? null,
    title: null,
    avatar_url: null,
    role: 'admin',
    status: 'active',
    real_name_verified: 0,
    customer_contact: 0,
    password_hash: input.admin.passwordHash,
    created_at: now,
    updated_at: now,
    resigned_at: null,
  });
  await setMemberDepartments(uow.tx, enterpriseId, memberId, [departmentId]);
  await recordEvent(
    uow.tx,
    {
      type: 'enterprise.created',
      enterpriseId,
      aggregateId: enterpriseId,
      actor: { kind: 'member', id: memberId },
      payload: { code: input.code, name: input.name },
    },
    now,
  );
  return { enterpriseId, memberId, departmentId };
}

/** The actor's enterprise. */
export async function getEnterpriseOrThrow(platform: Platform, actor: MemberActor): Promise<EnterpriseDto> {
  const row = await findEnterpriseById(platform.db, actor.enterpriseId);
  if (!row) throw notFound('ENTERPRISE_NOT_FOUND', 'Enterprise');
  return presentEnterprise(row);
}

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * An admin edits the enterprise's names, time zone or policy numbers. The root department is
 * named after the enterprise and follows a rename unless it was given a name of its own.
 * The enterprise's admins hear of it on their streams.
 */
export async function updateEnterprise(platform: Platform, actor: MemberActor, input: UpdateEnterpriseInput): Promise<EnterpriseDto> {
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) {
    throw new AppError('VALIDATION_FAILED', 'timezone: is not a known time zone', [
      { field: 'timezone', message: 'is not a known time zone' },
    ]);
  }
  return platform.transaction(async (uow) => {
    await lockEnterprise(uow.tx, actor.enterpriseId);
    const current = await findEnterpriseById(uow.tx, actor.enterpriseId);
    if (!current) throw notFound('ENTERPRISE_NOT_FOUND', 'Enterprise');
    const now = Date.now();
    const patch: Partial<EnterpriseRow> = {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.shortName !== undefined && { short_name: input.shortName.trim() }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.unverifiedCustomerLimit !== undefined && { unverified_customer_limit: input.unverifiedCustomerLimit }),
      ...(input.memberCustomerLimit !== undefined && { member_customer_limit: input.memberCustomerLimit }),
      ...(input.enterpriseCustomerLimit !== undefined && { enterprise_customer_limit: input.enterpriseCustomerLimit }),
      updated_at: now,
    };
    await updateEnterpriseRow(uow.tx, actor.enterpriseId, patch);
    if (patch.name !== undefined && patch.name !== current.name) {
      const root = await findRootDepartment(uow.tx, actor.enterpriseId);
      if (root && root.name === current.name) await updateDepartmentRow(uow.tx, actor.enterpriseId, root.id, { name: patch.name });
    }
    const dto = presentEnterprise({ ...current, ...patch });
    await recordEvent(
      uow.tx,
      {
        type: 'enterprise.updated',
        enterpriseId: actor.enterpriseId,
        aggregateId: actor.enterpriseId,
        actor: { kind: actor.kind, id: actor.id },
        payload: { changes: input },
      },
      now,
    );
    const admins = await listActiveAdminIds(uow.tx, actor.enterpriseId);
    await appendUserEvent(
      uow,
      platform.bus,
      admins.map((id) => principalKey('member', id)),
      USER_EVENTS.enterpriseUpdated,
      dto,
      now,
    );
    return dto;
  });
}
