import type { BusinessCardDto, CardFieldDto, DepartmentDto, EnterpriseDto, MemberDto } from '@rapport/shared';
import type { CardRow } from './cards.repository.js';
import type { EnterpriseRow } from './enterprises.repository.js';
import type { MemberRow } from './members.repository.js';

/** The one wire shape of an enterprise (REST, WebSocket frames, webhooks). */
export const presentEnterprise = (row: EnterpriseRow): EnterpriseDto => ({
  id: row.id,
  code: row.code,
  name: row.name,
  shortName: row.short_name,
  verification: row.verification,
  verifiedAt: row.verified_at === null ? null : Number(row.verified_at),
  timezone: row.timezone,
  unverifiedCustomerLimit: row.unverified_customer_limit,
  memberCustomerLimit: row.member_customer_limit,
  enterpriseCustomerLimit: row.enterprise_customer_limit,
  createdAt: Number(row.created_at),
});

/** The one wire shape of a member; the password hash never leaves. */
export const presentMember = (row: MemberRow, departmentIds: string[]): MemberDto => ({
  id: row.id,
  account: row.account,
  name: row.name,
  phone: row.phone,
  email: row.email,
  title: row.title,
  avatarUrl: row.avatar_url,
  role: row.role,
  status: row.status,
  realNameVerified: row.real_name_verified === 1,
  customerContact: row.customer_contact === 1,
  departmentIds,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  resignedAt: row.resigned_at === null ? null : Number(row.resigned_at),
});

export const presentDepartment = (
  row: { id: string; parent_id: string | null; name: string; sort: number },
  memberCount: number,
): DepartmentDto => ({ id: row.id, parentId: row.parent_id, name: row.name, sort: row.sort, memberCount });

/**
 * The one wire shape of a business card (对外名片): the member's name, title and avatar, the
 * enterprise's badge, and the card row (absent until first edited).
 */
export const presentCard = (member: MemberRow, card: CardRow | undefined, enterprise: EnterpriseRow): BusinessCardDto => ({
  memberId: member.id,
  name: member.name,
  title: member.title,
  avatarUrl: member.avatar_url,
  enterpriseName: enterprise.name,
  enterpriseShortName: enterprise.short_name,
  enterpriseVerified: enterprise.verification === 'verified',
  phone: card?.phone ?? null,
  storeAddress: card?.store_address ?? null,
  photoUrl: card?.photo_url ?? null,
  bio: card?.bio ?? null,
  customFields: card ? parseCardFields(card.custom_fields) : [],
  updatedAt: Math.max(Number(card?.updated_at ?? 0), Number(member.updated_at)),
});

function parseCardFields(json: string): CardFieldDto[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
