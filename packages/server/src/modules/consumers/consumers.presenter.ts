import type { ConsumerDto } from '@rapport/shared';
import type { ConsumerRow } from './consumers.repository.js';

export const presentConsumer = (row: ConsumerRow): ConsumerDto => ({
  id: row.id,
  account: row.account,
  phone: row.phone,
  nickname: row.nickname,
  avatarUrl: row.avatar_url,
  createdAt: Number(row.created_at),
});
