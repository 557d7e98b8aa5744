import type {
  BusinessCardDto,
  ContactLinkAddResultDto,
  ContactLinkDto,
  ContactWayDto,
  ContactWayPageDto,
  ContactWayRequestDto,
  ContactWaySummaryDto,
  ContactWaySummaryQueryT,
  CreateContactWayInput,
  ListContactWaysQueryT,
  MemberScheduleDto,
  UpdateContactWayInput,
} from '@rapport/shared';
import { CONTACT_WAY_LIMITS } from '@rapport/shared';
import QRCode from 'qrcode';
import type { ConsumerActor, MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId, newToken } from '../../platform/ids.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { findConsumer } from '../consumers/index.js';
import { addCustomerThroughContactWay, addRefusal, assertCanContact, findActiveCustomerId, REQUEST_TTL_MS } from '../customers/index.js';
import { keepAttachments } from '../files/index.js';
import {
  decodeCursor,
  type EnterpriseRow,
  findCard,
  findEnterpriseById,
  findMember,
  lockEnterprise,
  presentCard,
  splitPage,
} from '../organisation/index.js';
import { applyAutoTags, assertEnterpriseTagsVisible } from '../tags/index.js';
import { CONTACT_WAY_DOMAIN_EVENTS, CONTACT_WAY_USER_EVENTS } from './contact-ways.events.js';
import { isOnSchedule, localClock, toMinutes } from './contact-ways.policy.js';
import { linkOf, memberIdsOf, presentContactWay, schedulesOf, tagIdsOf, welcomeOf } from './contact-ways.presenter.js';
import {
  addsOnDay,
  type ContactWayRow,
  claimDailySlot,
  countAdd,
  countContactWays,
  dailyAdds,
  deleteContactWayRows,
  findContactWay,
  findContactWayByToken,
  findPendingWayRequest,
  findWayRequestOfMember,
  insertContactWay,
  insertContactWayRequest,
  listContactWayRows,
  listPendingWayRequestsOfMember,
  summariseContactWayRows,
  updateContactWayRow,
  updateWayRequestRow,
} from './contact-ways.repository.js';

/** Caps the service reads; tests may lower them. */
export const contactWayCaps = { perEnterprise: CONTACT_WAY_LIMITS.perEnterprise };

const actorRef = (actor: MemberActor | ConsumerActor) => ({ kind: actor.kind, id: actor.id });
const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);

/** The rules of a way, as validated from a create body or a create body merged with an update. */
interface WayRules {
  type: 'single' | 'multi';
  memberIds: string[];
  schedules: MemberScheduleDto[];
  tagIds: string[];
}

/**
 * Business rules the schema cannot say: one member for a single way, members of the enterprise (a member
 * creates single ways for themselves only, and must pass the gate), schedules of the way's members with
 * windows that end after they start, visible enterprise tags.
 */
async function checkRules(db: Executor, actor: MemberActor, rules: WayRules): Promise<void> {
  const memberIds = rules.memberIds;
  if (new Set(memberIds).size !== memberIds.length) throw invalid('memberIds', 'A member is listed twice');
  if (rules.type === 'single' && memberIds.length !== 1) throw invalid('memberIds', 'A single contact way has exactly one member');
  if (actor.role !== 'admin' && (rules.type !== 'single' || memberIds[0] !== actor.id)) {
    throw new AppError('FORBIDDEN', 'A member creates single contact ways for themselves only');
  }
  for (const id of memberIds) {
    if (!(await findMember(db, actor.enterpriseId, id))) throw notFound('MEMBER_NOT_FOUND', 'Member');
  }
  if (actor.role !== 'admin') {
    const [enterprise, member] = await Promise.all([
      findEnterpriseById(db, actor.enterpriseId),
      findMember(db, actor.enterpriseId, actor.id),
    ]);
    if (!enterprise || !member) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    assertCanContact(enterprise, member);
  }
  const scheduled = new Set<string>();
  for (const schedule of rules.schedules) {
    if (!memberIds.includes(schedule.memberId) || scheduled.has(schedule.memberId)) {
      throw invalid('schedules', 'A schedule names a member of the way, once');
    }
    scheduled.add(schedule.memberId);
    if (schedule.windows.some((w) => toMinutes(w.start) >= toMinutes(w.end))) throw invalid('schedules', 'A window ends after it starts');
  }
  await assertEnterpriseTagsVisible(db, actor, rules.tagIds);
}

