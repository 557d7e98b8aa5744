import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { EnterpriseRow, MemberRow } from '../organisation/index.js';
import { countActiveOfMember, countEnterpriseConsumers, isEnterpriseConsumer } from './customers.repository.js';

/** A request the consumer has not answered within a week lapses (like a WeChat friend request). */
export const REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A pending request older than `REQUEST_TTL_MS` is expired, whether or not its row says so yet. */
export const isRequestExpired = (row: { status: string; created_at: number }, now: number) =>
  row.status === 'pending' && Number(row.created_at) <= now - REQUEST_TTL_MS;

/** Why a member may not connect with consumers (PRODUCT §1). */
export type ContactRefusal =
  | 'enterprise_unverified'
  | 'member_not_real_name_verified'
  | 'no_customer_contact_permission'
  | 'member_inactive';

/**
 * The gate: a member connects with consumers only when real-name verified, holding customer-contact
 * permission, active, and in a verified enterprise — or in an unverified one that allows a trial
 * (its `unverified_customer_limit` above 0; the capacity check then holds it to that many customers).
 */
export function contactRefusals(enterprise: EnterpriseRow, member: MemberRow): ContactRefusal[] {
  const reasons: ContactRefusal[] = [];
  if (enterprise.verification !== 'verified' && enterprise.unverified_customer_limit <= 0) reasons.push('enterprise_unverified');
  if (member.real_name_verified !== 1) reasons.push('member_not_real_name_verified');
  if (member.customer_contact !== 1) reasons.push('no_customer_contact_permission');
  if (member.status !== 'active') reasons.push('member_inactive');
  return reasons;
}

export function assertCanContact(enterprise: EnterpriseRow, member: MemberRow): void {
  const reasons = contactRefusals(enterprise, member);
  if (reasons.length) throw new AppError('CONTACT_NOT_PERMITTED', 'Customer contact is not available to this member', { reasons });
}

/** The counts capacity depends on; read under the enterprise lock when they guard a write. */
export interface CapacityCounts {
  /** The member's active customers. */
  memberActive: number;
  /** Distinct consumers with an active relation in the enterprise. */
  enterpriseActive: number;
  /** Distinct consumers the enterprise ever connected with (the unverified trial counts these). */
  enterpriseEver: number;
  /** The consumer already is an (active) customer of the enterprise: adding them adds no enterprise customer. */
  consumerIsActiveCustomer: boolean;
  /** The consumer was ever connected with the enterprise. */
  consumerWasCustomer: boolean;
}

export async function capacityCounts(db: Executor, enterpriseId: string, memberId: string, consumerId: string): Promise<CapacityCounts> {
  const [memberActive, enterpriseActive, enterpriseEver, consumerIsActiveCustomer, consumerWasCustomer] = await Promise.all([
    countActiveOfMember(db, memberId),
    countEnterpriseConsumers(db, enterpriseId, true),
    countEnterpriseConsumers(db, enterpriseId, false),
    isEnterpriseConsumer(db, enterpriseId, consumerId, true),
    isEnterpriseConsumer(db, enterpriseId, consumerId, false),
  ]);
  return { memberActive, enterpriseActive, enterpriseEver, consumerIsActiveCustomer, consumerWasCustomer };
}

/**
 * Capacity (PRODUCT §2): the member below `member_customer_limit`, the enterprise below
 * `enterprise_customer_limit` distinct customers, and an unverified enterprise below
 * `unverified_customer_limit` customers in total (ever connected, so churn cannot refill the trial).
 */
export function assertCapacity(enterprise: EnterpriseRow, counts: CapacityCounts): void {
  if (counts.memberActive >= enterprise.member_customer_limit) {
    throw new AppError('MEMBER_CUSTOMER_LIMIT', 'The member has reached their customer limit', { limit: enterprise.member_customer_limit });
  }
  if (
    enterprise.verification !== 'verified' &&
    !counts.consumerWasCustomer &&
    counts.enterpriseEver >= enterprise.unverified_customer_limit
  ) {
    throw new AppError('UNVERIFIED_ENTERPRISE_LIMIT', 'An unverified enterprise has reached its customer limit', {
      limit: enterprise.unverified_customer_limit,
    });
  }
  if (!counts.consumerIsActiveCustomer && counts.enterpriseActive >= enterprise.enterprise_customer_limit) {
    throw new AppError('ENTERPRISE_CUSTOMER_LIMIT', 'The enterprise has reached its customer limit', {
      limit: enterprise.enterprise_customer_limit,
    });
  }
}
