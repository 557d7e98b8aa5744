import { POLICY_DEFAULTS } from '@rapport/shared';
import { isUniqueViolation } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { insertEnterprise } from './enterprises.repository.js';
import { insertMember, setMemberDepartments } from './members.repository.js';

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
  await uow.tx
    .insertInto('departments')
    .values({ id: departmentId, enterprise_id: enterpriseId, parent_id: null, name: input.name.trim(), sort: 0, created_at: now })
    .execute();
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