/** The way's own welcome, its attachments kept as enterprise materials (see keepAttachments). */
async function keptWelcome(tx: Executor, actor: MemberActor, input: UpdateContactWayInput): Promise<UpdateContactWayInput> {
  if (!input.welcome) return input;
  return { ...input, welcome: { ...input.welcome, attachments: await keepAttachments(tx, actor, input.welcome.attachments) } };
}

const optionalFields = (input: UpdateContactWayInput) => ({
  ...(input.name !== undefined && { name: input.name.trim() }),
  ...(input.skipVerify !== undefined && { skip_verify: input.skipVerify ? 1 : 0 }),
  ...(input.state !== undefined && { state: input.state.trim() }),
  ...(input.remark !== undefined && { remark: input.remark.trim() }),
  ...(input.tagIds !== undefined && { tag_ids: JSON.stringify([...new Set(input.tagIds)]) }),
  ...(input.welcome !== undefined && {
    welcome: input.welcome && (input.welcome.text.trim() || input.welcome.attachments.length) ? JSON.stringify(input.welcome) : null,
  }),
  ...(input.dailyCapPerMember !== undefined && { daily_cap: input.dailyCapPerMember || null }),
  ...(input.schedules !== undefined && { schedules: JSON.stringify(input.schedules) }),
});

/**
 * Creates a contact way with an unguessable token for its link. Admins create single or multi ways for
 * any members; a member creates single ways for themselves once they pass the gate. ≤ 500,000 per
 * enterprise, counted under the enterprise lock.
 */
export async function createContactWay(platform: Platform, actor: MemberActor, input: CreateContactWayInput): Promise<ContactWayDto> {
  const memberIds = input.memberIds ?? (actor.role === 'admin' ? [] : [actor.id]);
  if (!memberIds.length) throw invalid('memberIds', 'A contact way needs members');
  return platform.transaction(async ({ tx }) => {
    await checkRules(tx, actor, { type: input.type, memberIds, schedules: input.schedules ?? [], tagIds: input.tagIds ?? [] });
    const fields = optionalFields(await keptWelcome(tx, actor, input));
    await lockEnterprise(tx, actor.enterpriseId);
    if ((await countContactWays(tx, actor.enterpriseId)) >= contactWayCaps.perEnterprise) {
      throw new AppError('CONTACT_WAY_LIMIT', 'The enterprise has reached its contact way limit', { limit: contactWayCaps.perEnterprise });
    }
    const now = Date.now();
    const row: ContactWayRow = {
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      token: newToken(24),
      name: '',
      type: input.type,
      member_ids: JSON.stringify(memberIds),
      skip_verify: 0,
      state: '',
      remark: '',
      tag_ids: '[]',
      welcome: null,
      daily_cap: null,
      schedules: '[]',
      rotation: 0,
      adds: 0,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
      ...fields,
    };
    await insertContactWay(tx, row);
    const dto = presentContactWay(row, platform.config.publicUrl);
    await recordEvent(
      tx,
      {
        type: CONTACT_WAY_DOMAIN_EVENTS.created,
        enterpriseId: actor.enterpriseId,
        aggregateId: row.id,
        actor: actorRef(actor),
        payload: dto,
      },
      now,
    );
    return dto;
  });
}

/** A way the actor manages: admins any of the enterprise's, a member those they created; else 404. */
async function managedWayOrThrow(db: Executor, actor: MemberActor, id: string): Promise<ContactWayRow> {
  const row = await findContactWay(db, actor.enterpriseId, id);
  if (!row || (actor.role !== 'admin' && row.created_by !== actor.id)) throw notFound('CONTACT_WAY_NOT_FOUND', 'Contact way');
  return row;
}

/** A way a member may look at (and show its QR code): an admin any, a member those they created or are offered by. */
async function visibleWayOrThrow(db: Executor, actor: MemberActor, id: string): Promise<ContactWayRow> {
  const row = await findContactWay(db, actor.enterpriseId, id);
  if (!row || (actor.role !== 'admin' && row.created_by !== actor.id && !memberIdsOf(row).includes(actor.id))) {
    throw notFound('CONTACT_WAY_NOT_FOUND', 'Contact way');
  }
  return row;
}

export async function getContactWayOrThrow(platform: Platform, actor: MemberActor, id: string): Promise<ContactWayDto> {
  return presentContactWay(await visibleWayOrThrow(platform.db, actor, id), platform.config.publicUrl);
}

/**
 * Every way of the enterprise (admins), or mine (created by me or offering me), newest first, filtered,
 * with their adds in all and today.
 */
