import type { ServerFrame } from '@rapport/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpConsumer, signUpEnterprise, textMessage, unique } from '../../../test/factories.js';
import { createTestApp, engines } from '../../../test/harness.js';
import { type Call, caller } from '../../../test/http.js';
import type { RapportApp } from '../../app.js';
import { connectClient, type TestClient } from '../../platform/realtime/testing.js';
import { principalKey } from '../../platform/realtime/user-events.js';

type Frame<T extends ServerFrame['t']> = Extract<ServerFrame, { t: T }>;

for (const engine of engines()) {
  describe(`friends [${engine}]`, () => {
    let app: RapportApp;
    let close: () => Promise<void>;
    let base: string;
    const clients: TestClient[] = [];
    const call: Call = caller(() => app);

    beforeAll(async () => {
      const built = await createTestApp(engine);
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

    const eventsOf = (consumerId: string, type: string) =>
      app.platform.db
        .selectFrom('user_events')
        .selectAll()
        .where('principal', '=', principalKey('consumer', consumerId))
        .where('type', '=', type)
        .execute();

    it('requires a consumer session on every route', async () => {
      const ent = await signUpEnterprise(app);
      const routes: Array<['GET' | 'POST', string, unknown?]> = [
        ['POST', '/friend-requests', { to: 'someone' }],
        ['GET', '/friend-requests'],
        ['POST', '/friend-requests/abc/accept'],
        ['POST', '/friend-requests/abc/decline'],
        ['GET', '/friends'],
      ];
      for (const [method, url, payload] of routes) {
        for (const cookie of [undefined, ent.cookie]) {
          const res = await call(method, url, cookie, payload);
          expect(res.statusCode, `${method} ${url}`).toBe(401);
        }
      }
    });

    it('refuses yourself, unknown people and bad input with codes', async () => {
      const a = await signUpConsumer(app);
      expect((await call('POST', '/friend-requests', a.cookie, { to: a.account })).json().error.code).toBe('CANNOT_ADD_SELF');
      const unknown = await call('POST', '/friend-requests', a.cookie, { to: 'nobody-here' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('CONSUMER_NOT_FOUND');
      for (const payload of [{}, { to: '' }, { to: 'x', extra: 1 }, { to: 'x', message: 'a'.repeat(201) }]) {
        expect((await call('POST', '/friend-requests', a.cookie, payload)).statusCode).toBe(400);
      }
    });

    it('runs request → accept end to end, and the two friends chat over WebSockets both ways', async () => {
      const phone = `139${Math.floor(Math.random() * 1e8)
        .toString()
        .padStart(8, '0')}`;
      const a = await signUpConsumer(app, { nickname: 'Ann' });
      const b = await signUpConsumer(app, { nickname: 'Bo', phone });
      const socketA = await connectClient(`${base}?as=consumer`, { headers: { cookie: a.cookie } });
      const socketB = await connectClient(`${base}?as=consumer`, { headers: { cookie: b.cookie } });
      clients.push(socketA, socketB);

      // by phone, written with spaces
      const sent = await call('POST', '/friend-requests', a.cookie, {
        to: `${phone.slice(0, 3)} ${phone.slice(3)}`,
        message: 'Hi, Ann from the gym',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const request = sent.json();
      expect(request).toMatchObject({
        from: { id: a.id, nickname: 'Ann' },
        to: { id: b.id, nickname: 'Bo' },
        status: 'pending',
        message: 'Hi, Ann from the gym',
        conversationId: null,
      });
      expect(request.to).not.toHaveProperty('phone');
      // asking again reuses the pending request
      const again = await call('POST', '/friend-requests', a.cookie, { to: b.account });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(request.id);
      await socketB.waitFor((f) => f.t === 'event' && f.type === 'friend.requested');
      expect((await call('GET', '/friend-requests', b.cookie)).json()).toMatchObject({ incoming: [{ id: request.id }], outgoing: [] });
      expect((await call('GET', '/friend-requests', a.cookie)).json()).toMatchObject({ incoming: [], outgoing: [{ id: request.id }] });

      // only the recipient decides
      const stranger = await signUpConsumer(app);
      for (const cookie of [a.cookie, stranger.cookie]) {
        const res = await call('POST', `/friend-requests/${request.id}/accept`, cookie);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('FRIEND_REQUEST_NOT_FOUND');
      }
      const accepted = await call('POST', `/friend-requests/${request.id}/accept`, b.cookie);
      expect(accepted.statusCode, accepted.body).toBe(200);
      const conversationId = accepted.json().conversationId;
      expect(accepted.json()).toMatchObject({ status: 'accepted', conversationId: expect.any(String) });
      for (const socket of [socketA, socketB]) {
        const event = (await socket.waitFor((f) => f.t === 'event' && f.type === 'friend.accepted')) as Frame<'event'>;
        expect(event.data).toMatchObject({ id: request.id, conversationId });
      }
      expect(await eventsOf(a.id, 'friend.requested')).toHaveLength(1);
      expect((await call('GET', '/friends', a.cookie)).json().data).toEqual([
        { consumer: { id: b.id, nickname: 'Bo', avatarUrl: null }, conversationId, since: expect.any(Number) },
      ]);
      expect((await call('GET', '/friends', b.cookie)).json().data[0]).toMatchObject({ consumer: { id: a.id }, conversationId });
      const already = await call('POST', '/friend-requests', b.cookie, { to: a.account });
      expect(already.statusCode).toBe(409);
      expect(already.json().error.code).toBe('ALREADY_FRIENDS');
      // accepting twice changes nothing
      expect((await call('POST', `/friend-requests/${request.id}/accept`, b.cookie)).json().conversationId).toBe(conversationId);
      expect(await eventsOf(a.id, 'friend.accepted')).toHaveLength(1);

      // both sides see the conversation and chat over their sockets
      const list = (await call('GET', '/conversations?as=consumer', a.cookie)).json();
      expect(list.data[0]).toMatchObject({ id: conversationId, kind: 'friend', enterpriseId: null, peers: [{ id: b.id, name: 'Bo' }] });
      const ask = (frame: TestClient, data: unknown) => {
        const id = unique('c');
        frame.send({ t: 'cmd', id, name: 'message.send', data });
        return frame.waitFor((f) => (f.t === 'ack' || f.t === 'error') && f.id === id) as Promise<Frame<'ack'>>;
      };
      const hello = await ask(socketA, { conversationId, ...textMessage('Hi Bo!') });
      expect(hello).toMatchObject({ t: 'ack', data: { seq: 1 } });
      const got = (await socketB.waitFor((f) => f.t === 'event' && f.type === 'message.created')) as Frame<'event'>;
      expect(got.data).toMatchObject({ seq: 1, body: { text: 'Hi Bo!' }, sender: { id: a.id } });
      const answer = await ask(socketB, { conversationId, ...textMessage('Hi Ann 😀'), quoteSeq: 1 });
      expect(answer).toMatchObject({ t: 'ack', data: { seq: 2, quoteSeq: 1 } });
      const back = (await socketA.waitFor(
        (f) => f.t === 'event' && f.type === 'message.created' && (f.data as { seq: number }).seq === 2,
      )) as Frame<'event'>;
      expect(back.data).toMatchObject({ body: { text: 'Hi Ann 😀' }, sender: { id: b.id } });
    });

    it('accepts the other side’s pending request when you ask them too, and lets the recipient decline', async () => {
      const a = await signUpConsumer(app);
      const b = await signUpConsumer(app);
      const first = (await call('POST', '/friend-requests', a.cookie, { to: b.account })).json();
      const crossed = await call('POST', '/friend-requests', b.cookie, { to: a.account });
      expect(crossed.statusCode).toBe(200);
      expect(crossed.json()).toMatchObject({ id: first.id, status: 'accepted', conversationId: expect.any(String) });

      const c = await signUpConsumer(app);
      const req = (await call('POST', '/friend-requests', c.cookie, { to: a.account })).json();
      const declined = await call('POST', `/friend-requests/${req.id}/decline`, a.cookie);
      expect(declined.json()).toMatchObject({ status: 'declined' });
      expect((await call('POST', `/friend-requests/${req.id}/accept`, a.cookie)).statusCode).toBe(409);
      expect((await call('GET', '/friend-requests', a.cookie)).json().incoming).toEqual([]);
      expect((await call('GET', '/friends', a.cookie)).json().data).toHaveLength(1);
      // a declined request does not stop a new one
      expect((await call('POST', '/friend-requests', c.cookie, { to: a.account })).statusCode).toBe(201);
    });
  });
}
