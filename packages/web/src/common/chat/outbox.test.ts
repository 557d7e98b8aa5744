import { describe, expect, it } from 'vitest';
import type { ChatMe, OutboxEntry } from './merge';
import { Outbox } from './outbox';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

const me: ChatMe = { as: 'consumer', id: 'c1' };
const entry = (clientId: string, extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientId,
  conversationId: 'conv',
  kind: 'text',
  body: { text: clientId },
  quoteSeq: null,
  createdAt: Date.now(),
  state: 'pending',
  ...extra,
});

describe('Outbox', () => {
  it('keeps one entry per clientId and gives the same list until it changes', () => {
    const box = new Outbox(undefined);
    box.put(me, entry('a'));
    box.put(me, entry('a', { state: 'failed' }));
    const list = box.list(me, 'conv');
    expect(list.map((e) => [e.clientId, e.state])).toEqual([['a', 'failed']]);
    expect(box.list(me, 'conv')).toBe(list);
    box.remove(me, 'conv', 'a');
    expect(box.list(me, 'conv')).toEqual([]);
  });

  it('survives a reload: what was in flight comes back as a network failure to resend, with the same clientId', () => {
    const storage = new MemoryStorage();
    const before = new Outbox(storage);
    before.put(me, entry('in-flight'));
    before.put(
      me,
      entry('refused', {
        state: 'failed',
        retryable: false,
        error: { status: 409, code: 'CONVERSATION_CLOSED', message: 'closed', stack: 'x' },
      }),
    );
    const after = new Outbox(storage);
    expect(after.all(me).map((e) => [e.clientId, e.state, e.retryable])).toEqual([
      ['in-flight', 'failed', true],
      ['refused', 'failed', false],
    ]);
    expect(after.all(me)[1]?.error).toEqual({ status: 409, code: 'CONVERSATION_CLOSED', message: 'closed' });
    // Another principal on the same device sees none of it.
    expect(after.all({ as: 'consumer', id: 'someone-else' })).toEqual([]);
  });

  it('forgets entries once sent, and week-old ones on load', () => {
    const storage = new MemoryStorage();
    const box = new Outbox(storage);
    box.put(me, entry('old', { createdAt: Date.now() - 8 * 24 * 3600 * 1000 }));
    box.put(me, entry('sent'));
    box.remove(me, 'conv', 'sent');
    expect(new Outbox(storage).all(me)).toEqual([]);
    box.remove(me, 'conv', 'old');
    expect(storage.items.size).toBe(0);
  });
});