export async function listContactWays(
  platform: Platform,
  actor: MemberActor,
  query: ListContactWaysQueryT,
  mine: boolean,
): Promise<ContactWayPageDto> {
  const { q, memberId, type, cursor, limit = 50 } = query;
  const filter = { q, memberId, type, mine: mine ? actor.id : undefined };
  const rows = await listContactWayRows(platform.db, actor.enterpriseId, filter, decodeCursor(cursor), limit + 1);
  const page = splitPage(rows, limit);
  const enterprise = await findEnterpriseById(platform.db, actor.enterpriseId);
  const today = localClock(enterprise?.timezone ?? 'UTC', Date.now()).day;
  const addsToday = await addsOnDay(
    platform.db,
    page.rows.map((r) => r.id),
    today,
  );
  return {
    data: page.rows.map((r) => ({ ...presentContactWay(r, platform.config.publicUrl), addsToday: addsToday.get(r.id) ?? 0 })),
    nextCursor: page.nextCursor,
  };
}

/** Totals over every way the list would show for these filters (admins: the enterprise's). */
export async function summariseContactWays(
  platform: Platform,
  actor: MemberActor,
  query: ContactWaySummaryQueryT,
): Promise<ContactWaySummaryDto> {
  const enterprise = await findEnterpriseById(platform.db, actor.enterpriseId);
  const today = localClock(enterprise?.timezone ?? 'UTC', Date.now()).day;
  return summariseContactWayRows(platform.db, actor.enterpriseId, query, today);
}

export async function updateContactWay(
  platform: Platform,
  actor: MemberActor,
  id: string,
  input: UpdateContactWayInput,
): Promise<ContactWayDto> {
  return platform.transaction(async ({ tx }) => {
    const row = await managedWayOrThrow(tx, actor, id);
    const memberIds = input.memberIds ?? memberIdsOf(row);
    await checkRules(tx, actor, {
      type: row.type,
      memberIds,
      schedules: input.schedules ?? schedulesOf(row).filter((s) => memberIds.includes(s.memberId)),
      tagIds: input.tagIds ?? [],
    });
    const now = Date.now();
    const patch = {
      ...optionalFields(await keptWelcome(tx, actor, input)),
      member_ids: JSON.stringify(memberIds),
      ...(input.schedules === undefined && { schedules: JSON.stringify(schedulesOf(row).filter((s) => memberIds.includes(s.memberId))) }),
      updated_at: now,
    };
    await updateContactWayRow(tx, id, patch);
    const dto = presentContactWay({ ...row, ...patch }, platform.config.publicUrl);
    await recordEvent(
      tx,
      { type: CONTACT_WAY_DOMAIN_EVENTS.updated, enterpriseId: actor.enterpriseId, aggregateId: id, actor: actorRef(actor), payload: dto },
      now,
    );
    return dto;
  });
}

/** Deletes the way: its link stops working; customers added through it keep their channel. */
export async function deleteContactWay(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async ({ tx }) => {
    await managedWayOrThrow(tx, actor, id);
    await deleteContactWayRows(tx, id);
    await recordEvent(
      tx,
      {
        type: CONTACT_WAY_DOMAIN_EVENTS.deleted,
        enterpriseId: actor.enterpriseId,
        aggregateId: id,
        actor: actorRef(actor),
        payload: { id },
      },
      Date.now(),
    );
    return { ok: true as const };
  });
}

/** The QR image of the way's link, PNG or SVG. */
export async function contactWayQr(platform: Platform, actor: MemberActor, id: string, format: 'png' | 'svg'): Promise<Buffer | string> {
  const row = await visibleWayOrThrow(platform.db, actor, id);
  const url = linkOf(platform.config.publicUrl, row.token);
  return format === 'png' ? QRCode.toBuffer(url, { type: 'png', margin: 2, width: 320 }) : QRCode.toString(url, { type: 'svg', margin: 2 });
}

// ---------- the consumer side ----------

async function cardOf(db: Executor, enterprise: EnterpriseRow, memberId: string): Promise<BusinessCardDto> {
  const member = await findMember(db, enterprise.id, memberId);
  if (!member) throw notFound('MEMBER_NOT_FOUND', 'Member');
  return presentCard(member, await findCard(db, enterprise.id, memberId), enterprise);
}

/**
 * Rotation: round-robin from the way's cursor, skipping a member who fails the gate (disabled, not
 * verified, no permission), is at capacity, is outside their schedule or at their daily cap on the way.
 * With `claim`, the member's daily slot is claimed (set-based, in the caller's transaction); without, the
 * pick only looks.
 */
