import type { ServerFrame } from '@rapport/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, openChat, signUpConsumer, signUpEnterprise, textMessage, unique } from '../../../test/factories.js';
import { createTestApp, engines } from '../../../test/harness.js';
import type { RapportApp } from '../../app.js';
import { connectClient, type TestClient } from '../../platform/realtime/testing.js';
import { principalKey } from '../../platform/realtime/user-events.js';

type Frame<T extends ServerFrame['t']> = Extract<ServerFrame, { t: T }>;
const is =
  <T extends ServerFrame['t']>(t: T) =>
  (f: ServerFrame): f is Frame<T> =>
    f.t === t;
const reply = (id: string) => (f: ServerFrame) => (f.t === 'ack' || f.t === 'error') && f.id === id;
const messageEvent = (seq: number) => (f: ServerFrame) =>
  f.t === 'event' && f.type === 'message.created' && (f.data as { seq: number }).seq === seq;

for (const engine of engines()) {
  describe(`chat over WebSocket [${engine}]`, () => {
    let app: RapportApp;
    let close: () => Promise<void>;
    let base: string;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      const built = await createTestApp(engine, {}, { realtime: { maxFramesPerWindow: 10_000, maxBadFrames: 10_000 } });
      app = built.app;
      close = () => built.close();
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('not listening');
      base = `ws://127.0.0.1:${address.port}/api/v1/ws`;
    }, 60_000);
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await close?.();
    });

    const open = async (cookie: string, query = 'as=consumer') => {
      const client = await connectClient(`${base}?${query}`, { headers: { cookie } });
      clients.push(client);
      await client.waitFor(is('hello'));
      return client;
    };
    const command = async (client: TestClient, name: string, data: unknown) => {
      const id = unique('c');
      client.send({ t: 'cmd', id, name, data });
      return (await client.waitFor(reply(id))) as Frame<'ack'> | Frame<'error'>;
    };
    const pair = async () => {
      const a = await signUpConsumer(app);
      const b = await signUpConsumer(app);
      const conversationId = await openChat(app, [principalKey('consumer', a.id), principalKey('consumer', b.id)]);
      return { a, b, conversationId };
    };

    it('sends with message.send: ack after commit, the peer and the sender’s other device get message.created', async () => {
      const { a, b, conversationId } = await pair();
      const phone = await open(a.cookie);
      const laptop = await open(a.cookie);
      const peer = await open(b.cookie);
      const ack = await command(phone, 'message.send', { conversationId, ...textMessage('hi over ws 👋') });
      expect(ack.t).toBe('ack');
      const message = (ack as Frame<'ack'>).data as { seq: number; id: string };
      expect(message).toMatchObject({ conversationId, seq: 1, sender: { kind: 'consumer', id: a.id }, body: { text: 'hi over ws 👋' } });
      const row = await app.platform.db.selectFrom('messages').select('id').where('id', '=', message.id).executeTakeFirst();
      expect(row).toBeDefined();
      for (const client of [peer, laptop, phone]) {
        const event = await client.waitFor(messageEvent(1));
        expect((event as Frame<'event'>).data).toEqual(message);
      }
    });

    it('keeps the order of pipelined sends from one socket: acks and seqs follow the send order', async () => {
      const { a, b, conversationId } = await pair();
      const sender = await open(a.cookie);
      const peer = await open(b.cookie);
      const ids = Array.from({ length: 20 }, (_, i) => `p${i}-${unique('x')}`);
      ids.forEach((id, i) => {
        sender.send({ t: 'cmd', id, name: 'message.send', data: { conversationId, ...textMessage(`n${i}`) } });
      });
      await sender.waitFor(reply(ids[19]), 10_000);
      const acks = sender.frames.filter((f): f is Frame<'ack'> => f.t === 'ack' && ids.includes(f.id));
      expect(acks.map((f) => f.id)).toEqual(ids);
      expect(acks.map((f) => (f.data as { seq: number; body: { text: string } }).body.text)).toEqual(ids.map((_, i) => `n${i}`));
      expect(acks.map((f) => (f.data as { seq: number }).seq)).toEqual(ids.map((_, i) => i + 1));
      await peer.waitFor(messageEvent(20));
      const seen = peer
        .events()
        .filter((e) => e.type === 'message.created')
        .map((e) => (e.data as { seq: number }).seq);
      expect(seen).toEqual(ids.map((_, i) => i + 1));
    });

    it('carries a member ↔ customer conversation both ways (member socket as=member)', async () => {
      const ent = await signUpEnterprise(app);
      const guide = await createMember(app, ent, { name: 'Guide Wang' }, { signIn: true });
      const customer = await signUpConsumer(app, { nickname: 'Lin' });
      const conversationId = await openChat(app, [principalKey('member', guide.id), principalKey('consumer', customer.id)], {
        kind: 'customer',
        enterpriseId: ent.enterpriseId,
      });
      const member = await open(guide.cookie, 'as=member');
      const consumer = await open(customer.cookie);
      expect(await command(member, 'message.send', { conversationId, ...textMessage('Welcome to our store') })).toMatchObject({
        t: 'ack',
        data: { seq: 1, sender: { kind: 'member', id: guide.id } },
      });
      await consumer.waitFor(messageEvent(1));
      expect(await command(consumer, 'message.send', { conversationId, ...textMessage('Thanks!'), quoteSeq: 1 })).toMatchObject({
        t: 'ack',
        data: { seq: 2, quoteSeq: 1 },
      });
      const back = (await member.waitFor(messageEvent(2))) as Frame<'event'>;
      expect(back.data).toMatchObject({ sender: { kind: 'consumer', id: customer.id }, body: { text: 'Thanks!' } });
      // another enterprise's admin cannot reach it
      const other = await signUpEnterprise(app);
      const intruder = await open(other.cookie, 'as=member');
      expect(await command(intruder, 'message.send', { conversationId, ...textMessage('hi') })).toMatchObject({
        t: 'error',
        error: { code: 'CONVERSATION_NOT_FOUND' },
      });
    });

    it('acks a resend with the same clientId with the original, delivering once', async () => {
      const { a, b, conversationId } = await pair();
      const sender = await open(a.cookie);
      const peer = await open(b.cookie);
      const data = { conversationId, ...textMessage('once') };
      const first = (await command(sender, 'message.send', data)) as Frame<'ack'>;
      const again = (await command(sender, 'message.send', data)) as Frame<'ack'>;
      expect(again.t).toBe('ack');
      expect(again.data).toEqual(first.data);
      await peer.waitFor(messageEvent(1));
      await new Promise((r) => setTimeout(r, 50));
      expect(peer.events().filter((e) => e.type === 'message.created')).toHaveLength(1);
    });

    it('runs conversation.read and message.recall, and tells the peer', async () => {
      const { a, b, conversationId } = await pair();
      const sender = await open(a.cookie);
      const peer = await open(b.cookie);
      await command(sender, 'message.send', { conversationId, ...textMessage('oops') });
      const read = (await command(peer, 'conversation.read', { conversationId, seq: 1 })) as Frame<'ack'>;
      expect(read).toMatchObject({ t: 'ack', data: { conversationId, reader: { kind: 'consumer', id: b.id }, seq: 1 } });
      await sender.waitFor((f) => f.t === 'event' && f.type === 'conversation.read');
      const recall = (await command(sender, 'message.recall', { conversationId, seq: 1 })) as Frame<'ack'>;
      expect(recall).toMatchObject({ t: 'ack', data: { seq: 1, body: null } });
      const recalled = await peer.waitFor((f) => f.t === 'event' && f.type === 'message.recalled');
      expect((recalled as Frame<'event'>).data).toMatchObject({ seq: 1, body: null });
    });

    it('answers refused commands with coded error frames and keeps the socket open', async () => {
      const { a, conversationId } = await pair();
      const stranger = await signUpConsumer(app);
      const client = await open(stranger.cookie);
      const cases: Array<[string, unknown, string]> = [
        ['message.send', { conversationId, ...textMessage('intrude') }, 'CONVERSATION_NOT_FOUND'],
        ['message.send', { conversationId, clientId: 'x', kind: 'text', body: { text: '' } }, 'VALIDATION_FAILED'],
        ['message.send', { conversationId, clientId: 'x', kind: 'text', body: { text: 'hi' }, extra: 1 }, 'VALIDATION_FAILED'],
        ['message.send', null, 'VALIDATION_FAILED'],
        ['conversation.read', { conversationId, seq: 1 }, 'CONVERSATION_NOT_FOUND'],
        ['message.recall', { conversationId, seq: 1 }, 'CONVERSATION_NOT_FOUND'],
        ['message.explode', {}, 'UNKNOWN_COMMAND'],
      ];
      for (const [name, data, code] of cases) {
        const answer = await command(client, name, data);
        expect(answer, name).toMatchObject({ t: 'error', error: { code } });
      }
      client.send({ t: 'cmd', name: 'message.send', data: {} }); // no id
      await client.waitFor((f) => f.t === 'error' && f.id === undefined);
      const mine = await open(a.cookie);
      expect(await command(mine, 'message.send', { conversationId, ...textMessage('still fine') })).toMatchObject({ t: 'ack' });
      const count = await app.platform.db.selectFrom('messages').select('seq').where('conversation_id', '=', conversationId).execute();
      expect(count).toHaveLength(1);
      expect(client.socket.readyState).toBe(1);
    });

    it('lets a reconnecting client fetch exactly the messages it missed while offline', async () => {
      const { a, b, conversationId } = await pair();
      const sender = await open(a.cookie);
      let peer = await open(b.cookie);
      for (let i = 1; i <= 3; i++) await command(sender, 'message.send', { conversationId, ...textMessage(`m${i}`) });
      await peer.waitFor(messageEvent(3));
      const lastSeen = 3;
      const streamSeq = Math.max(...peer.events().map((e) => e.seq));
      await peer.close();
      for (let i = 4; i <= 8; i++) await command(sender, 'message.send', { conversationId, ...textMessage(`m${i}`) });
      // per-conversation sync over REST…
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}/messages?as=consumer&after=${lastSeen}`,
        headers: { cookie: b.cookie },
      });
      expect(res.json().data.map((m: { seq: number; body: { text: string } }) => [m.seq, m.body.text])).toEqual([
        [4, 'm4'],
        [5, 'm5'],
        [6, 'm6'],
        [7, 'm7'],
        [8, 'm8'],
      ]);
      // …and the user stream replays the same messages once, in order
      peer = await connectClient(`${base}?as=consumer&after=${streamSeq}`, { headers: { cookie: b.cookie } });
      clients.push(peer);
      await peer.waitFor(is('synced'));
      const replayed = peer
        .events()
        .filter((e) => e.type === 'message.created')
        .map((e) => (e.data as { seq: number }).seq);
      expect(replayed).toEqual([4, 5, 6, 7, 8]);
    });

    it('survives generated command payloads: every command is answered, never INTERNAL, the socket stays up', async () => {
      const { a, conversationId } = await pair();
      const client = await open(a.cookie);
      const data = fc.oneof(
        fc.record(
          {
            conversationId: fc.oneof(fc.constant(conversationId), fc.string({ maxLength: 50 })),
            clientId: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
            kind: fc.oneof(fc.constantFrom('text', 'image', 'file', 'voice', 'link', 'location', 'card'), fc.string()),
            body: fc.oneof(
              fc.record({ text: fc.string({ unit: 'binary', maxLength: 100 }) }),
              fc.record({ lat: fc.double(), lng: fc.double() }, { requiredKeys: [] }),
              fc.anything(),
            ),
            quoteSeq: fc.oneof(fc.integer(), fc.double()),
            seq: fc.oneof(fc.integer(), fc.string()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      );
      const name = fc.constantFrom('message.send', 'conversation.read', 'message.recall', 'nope');
      await fc.assert(
        fc.asyncProperty(name, data, async (n, d) => {
          const answer = await command(client, n, d);
          if (answer.t === 'error') expect(answer.error.code).not.toBe('INTERNAL');
        }),
        { numRuns: 150 },
      );
      expect(client.socket.readyState).toBe(1);
      expect(await command(client, 'message.send', { conversationId, ...textMessage('alive') })).toMatchObject({ t: 'ack' });
    });
  });
}
