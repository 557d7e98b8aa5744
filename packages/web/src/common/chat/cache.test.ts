import type { ChatMessageDto, ConversationDto } from '@rapport/shared';
import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChatEvent, type ConversationPages, chatKeys } from './cache';
import type { ChatMe, MessageWindow } from './merge';
import { outbox } from './outbox';

const me: ChatMe = { as: 'consumer', id: 'me' };
const peer = { kind: 'consumer' as const, id: 'friend' };

const msg = (seq: number, from: 'me' | 'peer', extra: Partial<ChatMessageDto> = {}): ChatMessageDto => ({
  id: `id${seq}`,
  conversationId: 'c1',
  seq,
  sender: from === 'me' ? { kind: 'consumer', id: 'me' } : peer,
  clientId: `client-${seq}`,
  kind: 'text',
  body: { text: `hello ${seq}` },
  quoteSeq: null,
  recalledAt: null,
  createdAt: 1_000 * seq,
  ...extra,
});

const conversation = (id: string, lastSeq: number, lastMessageAt: number): ConversationDto => ({
  id,
  kind: 'friend',
  enterpriseId: null,
  status: 'open',
  closedReason: null,
  lastSeq,
  lastMessageAt,
  lastMessage: null,
  readSeq: lastSeq,
  unread: 0,
  peers: [{ ...peer, name: 'Friend', avatarUrl: null, readSeq: 0 }],
  createdAt: 0,
});

const created = (m: ChatMessageDto) => ({ type: 'message.created', data: m });
const list = (client: QueryClient) =>
  client.getQueryData<ConversationPages>(chatKeys.conversations('consumer'))?.pages.flatMap((p) => p.data) ?? [];
const window = (client: QueryClient) => client.getQueryData<MessageWindow>(chatKeys.messages('consumer', 'c1'));

describe('applyChatEvent', () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
    client.setQueryData<ConversationPages>(chatKeys.conversations('consumer'), {
      pages: [{ data: [conversation('c0', 5, 50_000), conversation('c1', 2, 2_000)], nextCursor: null }],
      pageParams: [undefined],
    });
    client.setQueryData<MessageWindow>(chatKeys.messages('consumer', 'c1'), { messages: [msg(1, 'peer'), msg(2, 'me')], hasOlder: false });
  });

  it('a new message joins the window once, moves its conversation to the top and counts unread once', () => {
    applyChatEvent(client, me, created(msg(3, 'peer', { createdAt: 60_000 })));
    applyChatEvent(client, me, created(msg(3, 'peer', { createdAt: 60_000 })));
    expect(window(client)?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(list(client).map((c) => [c.id, c.unread, c.lastSeq])).toEqual([
      ['c1', 1, 3],
      ['c0', 0, 5],
    ]);
  });

  it('a recall replaces the body in the window and the preview, and a replayed create does not undo it', () => {
    applyChatEvent(client, me, created(msg(3, 'peer')));
    applyChatEvent(client, me, { type: 'message.recalled', data: msg(3, 'peer', { body: null, recalledAt: 9 }) });
    applyChatEvent(client, me, created(msg(3, 'peer')));
    expect(window(client)?.messages[2]?.recalledAt).toBe(9);
    expect(list(client).find((c) => c.id === 'c1')?.lastMessage?.recalledAt).toBe(9);
  });

  it('my own stored message settles its outbox entry (matched by clientId)', () => {
    outbox.put(me, {
      clientId: 'x1',
      conversationId: 'c1',
      kind: 'text',
      body: { text: 'hi' },
      quoteSeq: null,
      createdAt: 1,
      state: 'failed',
    });
    applyChatEvent(client, me, created(msg(3, 'me', { clientId: 'x1' })));
    expect(outbox.list(me, 'c1')).toEqual([]);
  });

  it('read receipts: the peer’s moves their mark, mine clears my unread count', () => {
    applyChatEvent(client, me, created(msg(3, 'peer')));
    applyChatEvent(client, me, { type: 'conversation.read', data: { conversationId: 'c1', reader: peer, seq: 2 } });
    applyChatEvent(client, me, {
      type: 'conversation.read',
      data: { conversationId: 'c1', reader: { kind: 'consumer', id: 'me' }, seq: 3 },
    });
    const c1 = list(client).find((c) => c.id === 'c1');
    expect([c1?.peers[0]?.readSeq, c1?.readSeq, c1?.unread]).toEqual([2, 3, 0]);
  });

  it('closing and reopening change the status in place', () => {
    applyChatEvent(client, me, { type: 'conversation.closed', data: { conversationId: 'c1', reason: 'CUSTOMER_LOST' } });
    expect(list(client).find((c) => c.id === 'c1')).toMatchObject({ status: 'closed', closedReason: 'CUSTOMER_LOST' });
    applyChatEvent(client, me, { type: 'conversation.reopened', data: { conversationId: 'c1' } });
    expect(list(client).find((c) => c.id === 'c1')).toMatchObject({ status: 'open', closedReason: null });
  });

  it('a message of a conversation the list does not hold refreshes the list', () => {
    const query = client.getQueryCache().find({ queryKey: chatKeys.conversations('consumer') });
    expect(query?.state.isInvalidated).toBe(false);
    applyChatEvent(client, me, created({ ...msg(1, 'peer'), conversationId: 'new' }));
    expect(query?.state.isInvalidated).toBe(true);
  });

  it('an old message replayed into a window with older pages unloaded stays out (no hole in the history)', () => {
    client.setQueryData<MessageWindow>(chatKeys.messages('consumer', 'c1'), { messages: [msg(51, 'peer'), msg(52, 'me')], hasOlder: true });
    applyChatEvent(client, me, created(msg(3, 'peer')));
    applyChatEvent(client, me, { type: 'message.recalled', data: msg(51, 'peer', { body: null, recalledAt: 9 }) });
    expect(window(client)?.messages.map((m) => [m.seq, m.recalledAt])).toEqual([
      [51, 9],
      [52, null],
    ]);
  });

  it('ignores events that are not about chat', () => {
    const before = client.getQueryData(chatKeys.conversations('consumer'));
    applyChatEvent(client, me, { type: 'consumer.updated', data: { id: 'me' } });
    expect(client.getQueryData(chatKeys.conversations('consumer'))).toBe(before);
  });
});
