import type { CustomerDto, CustomerRequestDto } from '@rapport/shared';
import { isRequestExpired } from './customers.policy.js';
import type { RelationView, RequestView } from './customers.repository.js';

const num = (value: number | null) => (value === null ? null : Number(value));

function parsePhones(json: string): string[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The one wire shape of a customer (REST, user events, webhooks). */
export const presentCustomer = (row: RelationView): CustomerDto => ({
  id: row.id,
  memberId: row.member_id,
  consumer: { id: row.consumer_id, nickname: row.consumer_nickname, avatarUrl: row.consumer_avatar_url },
  status: row.status,
  lostReason: row.lost_reason,
  lostAt: num(row.lost_at),
  addSource: row.add_source,
  initiatorMemberId: row.initiator_member_id,
  contactWayId: row.contact_way_id,
  state: row.state,
  remark: row.remark,
  description: row.description,
  remarkPhones: parsePhones(row.remark_phones),
  company: row.company,
  addedAt: Number(row.added_at),
  updatedAt: Number(row.updated_at),
  conversationId: row.conversation_id,
});

/** The one wire shape of a customer request as its sender sees it; a lapsed pending request shows as expired. */
export const presentRequest = (row: RequestView, now = Date.now()): CustomerRequestDto => ({
  id: row.id,
  memberId: row.member_id,
  consumer: { id: row.consumer_id, nickname: row.consumer_nickname, avatarUrl: row.consumer_avatar_url },
  message: row.message,
  source: row.source,
  status: isRequestExpired(row, now) ? 'expired' : row.status,
  createdAt: Number(row.created_at),
  decidedAt: num(row.decided_at),
});
