import { type BusinessCardDto, type UpdateCardInput, USER_EVENTS } from '@rapport/shared';
import type { ConsumerActor, MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { findCard, upsertCard } from './cards.repository.js';
import { findEnterpriseById } from './enterprises.repository.js';
import { findMember, findMemberInAnyEnterprise, listMemberDepartmentIds, type MemberRow, updateMemberRow } from './members.repository.js';
import { presentCard, presentMember } from './organisation.presenter.js';

// the schema already refuses control characters
const LINK_RE = /^https?:\/\/\S+$/;

async function cardOf(db: Executor, member: MemberRow): Promise<BusinessCardDto> {
  const [card, enterprise] = await Promise.all([
    findCard(db, member.enterprise_id, member.id),
    findEnterpriseById(db, member.enterprise_id),
  ]);
  if (!enterprise) throw notFound('MEMBER_NOT_FOUND', 'Member');
  return presentCard(member, card, enterprise);
}

async function getMemberRowOrThrow(db: Executor, enterpriseId: string, id: string): Promise<MemberRow> {
  const row = await findMember(db, enterpriseId, id);
  if (!row) throw notFound('MEMBER_NOT_FOUND', 'Member');
  return row;
}

/** The card of a member of the actor's enterprise (their own, or a colleague's). */
export async function getCardOrThrow(platform: Platform, actor: MemberActor, memberId: string): Promise<BusinessCardDto> {
  return cardOf(platform.db, await getMemberRowOrThrow(platform.db, actor.enterpriseId, memberId));
}

/** What a signed-in consumer sees of a member: only active members have a card to show. */
export async function getCardForConsumer(platform: Platform, _actor: ConsumerActor, memberId: string): Promise<BusinessCardDto> {
  const member = await findMemberInAnyEnterprise(platform.db, memberId);
  if (!member || member.status !== 'active') throw notFound('MEMBER_NOT_FOUND', 'Member');
  return cardOf(platform.db, member);
}

/**
 * Edits a business card (a member their own, an admin anyone's). Only the fields given change;
 * the title lives on the member, the rest on the card row, created on first edit. Link fields must
 * be http(s) URLs: consumers open them.
 */
export async function updateCard(
  platform: Platform,
  actor: MemberActor,
  memberId: string,
  input: UpdateCardInput,
): Promise<BusinessCardDto> {
  input.customFields?.forEach((field, i) => {
    if (field.kind === 'link' && !LINK_RE.test(field.value.trim())) {
      throw new AppError('VALIDATION_FAILED', `customFields.${i}.value: must be an http(s) link`, [
        { field: `customFields.${i}.value`, message: 'must be an http(s) link' },
      ]);
    }
  });
  return platform.transaction(async (uow) => {
    const member = await getMemberRowOrThrow(uow.tx, actor.enterpriseId, memberId);
    if (member.status === 'resigned') throw new AppError('MEMBER_RESIGNED', "A resigned member's card cannot be edited");
    const now = Date.now();
    const current = await findCard(uow.tx, actor.enterpriseId, memberId);
    const text = (value: string | null | undefined, fallback: string | null) => (value === undefined ? fallback : value?.trim() || null);
    await upsertCard(uow.tx, {
      member_id: memberId,
      enterprise_id: actor.enterpriseId,
      phone: text(input.phone, current?.phone ?? null),
      store_address: text(input.storeAddress, current?.store_address ?? null),
      photo_url: input.photoUrl === undefined ? (current?.photo_url ?? null) : input.photoUrl,
      bio: text(input.bio, current?.bio ?? null),
      custom_fields:
        input.customFields === undefined
          ? (current?.custom_fields ?? '[]')
          : JSON.stringify(input.customFields.map((f) => ({ label: f.label.trim(), kind: f.kind, value: f.value.trim() }))),
      updated_at: now,
    });
    let updated = member;
    const title = text(input.title, member.title);
    if (title !== member.title) {
      updated = { ...member, title, updated_at: now };
      await updateMemberRow(uow.tx, actor.enterpriseId, memberId, { title, updated_at: now });
      const departments = await listMemberDepartmentIds(uow.tx, [memberId]);
      const memberDto = presentMember(updated, (departments.get(memberId) ?? []).sort());
      await appendUserEvent(uow, platform.bus, [principalKey('member', memberId)], USER_EVENTS.memberUpdated, memberDto, now);
    }
    const dto = await cardOf(uow.tx, updated);
    await recordEvent(
      uow.tx,
      {
        type: 'card.updated',
        enterpriseId: actor.enterpriseId,
        aggregateId: memberId,
        actor: { kind: actor.kind, id: actor.id },
        payload: { changes: input, card: dto },
      },
      now,
    );
    await appendUserEvent(uow, platform.bus, [principalKey('member', memberId)], USER_EVENTS.cardUpdated, dto, now);
    return dto;
  });
}
