import type {
  BusinessCardDto,
  ConsumerCardDto,
  CreateCustomerRequestInput,
  CustomerDto,
  CustomerPageDto,
  CustomerRequestDto,
  CustomerRequestPageDto,
  EnterpriseContactDto,
  EnterpriseContactGroupsDto,
  ErrorCode,
  IncomingCustomerRequestDto,
  ListCustomerRequestsQueryT,
  ListCustomersQueryT,
  ListEnterpriseCustomersQueryT,
  UpdateCustomerInput,
} from '@rapport/shared';
import type { ConsumerActor, MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { closeConversation, openConversation, reopenConversation } from '../chat/index.js';
import { findConsumer, findConsumerByLogin, normalizePhone } from '../consumers/index.js';
import {
  decodeCursor,
  type EnterpriseRow,
  findCard,
  findEnterpriseById,
  findMember,
  findMemberInAnyEnterprise,
  lockEnterprise,
  presentCard,
  splitPage,
} from '../organisation/index.js';
import { crmUrlOf, listTagsOfCustomers } from '../tags/index.js';
import {
  CUSTOMER_DOMAIN_EVENTS,
  CUSTOMER_USER_EVENTS,
  CUSTOMER_WELCOME_JOB,
  type CustomerAddedPayload,
  type CustomerWelcomePayload,
  type WelcomeContent,
} from './customers.events.js';
import { assertCanContact, assertCapacity, capacityCounts, isRequestExpired, REQUEST_TTL_MS } from './customers.policy.js';
import { presentCustomer, presentRequest } from './customers.presenter.js';
import {
  declinePendingRequests,
  findPendingRequest,
  findRelationByPair,
  findRelationView,
  findRequestForConsumer,
  findRequestView,
  insertRelation,
  insertRequest,
  listActiveRelationsOfConsumer,
  listPendingRequestsForConsumer,
  listRelationViews,
  listRequestViewsOfMember,
  type RelationRow,
  type RequestRow,
  updateRelationRow,
  updateRequestRow,
} from './customers.repository.js';

/** Consumers shown at most in one list of enterprise contacts or incoming requests. */
const LIST_CAP = 500;

const actorRef = (actor: MemberActor | ConsumerActor) => ({ kind: actor.kind, id: actor.id });

/** Business cards by member id, each enterprise read once. */
async function cardsOf(db: Executor, memberIds: string[]): Promise<Map<string, BusinessCardDto>> {
  const cards = new Map<string, BusinessCardDto>();
  const enterprises = new Map<string, EnterpriseRow | undefined>();
  for (const memberId of new Set(memberIds)) {
    const member = await findMemberInAnyEnterprise(db, memberId);
    if (!member) continue;
    if (!enterprises.has(member.enterprise_id)) enterprises.set(member.enterprise_id, await findEnterpriseById(db, member.enterprise_id));
    const enterprise = enterprises.get(member.enterprise_id);
    if (!enterprise) continue;
    cards.set(memberId, presentCard(member, await findCard(db, member.enterprise_id, memberId), enterprise));
  }
  return cards;
}

async function cardOrThrow(db: Executor, memberId: string): Promise<BusinessCardDto> {
  const card = (await cardsOf(db, [memberId])).get(memberId);
  if (!card) throw notFound('MEMBER_NOT_FOUND', 'Member');
  return card;
}

async function customerView(db: Executor, enterpriseId: string, id: string): Promise<CustomerDto> {
  const view = await findRelationView(db, enterpriseId, id);
  if (!view) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  return presentCustomer(view);
}

async function requestDto(db: Executor, id: string): Promise<CustomerRequestDto> {
  const view = await findRequestView(db, id);
  if (!view) throw notFound('CUSTOMER_REQUEST_NOT_FOUND', 'Request');
  return presentRequest(view);
}

/** The enterprise and the member, for the gate; a member who is gone finds nothing. */
async function gateSubjects(db: Executor, enterpriseId: string, memberId: string) {
  const [enterprise, member] = await Promise.all([findEnterpriseById(db, enterpriseId), findMember(db, enterpriseId, memberId)]);
  if (!enterprise || !member) return undefined;
  return { enterprise, member };
}

// ---------- member: find a consumer, send requests ----------

/**
 * Exact search by phone number or account: one minimal card or CONSUMER_NOT_FOUND, never a list, so
 * the directory cannot be browsed.
 */
export async function lookupConsumer(platform: Platform, _actor: MemberActor, q: string): Promise<ConsumerCardDto> {
  const login = q.trim();
  const row = login ? await findConsumerByLogin(platform.db, login) : undefined;
  if (!row || row.status !== 'active') throw notFound('CONSUMER_NOT_FOUND', 'Consumer');
  return { id: row.id, nickname: row.nickname, avatarUrl: row.avatar_url };
}

/**
 * A member asks a consumer to become their customer. The gate and capacity are checked here (so the
 * member hears at once) and again when the consumer accepts (where they are invariants). Sending again
 * while a request is pending refreshes it. A consumer who blocked the member never hears of it.
 */
export async function sendCustomerRequest(
  platform: Platform,
  actor: MemberActor,
  input: CreateCustomerRequestInput,
): Promise<CustomerRequestDto> {
  return platform.transaction(async (uow) => {
    const { tx } = uow;
    const consumer = await findConsumer(tx, input.consumerId);
    if (!consumer || consumer.status !== 'active') throw notFound('CONSUMER_NOT_FOUND', 'Consumer');
    const subjects = await gateSubjects(tx, actor.enterpriseId, actor.id);
    if (!subjects) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    assertCanContact(subjects.enterprise, subjects.member);
    const relation = await findRelationByPair(tx, actor.id, consumer.id);
    if (relation?.status === 'active') throw new AppError('ALREADY_CUSTOMER', 'Already your customer', { customerId: relation.id });
    if (relation?.lost_reason === 'blocked') throw new AppError('CUSTOMER_LOST', 'This customer has blocked you', { reason: 'blocked' });
    assertCapacity(subjects.enterprise, await capacityCounts(tx, actor.enterpriseId, actor.id, consumer.id));

    const now = Date.now();
    const message = input.message?.trim() ?? '';
    const source = input.source ?? 'search_phone';
    let pending = await findPendingRequest(tx, actor.id, consumer.id);
    if (pending && isRequestExpired(pending, now)) {
      // a lapsed request is closed and a fresh one sent in its place
      await updateRequestRow(tx, pending.id, { status: 'expired', decided_at: now });
      pending = undefined;
    }
    let id: string;
    if (pending) {
      id = pending.id;
      await updateRequestRow(tx, id, { message, source });
    } else {
      id = newId(now);
      const row: RequestRow = {
        id,
        enterprise_id: actor.enterpriseId,
        member_id: actor.id,
        consumer_id: consumer.id,
        message,
        source,
        status: 'pending',
        created_at: now,
        decided_at: null,
      };
      if (!(await insertRequest(tx, row))) {
        // another send for the same pair won the race: refresh that one
        const winner = await findPendingRequest(tx, actor.id, consumer.id);
        if (!winner) throw new AppError('CONFLICT', 'Please try again');
        id = winner.id;
        await updateRequestRow(tx, id, { message, source });
      }
    }
    const dto = await requestDto(tx, id);
    await recordEvent(
      tx,
      { type: CUSTOMER_DOMAIN_EVENTS.requestSent, enterpriseId: actor.enterpriseId, aggregateId: id, actor: actorRef(actor), payload: dto },
      now,
    );
    const incoming: IncomingCustomerRequestDto = { id, message, createdAt: dto.createdAt, card: await cardOrThrow(tx, actor.id) };
    await appendUserEvent(uow, platform.bus, [principalKey('consumer', consumer.id)], CUSTOMER_USER_EVENTS.requestReceived, incoming, now);
    return dto;
  });
}

/** The member's sent requests, newest first. */
export async function listSentRequests(
  platform: Platform,
  actor: MemberActor,
  query: ListCustomerRequestsQueryT,
): Promise<CustomerRequestPageDto> {
  const limit = query.limit ?? 50;
  const now = Date.now();
  const rows = await listRequestViewsOfMember(
    platform.db,
    actor.id,
    query.status,
    now - REQUEST_TTL_MS,
    decodeCursor(query.cursor),
    limit + 1,
  );
  const page = splitPage(rows, limit);
  return { data: page.rows.map((row) => presentRequest(row, now)), nextCursor: page.nextCursor };
}

// ---------- consumer: incoming requests ----------

/** Pending requests to the consumer, each with the member's business card ("@enterprise" badge). */
export async function listIncomingRequests(platform: Platform, actor: ConsumerActor): Promise<{ data: IncomingCustomerRequestDto[] }> {
  const rows = await listPendingRequestsForConsumer(platform.db, actor.id, Date.now() - REQUEST_TTL_MS, LIST_CAP);
  const cards = await cardsOf(
    platform.db,
    rows.map((r) => r.member_id),
  );
  return {
    data: rows.flatMap((r) => {
      const card = cards.get(r.member_id);
      return card ? [{ id: r.id, message: r.message, createdAt: Number(r.created_at), card }] : [];
    }),
  };
}

async function contactOf(db: Executor, relation: RelationRow): Promise<EnterpriseContactDto> {
  return { card: await cardOrThrow(db, relation.member_id), addedAt: Number(relation.added_at) };
}

/**
 * The consumer accepts: the relationship is created (or a lost one restored) under the enterprise's
 * lock, so the gate and every capacity limit hold however many accepts race. Records `customer.added`
 * (the hook for the welcome message and chat) in the same transaction.
 */
export async function acceptCustomerRequest(platform: Platform, actor: ConsumerActor, requestId: string): Promise<EnterpriseContactDto> {
  return platform.transaction(async (uow) => {
    const { tx } = uow;
    const first = await findRequestForConsumer(tx, actor.id, requestId);
    if (!first) throw notFound('CUSTOMER_REQUEST_NOT_FOUND', 'Request');
    await lockEnterprise(tx, first.enterprise_id);
    const request = await findRequestForConsumer(tx, actor.id, requestId);
    if (!request) throw notFound('CUSTOMER_REQUEST_NOT_FOUND', 'Request');
    const existing = await findRelationByPair(tx, request.member_id, actor.id);
    // a second tap on "accept" answers like the first
    if (request.status === 'accepted' && existing?.status === 'active') return contactOf(tx, existing);
    const now = Date.now();
    if (request.status !== 'pending' || isRequestExpired(request, now)) throw notFound('CUSTOMER_REQUEST_NOT_FOUND', 'Request');

    const subjects = await gateSubjects(tx, request.enterprise_id, request.member_id);
    if (!subjects) throw notFound('CUSTOMER_REQUEST_NOT_FOUND', 'Request');
    assertCanContact(subjects.enterprise, subjects.member);
    if (existing?.status === 'active') {
      await updateRequestRow(tx, request.id, { status: 'accepted', decided_at: now });
      return contactOf(tx, existing);
    }
    assertCapacity(subjects.enterprise, await capacityCounts(tx, request.enterprise_id, request.member_id, actor.id));

    const relation = await addRelation(platform, uow, {
      existing,
      enterpriseId: request.enterprise_id,
      memberId: request.member_id,
      consumerId: actor.id,
      addSource: request.source,
      initiatorMemberId: request.member_id,
      actor: actorRef(actor),
      now,
    });
    await updateRequestRow(tx, request.id, { status: 'accepted', decided_at: now });
    const contact = await contactOf(tx, relation);
    const customer = await customerView(tx, request.enterprise_id, relation.id);
    const bus = platform.bus;
    await appendUserEvent(uow, bus, [principalKey('member', request.member_id)], CUSTOMER_USER_EVENTS.customerAdded, customer, now);
    await appendUserEvent(uow, bus, [principalKey('consumer', actor.id)], CUSTOMER_USER_EVENTS.contactAdded, contact, now);
    await appendUserEvent(
      uow,
      bus,
      [principalKey('consumer', actor.id)],
      CUSTOMER_USER_EVENTS.requestDecided,
      { id: request.id, status: 'accepted' },
      now,
    );
    return contact;
  });
}

/**
 * Writes the relationship (a new row, or the lost one restored with its notes kept), opens (or
 * reopens) the member ↔ consumer conversation, records `customer.added` and enqueues the welcome
 * message — all in the caller's transaction. The caller holds the enterprise lock and has checked
 * the gate and capacity.
 */
async function addRelation(
  platform: Platform,
  uow: UnitOfWork,
  input: {
    existing: RelationRow | undefined;
    enterpriseId: string;
    memberId: string;
    consumerId: string;
    addSource: RelationRow['add_source'];
    initiatorMemberId: string | null;
    contactWayId?: string | null;
    state?: string | null;
    /** The contact way's own welcome message; null: the member's, else the enterprise default. */
    welcome?: WelcomeContent | null;
    actor: { kind: string; id: string };
    now: number;
  },
): Promise<RelationRow> {
  const { existing, now } = input;
  const conversation = await openConversation(
    uow,
    {
      kind: 'customer',
      enterpriseId: input.enterpriseId,
      participants: [principalKey('member', input.memberId), principalKey('consumer', input.consumerId)],
      hasConsumer: true,
    },
    now,
  );
  // a restored relationship carries on in its old conversation
  if (!conversation.created) await reopenConversation(platform, uow, conversation.id, now);
  const fields = {
    conversation_id: conversation.id,
    status: 'active' as const,
    lost_reason: null,
    lost_at: null,
    add_source: input.addSource,
    initiator_member_id: input.initiatorMemberId,
    contact_way_id: input.contactWayId ?? null,
    state: input.state ?? null,
    added_at: now,
    updated_at: now,
  };
  let relation: RelationRow;
  if (existing) {
    relation = { ...existing, ...fields };
    await updateRelationRow(uow.tx, existing.id, fields);
  } else {
    relation = {
      id: newId(now),
      enterprise_id: input.enterpriseId,
      member_id: input.memberId,
      consumer_id: input.consumerId,
      remark: '',
      description: '',
      remark_phones: '[]',
      company: '',
      ...fields,
    };
    await insertRelation(uow.tx, relation);
  }
  const payload: CustomerAddedPayload = {
    customerId: relation.id,
    enterpriseId: input.enterpriseId,
    memberId: input.memberId,
    consumerId: input.consumerId,
    addSource: input.addSource,
    initiatorMemberId: input.initiatorMemberId,
    contactWayId: relation.contact_way_id,
    state: relation.state,
    addedAt: now,
    restored: existing !== undefined,
  };
  await recordEvent(
    uow.tx,
    { type: CUSTOMER_DOMAIN_EVENTS.added, enterpriseId: input.enterpriseId, aggregateId: relation.id, actor: input.actor, payload },
    now,
  );
  // one welcome per add: a re-add after a loss is a new add (new addedAt), a retried job is the same key
  const dedupeKey = `welcome:${relation.id}:${now}`;
  const welcome: CustomerWelcomePayload = {
    customerId: relation.id,
    enterpriseId: input.enterpriseId,
    memberId: input.memberId,
    consumerId: input.consumerId,
    conversationId: conversation.id,
    addedAt: now,
    dedupeKey,
    welcome: input.welcome ?? null,
  };
  await enqueueJob(uow, { type: CUSTOMER_WELCOME_JOB, payload: welcome, dedupeKey }, now);
  return relation;
}

/** The consumer declines; the member is not told (as in WeChat). Declining twice is fine. */
export async function declineCustomerRequest(platform: Platform, actor: ConsumerActor, requestId: string): Promise<{ ok: true }> {
  return platform.transaction(async (uow) => {
    const request = await findRequestForConsumer(uow.tx, actor.id, requestId);
    if (!request || (request.status !== 'pending' && request.status !== 'declined'))
      throw notFound('CUSTOMER_REQUEST_NOT_FOUND', 'Request');
    if (request.status === 'declined') return { ok: true as const };
    const now = Date.now();
    await updateRequestRow(uow.tx, request.id, { status: 'declined', decided_at: now });
    await recordEvent(
      uow.tx,
      {
        type: CUSTOMER_DOMAIN_EVENTS.requestDeclined,
        enterpriseId: request.enterprise_id,
        aggregateId: request.id,
        actor: actorRef(actor),
        payload: { memberId: request.member_id, consumerId: actor.id },
      },
      now,
    );
    await appendUserEvent(
      uow,
      platform.bus,
      [principalKey('consumer', actor.id)],
      CUSTOMER_USER_EVENTS.requestDecided,
      { id: request.id, status: 'declined' },
      now,
    );
    return { ok: true as const };
  });
}

// ---------- member: my customers ----------

/** My customers, newest first; `q` matches remark, nickname or a remark phone. */
export function listMyCustomers(platform: Platform, actor: MemberActor, query: ListCustomersQueryT): Promise<CustomerPageDto> {
  const { q, status, tagIds, conversationIds } = query;
  return customerPage(platform, actor, { memberId: actor.id, q, status, tagIds, conversationIds }, query);
}

/** A customer of the actor (an admin sees every customer of the enterprise); anything else is 404. */
export async function getCustomerOrThrow(platform: Platform, actor: MemberActor, id: string): Promise<CustomerDto> {
  const view = await findRelationView(platform.db, actor.enterpriseId, id);
  if (!view || (view.member_id !== actor.id && actor.role !== 'admin')) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  const [tags, crmUrl] = await Promise.all([
    listTagsOfCustomers(platform.db, [view.id], actor.id),
    crmUrlOf(platform.db, actor.enterpriseId, view.id),
  ]);
  return { ...presentCustomer(view), tags: tags.get(view.id) ?? [], crmUrl };
}

/** The member edits their notes on a customer (remark ≤20, description ≤150, ≤5 phones, company). */
export async function updateCustomer(platform: Platform, actor: MemberActor, id: string, input: UpdateCustomerInput): Promise<CustomerDto> {
  return platform.transaction(async (uow) => {
    const view = await findRelationView(uow.tx, actor.enterpriseId, id);
    if (!view || view.member_id !== actor.id) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
    const now = Date.now();
    const phones = input.remarkPhones === undefined ? undefined : [...new Set(input.remarkPhones.map(normalizePhone))];
    await updateRelationRow(uow.tx, id, {
      ...(input.remark !== undefined && { remark: input.remark.trim() }),
      ...(input.description !== undefined && { description: input.description.trim() }),
      ...(phones !== undefined && { remark_phones: JSON.stringify(phones) }),
      ...(input.company !== undefined && { company: input.company.trim() }),
      updated_at: now,
    });
    const dto = await customerView(uow.tx, actor.enterpriseId, id);
    await recordEvent(
      uow.tx,
      {
        type: CUSTOMER_DOMAIN_EVENTS.updated,
        enterpriseId: actor.enterpriseId,
        aggregateId: id,
        actor: actorRef(actor),
        payload: { changes: input },
      },
      now,
    );
    await appendUserEvent(uow, platform.bus, [principalKey('member', actor.id)], CUSTOMER_USER_EVENTS.customerUpdated, dto, now);
    return dto;
  });
}

/** Every relationship of the enterprise (admins), optionally one member's or one status. */
export function listEnterpriseCustomers(
  platform: Platform,
  actor: MemberActor,
  query: ListEnterpriseCustomersQueryT,
): Promise<CustomerPageDto> {
  const { memberId, q, status, tagIds, contactWayId } = query;
  return customerPage(platform, actor, { memberId, q, status, tagIds, contactWayId }, query);
}

/** A page of customers with the tags the viewer can see (enterprise tags, and their own personal tags). */
async function customerPage(
  platform: Platform,
  viewer: MemberActor,
  filter: Omit<Parameters<typeof listRelationViews>[1], 'enterpriseId'>,
  page: { cursor?: string; limit?: number },
): Promise<CustomerPageDto> {
  const limit = page.limit ?? 50;
  const rows = await listRelationViews(platform.db, { enterpriseId: viewer.enterpriseId, ...filter }, decodeCursor(page.cursor), limit + 1);
  const { rows: shown, nextCursor } = splitPage(rows, limit);
  const tags = await listTagsOfCustomers(
    platform.db,
    shown.map((r) => r.id),
    viewer.id,
  );
  return { data: shown.map((r) => ({ ...presentCustomer(r), tags: tags.get(r.id) ?? [] })), nextCursor };
}

// ---------- consumer: enterprise contacts ----------

/** The members who follow the consumer, grouped by enterprise (shown apart from friends). */
export async function listEnterpriseContacts(platform: Platform, actor: ConsumerActor): Promise<EnterpriseContactGroupsDto> {
  const relations = await listActiveRelationsOfConsumer(platform.db, actor.id, LIST_CAP);
  const cards = await cardsOf(
    platform.db,
    relations.map((r) => r.member_id),
  );
  const groups = new Map<string, EnterpriseContactGroupsDto['data'][number]>();
  for (const relation of relations) {
    const card = cards.get(relation.member_id);
    if (!card) continue;
    let group = groups.get(relation.enterprise_id);
    if (!group) {
      group = {
        enterprise: {
          id: relation.enterprise_id,
          name: card.enterpriseName,
          shortName: card.enterpriseShortName,
          verified: card.enterpriseVerified,
        },
        contacts: [],
      };
      groups.set(relation.enterprise_id, group);
    }
    group.contacts.push({ card, addedAt: Number(relation.added_at) });
  }
  return { data: [...groups.values()] };
}

/**
 * The consumer deletes or blocks a member: the relationship becomes lost (流失) with the time, the
 * member is told, and the member's pending requests close. Blocking also refuses the member's later
 * requests; after a delete the member may ask again. Blocking a deleted contact upgrades it.
 */
export async function removeEnterpriseContact(
  platform: Platform,
  actor: ConsumerActor,
  memberId: string,
  reason: 'deleted' | 'blocked',
): Promise<{ ok: true }> {
  return platform.transaction(async (uow) => {
    const { tx } = uow;
    const first = await findRelationByPair(tx, memberId, actor.id);
    if (!first) throw notFound('CUSTOMER_NOT_FOUND', 'Contact');
    await lockEnterprise(tx, first.enterprise_id);
    const relation = await findRelationByPair(tx, memberId, actor.id);
    if (!relation) throw notFound('CUSTOMER_NOT_FOUND', 'Contact');
    const wasActive = relation.status === 'active';
    const upgrade = relation.lost_reason === 'deleted' && reason === 'blocked';
    if (!wasActive && !upgrade) return { ok: true as const };

    const now = Date.now();
    await updateRelationRow(tx, relation.id, {
      status: 'lost',
      lost_reason: reason,
      ...(wasActive && { lost_at: now }),
      updated_at: now,
    });
    await declinePendingRequests(tx, memberId, actor.id, now);
    // the member's later sends fail with CUSTOMER_LOST and nothing reaches the consumer
    if (wasActive && relation.conversation_id) await closeConversation(platform, uow, relation.conversation_id, 'CUSTOMER_LOST', now);
    await recordEvent(
      tx,
      {
        type: CUSTOMER_DOMAIN_EVENTS.lost,
        enterpriseId: relation.enterprise_id,
        aggregateId: relation.id,
        actor: actorRef(actor),
        payload: { customerId: relation.id, memberId, consumerId: actor.id, reason },
      },
      now,
    );
    if (wasActive) {
      const customer = await customerView(tx, relation.enterprise_id, relation.id);
      await appendUserEvent(uow, platform.bus, [principalKey('member', memberId)], CUSTOMER_USER_EVENTS.customerLost, customer, now);
      await appendUserEvent(
        uow,
        platform.bus,
        [principalKey('consumer', actor.id)],
        CUSTOMER_USER_EVENTS.contactRemoved,
        { memberId },
        now,
      );
    }
    return { ok: true as const };
  });
}

// ---------- for other modules (chat, welcome messages) ----------

/**
 * Throws unless the member may reach the consumer: CUSTOMER_LOST when the consumer deleted or
 * blocked them, CUSTOMER_NOT_FOUND when they never were connected. Chat calls this before a send.
 */
export async function assertMemberCanReach(db: Executor, memberId: string, consumerId: string): Promise<RelationRow> {
  const relation = await findRelationByPair(db, memberId, consumerId);
  if (!relation) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  if (relation.status !== 'active') {
    throw new AppError('CUSTOMER_LOST', 'This customer has deleted or blocked you', { reason: relation.lost_reason });
  }
  return relation;
}

// ---------- for contact ways ----------

/**
 * Why the member cannot take the consumer now — the gate's or capacity's code — or null. Contact ways
 * skip such a member in rotation; read under the enterprise lock when it guards an add.
 */
export async function addRefusal(db: Executor, enterpriseId: string, memberId: string, consumerId: string): Promise<ErrorCode | null> {
  const subjects = await gateSubjects(db, enterpriseId, memberId);
  if (!subjects) return 'MEMBER_NOT_FOUND';
  try {
    assertCanContact(subjects.enterprise, subjects.member);
    assertCapacity(subjects.enterprise, await capacityCounts(db, enterpriseId, memberId, consumerId));
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return null;
}

/** The member's active relation with the consumer, if any. */
export async function findActiveCustomerId(db: Executor, memberId: string, consumerId: string): Promise<string | undefined> {
  const relation = await findRelationByPair(db, memberId, consumerId);
  return relation?.status === 'active' ? relation.id : undefined;
}

/**
 * A consumer is added through a contact way (add source `contact_way`), in the caller's transaction, which
 * holds the enterprise lock: the gate and capacity are checked again (invariants), the relationship is
 * created or restored with the way's id, `state` and remark, and the way's welcome message rides on the
 * welcome job. An active relationship answers as it is (`created` false).
 */
export async function addCustomerThroughContactWay(
  platform: Platform,
  uow: UnitOfWork,
  input: {
    enterpriseId: string;
    memberId: string;
    consumerId: string;
    contactWayId: string;
    state: string;
    remark: string;
    welcome: WelcomeContent | null;
    actor: { kind: string; id: string };
    now: number;
  },
): Promise<{ customerId: string; created: boolean }> {
  const { tx } = uow;
  const existing = await findRelationByPair(tx, input.memberId, input.consumerId);
  if (existing?.status === 'active') return { customerId: existing.id, created: false };
  const subjects = await gateSubjects(tx, input.enterpriseId, input.memberId);
  if (!subjects) throw notFound('MEMBER_NOT_FOUND', 'Member');
  assertCanContact(subjects.enterprise, subjects.member);
  assertCapacity(subjects.enterprise, await capacityCounts(tx, input.enterpriseId, input.memberId, input.consumerId));
  const { now } = input;
  const relation = await addRelation(platform, uow, {
    existing,
    enterpriseId: input.enterpriseId,
    memberId: input.memberId,
    consumerId: input.consumerId,
    addSource: 'contact_way',
    initiatorMemberId: input.memberId,
    contactWayId: input.contactWayId,
    state: input.state || null,
    welcome: input.welcome,
    actor: input.actor,
    now,
  });
  if (input.remark) await updateRelationRow(tx, relation.id, { remark: input.remark });
  const contact = await contactOf(tx, relation);
  const customer = await customerView(tx, input.enterpriseId, relation.id);
  await appendUserEvent(uow, platform.bus, [principalKey('member', input.memberId)], CUSTOMER_USER_EVENTS.customerAdded, customer, now);
  await appendUserEvent(uow, platform.bus, [principalKey('consumer', input.consumerId)], CUSTOMER_USER_EVENTS.contactAdded, contact, now);
  return { customerId: relation.id, created: true };
}
