import { type ConsumerDto, USER_EVENTS } from '@rapport/shared';
import type { ConsumerActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { appendUserEvent, principalKey } from '../../platform/realtime/user-events.js';
import { presentConsumer } from './consumers.presenter.js';
import { findConsumer, updateConsumerRow } from './consumers.repository.js';

export async function getConsumerOrThrow(platform: Platform, actor: ConsumerActor): Promise<ConsumerDto> {
  const row = await findConsumer(platform.db, actor.id);
  if (!row) throw new AppError('CONSUMER_NOT_FOUND', 'Consumer not found');
  return presentConsumer(row);
}

/** A consumer edits their own profile (nickname, avatar); their other devices hear of it. */
export async function updateConsumerProfile(
  platform: Platform,
  actor: ConsumerActor,
  input: { nickname?: string; avatarUrl?: string | null },
): Promise<ConsumerDto> {
  return platform.transaction(async (uow) => {
    const now = Date.now();
    await updateConsumerRow(uow.tx, actor.id, {
      ...(input.nickname !== undefined && { nickname: input.nickname.trim() }),
      ...(input.avatarUrl !== undefined && { avatar_url: input.avatarUrl }),
      updated_at: now,
    });
    const row = await findConsumer(uow.tx, actor.id);
    if (!row) throw new AppError('CONSUMER_NOT_FOUND', 'Consumer not found');
    const dto = presentConsumer(row);
    await appendUserEvent(uow, platform.bus, [principalKey('consumer', actor.id)], USER_EVENTS.consumerUpdated, dto, now);
    return dto;
  });
}
