import type { ChatMessageDto, ConversationDto } from '@rapport/shared';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize } from './describe';
import {
  type ChatMe,
  canRecall,
  lastReadByPeers,
  mergeMessages,
  needsTimeSeparator,
  type OutboxEntry,
  sortConversations,
  timeline,
  withMessage,
  withRead,
} from './merge';

const me: ChatMe = { as: 'consumer', id: 'me' };
const peer = { kind: 'member' as const, id: 'm1' };

const msg = (seq: number, from: 'me' | 'peer' = 'peer', extra: Partial<ChatMessageDto> = {}): ChatMessageDto => ({
  id: `id${seq}`,
  conversationId: 'c1',
  seq,
  sender: from === 'me' ? { kind: 'consumer', id: 'me' } : peer,
  clientId: `client-${from}-${seq}`,
  kind: 'text',
  body: { text: `hello ${seq}` },
  quoteSeq: null,
  recalledAt: null,
  createdAt: 1_000 * seq,
  ...extra,
});

const conversation = (extra: Partial<ConversationDto> = {}): ConversationDto => ({
  id: 'c1',
  kind: 'customer',
  enterpriseId: 'e1',
  status: 'open',
  closedReason: null,
  lastSeq: 3,
  lastMessageAt: 3_000,
  lastMessage: msg(3),
  readSeq: 1,
  unread: 2,
  peers: [{ ...peer, name: 'Guide', avatarUrl: null, readSeq: 0 }],
  createdAt: 0,
  ...extra,
});

const pending = (clientId: string, createdAt: number, state: OutboxEntry['state'] = 'pending'): OutboxEntry => ({
  clientId,
  conversationId: 'c1',
  kind: 'text',
  body: { text: clientId },
  quoteSeq: null,
  createdAt,
  state,
});

