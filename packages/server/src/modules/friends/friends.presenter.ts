import type { ConsumerSummaryDto, FriendRequestDto } from '@rapport/shared';
import type { FriendRequestRow } from './friends.repository.js';

const unknownConsumer = (id: string): ConsumerSummaryDto => ({ id, nickname: '', avatarUrl: null });

export const presentFriendRequest = (
  row: FriendRequestRow,
  people: Map<string, ConsumerSummaryDto>,
  conversationId: string | null = null,
): FriendRequestDto => ({
  id: row.id,
  from: people.get(row.from_consumer_id) ?? unknownConsumer(row.from_consumer_id),
  to: people.get(row.to_consumer_id) ?? unknownConsumer(row.to_consumer_id),
  message: row.message,
  status: row.status,
  createdAt: Number(row.created_at),
  decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  conversationId,
});