async function pickMember(
  db: Executor,
  way: ContactWayRow,
  enterprise: EnterpriseRow,
  consumerId: string,
  now: number,
  claim: boolean,
): Promise<{ memberId: string; index: number } | undefined> {
  const members = memberIdsOf(way);
  const schedules = schedulesOf(way);
  const clock = localClock(enterprise.timezone, now);
  const cap = way.daily_cap === null ? null : Number(way.daily_cap);
  for (let i = 0; i < members.length; i++) {
    const index = (Number(way.rotation) + i) % members.length;
    const memberId = members[index] as string;
    if (!isOnSchedule(schedules, memberId, clock)) continue;
    if (await addRefusal(db, enterprise.id, memberId, consumerId)) continue;
    if (claim) {
      if (!(await claimDailySlot(db, way.id, memberId, clock.day, cap))) continue;
    } else if (cap !== null && (await dailyAdds(db, way.id, memberId, clock.day)) >= cap) continue;
    return { memberId, index };
  }
  return undefined;
}

async function wayByTokenOrThrow(db: Executor, token: string) {
  const way = await findContactWayByToken(db, token);
  const enterprise = way && (await findEnterpriseById(db, way.enterprise_id));
  if (!way || !enterprise) throw notFound('CONTACT_WAY_NOT_FOUND', 'Contact way');
  return { way, enterprise };
}

const unavailable = () => new AppError('CONTACT_WAY_UNAVAILABLE', 'No member can take new customers through this contact way now');

/** Opening a link: the member who would be offered now, with their business card ("@enterprise" badge). */
export async function openContactLink(platform: Platform, token: string): Promise<ContactLinkDto> {
  const { way, enterprise } = await wayByTokenOrThrow(platform.db, token);
  const pick = await pickMember(platform.db, way, enterprise, '', Date.now(), false);
  if (!pick) throw unavailable();
  return { name: way.name, skipVerify: way.skip_verify === 1, card: await cardOf(platform.db, enterprise, pick.memberId) };
}

/**
 * The consumer adds through a link. Under the enterprise lock: a consumer already a customer of one of
 * the way's members (or already waiting for one) is answered with that; else the rotation picks a member
 * and claims their daily slot, the cursor moves past them, and with skipVerify the relationship is created
 * at once (source contact_way, the way's state, remark, auto-tags and welcome message), without it a
 * request waits for the member.
 */
export async function addThroughContactLink(platform: Platform, actor: ConsumerActor, token: string): Promise<ContactLinkAddResultDto> {
  return platform.transaction(async (uow) => {
    const { tx } = uow;
    const first = await wayByTokenOrThrow(tx, token);
    await lockEnterprise(tx, first.way.enterprise_id);
    const { way, enterprise } = await wayByTokenOrThrow(tx, token);
    for (const memberId of memberIdsOf(way)) {
      if (await findActiveCustomerId(tx, memberId, actor.id)) {
        return { status: 'added' as const, card: await cardOf(tx, enterprise, memberId), requestId: null };
      }
    }
    const skipVerify = way.skip_verify === 1;
    const now = Date.now();
    if (!skipVerify) {
      const pending = await findPendingWayRequest(tx, way.id, actor.id, now - REQUEST_TTL_MS);
      if (pending) return { status: 'pending' as const, card: await cardOf(tx, enterprise, pending.member_id), requestId: pending.id };
    }
    const pick = await pickMember(tx, way, enterprise, actor.id, now, true);
    if (!pick) throw unavailable();
    await updateContactWayRow(tx, way.id, { rotation: (pick.index + 1) % memberIdsOf(way).length });
    const card = await cardOf(tx, enterprise, pick.memberId);
    if (skipVerify) {
      await addThroughWay(platform, uow, way, pick.memberId, actor.id, actorRef(actor), now);
      return { status: 'added' as const, card, requestId: null };
    }
    const id = newId(now);
    await insertContactWayRequest(tx, {
      id,
      enterprise_id: way.enterprise_id,
      contact_way_id: way.id,
      member_id: pick.memberId,
      consumer_id: actor.id,
      status: 'pending',
      created_at: now,
      decided_at: null,
    });
    await recordEvent(
      tx,
      {
        type: CONTACT_WAY_DOMAIN_EVENTS.requested,
        enterpriseId: way.enterprise_id,
        aggregateId: id,
        actor: actorRef(actor),
        payload: { contactWayId: way.id, memberId: pick.memberId, consumerId: actor.id },
      },
      now,
    );
    const consumer = await findConsumer(tx, actor.id);
    const dto: ContactWayRequestDto = {
      id,
      contactWayId: way.id,
      consumerId: actor.id,
      consumerNickname: consumer?.nickname ?? '',
      status: 'pending',
      createdAt: now,
    };
    await appendUserEvent(uow, platform.bus, [principalKey('member', pick.memberId)], CONTACT_WAY_USER_EVENTS.requestReceived, dto, now);
    return { status: 'pending' as const, card, requestId: id };
  });
}

