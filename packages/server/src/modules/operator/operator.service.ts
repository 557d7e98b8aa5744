import { type ListEnterprisesQueryT, type OperatorEnterpriseDto, type OperatorEnterprisePageDto, USER_EVENTS } from '@rapport/shared';
import type { OperatorActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { notFound } from '../../platform/http/errors.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import {
  countMembersOf,
  decodeCursor,
  type EnterpriseRow,
  findEnterpriseById,
  listActiveAdminAccounts,
  listActiveMemberIds,
  listEnterprises,
  lockEnterprise,
  presentEnterprise,
  splitPage,
  updateEnterpriseRow,
} from '../organisation/index.js';

async function presentAll(db: Executor, rows: EnterpriseRow[]): Promise<OperatorEnterpriseDto[]> {
  const ids = rows.map((r) => r.id);
  const [counts, admins] = await Promise.all([countMembersOf(db, ids), listActiveAdminAccounts(db, ids)]);
  return rows.map((row) => ({ ...presentEnterprise(row), memberCount: counts.get(row.id) ?? 0, adminAccounts: admins.get(row.id) ?? [] }));
}

/** Every enterprise of the deployment, newest first, with its member count and admin accounts. */
export async function listOperatorEnterprises(
  platform: Platform,
  _actor: OperatorActor,
  query: ListEnterprisesQueryT,
): Promise<OperatorEnterprisePageDto> {
  const limit = query.limit ?? 50;
  const q = query.q?.trim() || undefined;
  const rows = await listEnterprises(platform.db, { q, verification: query.verification }, decodeCursor(query.cursor), limit + 1);
  const page = splitPage(rows, limit);
  return { data: await presentAll(platform.db, page.rows), nextCursor: page.nextCursor };
}

/**
 * Grants or withdraws verification (企业认证). Idempotent: repeating it changes nothing and
 * records nothing. `verified_at` is when it was granted; withdrawing clears it. The enterprise's
 * active members hear of it at once. `actor` is null when the platform itself acts (the demo seed).
 */
export async function setEnterpriseVerification(
  platform: Platform,
  actor: OperatorActor | null,
  enterpriseId: string,
  verification: 'verified' | 'unverified',
): Promise<OperatorEnterpriseDto> {
  return platform.transaction(async (uow) => {
    if (!(await lockEnterprise(uow.tx, enterpriseId))) throw notFound('ENTERPRISE_NOT_FOUND', 'Enterprise');
    const current = await findEnterpriseById(uow.tx, enterpriseId);
    if (!current) throw notFound('ENTERPRISE_NOT_FOUND', 'Enterprise');
    if (current.verification === verification) return (await presentAll(uow.tx, [current]))[0];
    const now = Date.now();
    const patch = { verification, verified_at: verification === 'verified' ? now : null, updated_at: now };
    await updateEnterpriseRow(uow.tx, enterpriseId, patch);
    const updated = { ...current, ...patch };
    const type = verification === 'verified' ? USER_EVENTS.enterpriseVerified : USER_EVENTS.enterpriseUnverified;
    await recordEvent(
      uow.tx,
      {
        type,
        enterpriseId,
        aggregateId: enterpriseId,
        actor: actor ? { kind: actor.kind, id: actor.id } : null,
        payload: { verification, verifiedAt: patch.verified_at },
      },
      now,
    );
    // Every member's customer-contact gate depends on verification: all of them hear of it.
    const members = await listActiveMemberIds(uow.tx, enterpriseId);
    await appendUserEvent(
      uow,
      platform.bus,
      members.map((id) => principalKey('member', id)),
      type,
      presentEnterprise(updated),
      now,
    );
    return (await presentAll(uow.tx, [updated]))[0];
  });
}

/** Verifies an enterprise without an operator session (CLI, demo seed). */
export const verifyEnterpriseAsPlatform = (platform: Platform, enterpriseId: string) =>
  setEnterpriseVerification(platform, null, enterpriseId, 'verified');
