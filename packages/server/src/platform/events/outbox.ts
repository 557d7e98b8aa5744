import type { Executor } from '../db/database.js';
import { newId } from '../ids.js';

export interface DomainEvent {
  type: string;
  enterpriseId: string | null;
  aggregateId: string;
  actor?: { kind: string; id: string } | null;
  payload: unknown;
}

/**
 * Writes a domain event to the outbox (which doubles as the audit log) inside the caller's
 * transaction. Listeners that must not be lost are jobs enqueued in the same transaction.
 */
export async function recordEvent(tx: Executor, event: DomainEvent, now = Date.now()): Promise<string> {
  const id = newId(now);
  await tx
    .insertInto('events')
    .values({
      id,
      enterprise_id: event.enterpriseId,
      type: event.type,
      aggregate_id: event.aggregateId,
      actor_kind: event.actor?.kind ?? null,
      actor_id: event.actor?.id ?? null,
      payload: JSON.stringify(event.payload ?? null),
      created_at: now,
    })
    .execute();
  return id;
}