/** The relationship through the way, its auto-tags and its count, in the caller's transaction. */
async function addThroughWay(
  platform: Platform,
  uow: UnitOfWork,
  way: ContactWayRow,
  memberId: string,
  consumerId: string,
  actor: { kind: string; id: string },
  now: number,
): Promise<string> {
  const added = await addCustomerThroughContactWay(platform, uow, {
    enterpriseId: way.enterprise_id,
    memberId,
    consumerId,
    contactWayId: way.id,
    state: way.state,
    remark: way.remark,
    welcome: welcomeOf(way),
    actor,
    now,
  });
  if (added.created) {
    await applyAutoTags(uow.tx, { enterpriseId: way.enterprise_id, relationId: added.customerId, tagIds: tagIdsOf(way), actor, now });
    await countAdd(uow.tx, way.id);
  }
  return added.customerId;
}

// ---------- the member: requests through ways without skipVerify ----------

/** Pending requests lapse after a week unanswered, like customer requests; a lapsed one is simply gone. */
export async function listMyWayRequests(platform: Platform, actor: MemberActor): Promise<{ data: ContactWayRequestDto[] }> {
  const rows = await listPendingWayRequestsOfMember(platform.db, actor.id, Date.now() - REQUEST_TTL_MS, 500);
  return {
    data: rows.map((r) => ({
      id: r.id,
      contactWayId: r.contact_way_id,
      consumerId: r.consumer_id,
      consumerNickname: r.nickname,
      status: 'pending' as const,
      createdAt: Number(r.created_at),
    })),
  };
}

/**
 * The member accepts a consumer's request: the relationship is created under the enterprise lock with
 * the way's data as it is now (the gate and capacity hold as invariants). Accepting twice answers alike.
 */
export async function acceptWayRequest(platform: Platform, actor: MemberActor, id: string): Promise<{ customerId: string }> {
  return platform.transaction(async (uow) => {
    const { tx } = uow;
    await lockEnterprise(tx, actor.enterpriseId);
    const request = await findWayRequestOfMember(tx, actor.id, id);
    if (!request) throw notFound('CONTACT_WAY_REQUEST_NOT_FOUND', 'Request');
    if (request.status === 'accepted') {
      const customerId = await findActiveCustomerId(tx, actor.id, request.consumer_id);
      if (customerId) return { customerId };
      throw notFound('CONTACT_WAY_REQUEST_NOT_FOUND', 'Request');
    }
    const now = Date.now();
    if (!isLiveRequest(request, now)) throw notFound('CONTACT_WAY_REQUEST_NOT_FOUND', 'Request');
    const way = await findContactWay(tx, actor.enterpriseId, request.contact_way_id);
    if (!way) throw notFound('CONTACT_WAY_NOT_FOUND', 'Contact way');
    const customerId = await addThroughWay(platform, uow, way, actor.id, request.consumer_id, actorRef(actor), now);
    await updateWayRequestRow(tx, id, { status: 'accepted', decided_at: now });
    await recordEvent(
      tx,
      {
        type: CONTACT_WAY_DOMAIN_EVENTS.accepted,
        enterpriseId: actor.enterpriseId,
        aggregateId: id,
        actor: actorRef(actor),
        payload: { customerId, contactWayId: way.id },
      },
      now,
    );
    return { customerId };
  });
}

const isLiveRequest = (request: { status: string; created_at: number }, now: number) =>
  request.status === 'pending' && Number(request.created_at) > now - REQUEST_TTL_MS;

/**
 * The member declines a consumer's request (or simply lets it lapse). The consumer is not told, as in
 * WeChat; opening the link again makes a new request. Declining twice answers alike.
 */
export async function declineWayRequest(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async (uow) => {
    const { tx } = uow;
    const request = await findWayRequestOfMember(tx, actor.id, id);
    if (request?.status === 'declined') return { ok: true as const };
    const now = Date.now();
    if (!request || !isLiveRequest(request, now)) throw notFound('CONTACT_WAY_REQUEST_NOT_FOUND', 'Request');
    await updateWayRequestRow(tx, id, { status: 'declined', decided_at: now });
    await recordEvent(
      tx,
      {
        type: CONTACT_WAY_DOMAIN_EVENTS.declined,
        enterpriseId: actor.enterpriseId,
        aggregateId: id,
        actor: actorRef(actor),
        payload: { contactWayId: request.contact_way_id, consumerId: request.consumer_id },
      },
      now,
    );
    return { ok: true as const };
  });
}