describe('mergeMessages', () => {
  it('orders by seq and drops duplicates, whatever the arrival order', () => {
    const merged = mergeMessages([msg(2), msg(5)], [msg(4), msg(2), msg(1), msg(5), msg(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('returns the same array when nothing is new (no re-render)', () => {
    const window = [msg(1), msg(2)];
    expect(mergeMessages(window, [msg(2), msg(1)])).toBe(window);
  });

  it('keeps a recall even when an older copy is replayed after it', () => {
    const recalled = msg(2, 'me', { body: null, recalledAt: 9_000 });
    const afterRecall = mergeMessages([msg(1), msg(2, 'me')], [recalled]);
    expect(afterRecall[1]?.recalledAt).toBe(9_000);
    const replayed = mergeMessages(afterRecall, [msg(2, 'me')]);
    expect(replayed[1]?.body).toBeNull();
  });
});

describe('timeline', () => {
  it('appends my waiting messages after the stored ones, oldest first', () => {
    const items = timeline([msg(1), msg(2)], [pending('b', 20), pending('a', 10, 'failed')], me);
    expect(items.map((i) => [i.message.seq, i.state, i.message.clientId])).toEqual([
      [1, 'sent', 'client-peer-1'],
      [2, 'sent', 'client-peer-2'],
      [0, 'failed', 'a'],
      [0, 'pending', 'b'],
    ]);
  });

  it('hides an outbox entry once its stored copy (same clientId) is there, keeping the bubble key', () => {
    const before = timeline([msg(1)], [pending('x', 5)], me);
    const stored = msg(2, 'me', { clientId: 'x' });
    const after = timeline([msg(1), stored], [pending('x', 5)], me);
    expect(after).toHaveLength(2);
    expect(after[1]?.state).toBe('sent');
    expect(after[1]?.key).toBe(before[1]?.key);
  });

  it('does not match a peer’s message with the same clientId as mine', () => {
    const theirs = msg(2, 'peer', { clientId: 'x' });
    expect(timeline([theirs], [pending('x', 5)], me)).toHaveLength(2);
  });
});

describe('conversation updates', () => {
  it('a newer message from the peer moves the last message and counts unread, once', () => {
    const once = withMessage(conversation(), msg(4), me);
    expect([once.lastSeq, once.unread, once.lastMessageAt]).toEqual([4, 3, 4_000]);
    expect(withMessage(once, msg(4), me)).toBe(once);
  });

  it('my own message does not count as unread', () => {
    expect(withMessage(conversation(), msg(4, 'me'), me).unread).toBe(2);
  });

  it('a recall of the last message replaces the preview', () => {
    const recalled = msg(3, 'peer', { body: null, recalledAt: 5 });
    expect(withMessage(conversation(), recalled, me).lastMessage?.recalledAt).toBe(5);
  });

  it('my read receipt to the end clears unread; part-way it asks the server', () => {
    expect(withRead(conversation(), { conversationId: 'c1', reader: { kind: 'consumer', id: 'me' }, seq: 3 }, me)).toEqual({
      conversation: conversation({ readSeq: 3, unread: 0 }),
      exact: true,
    });
    expect(withRead(conversation(), { conversationId: 'c1', reader: { kind: 'consumer', id: 'me' }, seq: 2 }, me).exact).toBe(false);
  });

  it('a peer’s read receipt moves their position, never back', () => {
    const read = withRead(conversation(), { conversationId: 'c1', reader: peer, seq: 3 }, me).conversation;
    expect(read.peers[0]?.readSeq).toBe(3);
    expect(withRead(read, { conversationId: 'c1', reader: peer, seq: 2 }, me).conversation).toBe(read);
  });

  it('sorts by last activity, newest first, stable by id', () => {
    const list = [
      conversation({ id: 'a', lastMessageAt: 10 }),
      conversation({ id: 'b', lastMessageAt: null, createdAt: 30 }),
      conversation({ id: 'c', lastMessageAt: 20 }),
      conversation({ id: 'd', lastMessageAt: 20 }),
    ];
    expect(sortConversations(list).map((c) => c.id)).toEqual(['b', 'd', 'c', 'a']);
  });
});

describe('receipts, recall and separators', () => {
  it('the read mark sits on my last message the peer has read', () => {
    const messages = [msg(1, 'me'), msg(2, 'me'), msg(3), msg(4, 'me')];
    const c = conversation({ peers: [{ ...peer, name: 'Guide', avatarUrl: null, readSeq: 3 }] });
    expect(lastReadByPeers(c, messages, me)).toBe(2);
    expect(lastReadByPeers(conversation(), messages, me)).toBe(0);
  });

  it('recall: mine, stored, not recalled, within the window (2 minutes with a consumer)', () => {
    const windows = { withConsumer: 120_000, internal: 86_400_000 };
    const mine = msg(1, 'me', { createdAt: 0 });
    expect(canRecall(mine, conversation(), me, windows, 120_000)).toBe(true);
    expect(canRecall(mine, conversation(), me, windows, 120_001)).toBe(false);
    expect(canRecall(msg(1, 'peer', { createdAt: 0 }), conversation(), me, windows, 1)).toBe(false);
    expect(canRecall({ ...mine, seq: 0 }, conversation(), me, windows, 1)).toBe(false);
    const member: ChatMe = { as: 'member', id: 'm1' };
    const internal = conversation({ peers: [{ kind: 'member', id: 'm2', name: 'Colleague', avatarUrl: null, readSeq: 0 }] });
    expect(canRecall(msg(1, 'peer', { createdAt: 0 }), internal, member, windows, 3_600_000)).toBe(true);
  });

  it('a time separator after five minutes of quiet, and before the first message', () => {
    expect(needsTimeSeparator(undefined, msg(1))).toBe(true);
    expect(needsTimeSeparator(msg(1, 'peer', { createdAt: 0 }), msg(2, 'peer', { createdAt: 299_999 }))).toBe(false);
    expect(needsTimeSeparator(msg(1, 'peer', { createdAt: 0 }), msg(2, 'peer', { createdAt: 300_000 }))).toBe(true);
  });

  it('formats durations and sizes', () => {
    expect(formatDuration(12_000)).toBe('0:12');
    expect(formatDuration(75_400)).toBe('1:15');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
});
