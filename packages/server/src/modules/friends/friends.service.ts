import { type CreateFriendRequestInput, type FriendDto, type FriendRequestDto, USER_EVENTS } from '@rapport/shared';
import type { ConsumerActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { UnitOfWork } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { openConversation } from '../chat/index.js';
import { findConsumerByLogin } from '../consumers/index.js';
import { presentFriendRequest } from './friends.presenter.js';
import {
  decideFriendRequest,
  type FriendRequestRow,
  findConsumerSummaries,
  findFriendRequest,
  findFriendship,
  findPendingRequest,
  insertFriendRequest,
  insertFriendship,
  listFriendshipsOf,
  listPendingRequests,
  orderedPair,
} from './friends.repository.js';

const requestNotFound = () => new AppError('FRIEND_REQUEST_NOT_FOUND', 'Friend request not found');

async function present(db: Executor, rows: FriendRequestRow[], conversationId: string | null = null) {
  const people = await findConsumerSummaries(db, [...new Set(rows.flatMap((r) => [r.from_consumer_id, r.to_consumer_id]))]);
  return rows.map((row) => presentFriendRequest(row, people, conversationId));
}

/** Tells both consumers (all their devices) about a request. */
async function notifyBoth(platform: Platform, uow: UnitOfWork, dto: FriendRequestDto, type: string, now: number) {
  await appendUserEvent(uow, platform.bus, [principalKey('consumer', dto.from.id), principalKey('consumer', dto.to.id)], type, dto, now);
}

/**
 * A consumer asks another (found by account or phone) to be friends. Asking again returns the
 * pending request; when the other has already asked, this accepts their request.
 */
export async function sendFriendRequest(
  platform: Platform,
  actor: ConsumerActor,
  input: CreateFriendRequestInput,
): Promise<{ request: FriendRequestDto; created: boolean }> {
  const now = Date.now();
  const target = await findConsumerByLogin(platform.db, input.to.trim());
  if (!target || target.status !== 'active') throw new AppError('CONSUMER_NOT_FOUND', 'No user with this account or phone number');
  if (target.id === actor.id) throw new AppError('CANNOT_ADD_SELF', 'You cannot add yourself');
  const reverse = await findPendingRequest(platform.db, target.id, actor.id);
  if (reverse) return { request: await acceptFriendRequest(platform, actor, reverse.id), created: false };
  return platform.transaction(async (uow) => {
    if (await findFriendship(uow.tx, actor.id, target.id)) throw new AppError('ALREADY_FRIENDS', 'You are already friends');
    const pending = await findPendingRequest(uow.tx, actor.id, target.id);
    if (pending) return { request: (await present(uow.tx, [pending]))[0], created: false };
    const row: FriendRequestRow = {
      id: newId(now),
      from_consumer_id: actor.id,
      to_consumer_id: target.id,
      message: input.message?.trim() || null,
      status: 'pending',
      created_at: now,
      decided_at: null,
    };
    await insertFriendRequest(uow.tx, row);
    const [dto] = await present(uow.tx, [row]);
    await notifyBoth(platform, uow, dto, USER_EVENTS.friendRequested, now);
    return { request: dto, created: true };
  });
}

/** The recipient accepts: the friendship and its conversation are created in the same transaction. */
export async function acceptFriendRequest(platform: Platform, actor: ConsumerActor, id: string): Promise<FriendRequestDto> {
  const now = Date.now();
  return platform.transaction(async (uow) => {
    const row = await findFriendRequest(uow.tx, id);
    if (!row || row.to_consumer_id !== actor.id) throw requestNotFound();
    if (row.status === 'declined') throw new AppError('CONFLICT', 'This request was declined; ask them to send a new one');
    const participants = [principalKey('consumer', row.from_consumer_id), principalKey('consumer', row.to_consumer_id)];
    const { id: conversationId } = await openConversation(
      uow,
      { kind: 'friend', enterpriseId: null, participants, hasConsumer: true },
      now,
    );
    if (row.status === 'accepted') return (await present(uow.tx, [row], conversationId))[0];
    if (!(await decideFriendRequest(uow.tx, id, 'accepted', now))) throw new AppError('CONFLICT', 'This request was just decided');
    const [a, b] = orderedPair(row.from_consumer_id, row.to_consumer_id);
    await insertFriendship(uow.tx, { consumer_a: a, consumer_b: b, conversation_id: conversationId, created_at: now });
    const [dto] = await present(uow.tx, [{ ...row, status: 'accepted', decided_at: now }], conversationId);
    await notifyBoth(platform, uow, dto, USER_EVENTS.friendAccepted, now);
    return dto;
  });
}

/** The recipient declines; the sender is not told (as in WeChat). */
export async function declineFriendRequest(platform: Platform, actor: ConsumerActor, id: string): Promise<FriendRequestDto> {
  const now = Date.now();
  return platform.transaction(async (uow) => {
    const row = await findFriendRequest(uow.tx, id);
    if (!row || row.to_consumer_id !== actor.id) throw requestNotFound();
    if (row.status === 'accepted') throw new AppError('CONFLICT', 'This request was already accepted');
    if (row.status === 'pending') await decideFriendRequest(uow.tx, id, 'declined', now);
    return (await present(uow.tx, [{ ...row, status: 'declined', decided_at: row.decided_at ?? now }]))[0];
  });
}

/** My pending requests, both ways. */
export async function listFriendRequests(platform: Platform, actor: ConsumerActor) {
  const [incoming, outgoing] = await Promise.all([
    listPendingRequests(platform.db, actor.id, 'incoming'),
    listPendingRequests(platform.db, actor.id, 'outgoing'),
  ]);
  const all = await present(platform.db, [...incoming, ...outgoing]);
  return { incoming: all.slice(0, incoming.length), outgoing: all.slice(incoming.length) };
}

export async function listFriends(platform: Platform, actor: ConsumerActor): Promise<{ data: FriendDto[] }> {
  const rows = await listFriendshipsOf(platform.db, actor.id);
  const others = rows.map((r) => (r.consumer_a === actor.id ? r.consumer_b : r.consumer_a));
  const people = await findConsumerSummaries(platform.db, others);
  return {
    data: rows.map((r, i) => ({
      consumer: people.get(others[i]) ?? { id: others[i], nickname: '', avatarUrl: null },
      conversationId: r.conversation_id,
      since: Number(r.created_at),
    })),
  };
}
