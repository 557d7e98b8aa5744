import { CLOSE_CODES, type ServerFrame } from '@rapport/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, signUpConsumer, signUpEnterprise } from '../../../test/factories.js';
import { cookieOf, createTestApp, engines } from '../../../test/harness.js';
import type { RapportApp } from '../../app.js';
import { revokeSessionsOf, sessionIdOf } from '../auth/sessions.js';
import type { Bus } from '../events/bus.js';
import { connectClient, refusedStatus, type TestClient } from './testing.js';
import { appendUserEvent, type PrincipalKey, principalKey, USER_EVENT_TOPIC, type UserEventMessage } from './user-events.js';

type Frame<T extends ServerFrame['t']> = Extract<ServerFrame, { t: T }>;
const is =
  <T extends ServerFrame['t']>(t: T) =>
  (f: ServerFrame): f is Frame<T> =>
    f.t === t;

const PUBLIC = 'http://127.0.0.1:3000';
const ALLOWED = 'https://shop.example.com';

for (const engine of engines()) {
  describe(`realtime WebSocket [${engine}]`, () => {
    let app: RapportApp;
    let close: () => Promise<void>;
    let base: string;
    const clients: TestClient[] = [];

    beforeAll(async () => {
      const built = await createTestApp(
        engine,
        { PUBLIC_URL: PUBLIC, ALLOWED_ORIGINS: `${ALLOWED}/` },
        { realtime: { heartbeatMs: 300, syncPageSize: 4, maxBufferedBytes: 64 * 1024 } },
      );
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

    const open = async (cookie: string, query = 'as=consumer', options: { headers?: Record<string, string>; autoPong?: boolean } = {}) => {
      const client = await connectClient(`${base}?${query}`, { ...options, headers: { cookie, ...options.headers } });
      clients.push(client);
      return client;
    };

    /** Appends events to a principal's stream the way services do (in a transaction, published after commit). */
    const append = (principal: PrincipalKey, count: number, data: (i: number) => unknown = (i) => ({ i }), bus: Bus = app.platform.bus) =>
      app.platform.transaction(async (uow) => {
        for (let i = 0; i < count; i++) await appendUserEvent(uow, bus, [principal], 'consumer.updated', data(i));
      });

    describe('upgrade', () => {
      it('refuses an unauthenticated upgrade with 401, a wrong kind too, and a bad query with 400', async () => {
        const c = await signUpConsumer(app);
        expect(await refusedStatus(`${base}?as=consumer`)).toBe(401);
        expect(await refusedStatus(`${base}?as=consumer`, { authorization: 'Bearer nope' })).toBe(401);
        expect(await refusedStatus(`${base}?as=member`, { cookie: c.cookie })).toBe(401);
        expect(await refusedStatus(`${base}?as=robot`, { cookie: c.cookie })).toBe(400);
        expect(app.realtime.size).toBe(0);
      });

      it('refuses a foreign Origin with 403 and accepts PUBLIC_URL, ALLOWED_ORIGINS and no Origin', async () => {
        const c = await signUpConsumer(app);
        expect(await refusedStatus(`${base}?as=consumer`, { cookie: c.cookie, origin: 'https://evil.example' })).toBe(403);
        expect(await refusedStatus(`${base}?as=consumer`, { cookie: c.cookie, origin: 'null' })).toBe(403);
        for (const origin of [PUBLIC, ALLOWED, undefined]) {
          const client = await open(c.cookie, 'as=consumer', { headers: origin ? { origin } : {} });
          await client.waitFor(is('hello'));
          await client.close();
        }
      });

      it('accepts a Bearer token and says hello with the head of the stream', async () => {
        const c = await signUpConsumer(app);
        await append(principalKey('consumer', c.id), 3);
        const token = c.cookie.split('=')[1];
        const client = await connectClient(`${base}?as=consumer`, { headers: { authorization: `Bearer ${token}` } });
        clients.push(client);
        const hello = await client.waitFor(is('hello'));
        expect(hello).toEqual({ t: 'hello', v: 1, principal: { kind: 'consumer', id: c.id }, seq: 3, heartbeatMs: 300 });
      });
    });

    describe('sync', () => {
      it('replays exactly the missing events in order, a page at a time, holding live events until the last page', async () => {
        const c = await signUpConsumer(app);
        const principal = principalKey('consumer', c.id);
        await append(principal, 10);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        client.send({ t: 'sync', after: 2, id: 'a' });
        expect(await client.waitFor(is('synced'))).toEqual({ t: 'synced', id: 'a', seq: 6, more: true });
        await append(principal, 1); // seq 11 arrives live while the client is paging
        await new Promise((r) => setTimeout(r, 30));
        expect(client.events().map((e) => e.seq)).toEqual([3, 4, 5, 6]);
        client.send({ t: 'sync', after: 6 });
        await client.waitFor((f) => f.t === 'synced' && f.seq === 10);
        client.send({ t: 'sync', after: 10 });
        expect(await client.waitFor((f) => f.t === 'synced' && f.seq === 11)).toMatchObject({ more: false });
        expect(client.events().map((e) => e.seq)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
        expect(client.events()[0]).toMatchObject({ t: 'event', type: 'consumer.updated', data: { i: 2 } });
      });

      it('resumes from ?after=N without a sync frame', async () => {
        const c = await signUpConsumer(app);
        await append(principalKey('consumer', c.id), 3);
        const client = await open(c.cookie, 'as=consumer&after=1');
        expect(await client.waitFor(is('synced'))).toEqual({ t: 'synced', seq: 3, more: false });
        expect(client.events().map((e) => e.seq)).toEqual([2, 3]);
      });

      it('fills a gap from the database when a live event overtakes an earlier one', async () => {
        const c = await signUpConsumer(app);
        const principal = principalKey('consumer', c.id);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        const silent: Bus = { publish: async () => {}, subscribe: () => () => {}, close: async () => {} };
        await append(principal, 1, undefined, silent); // seq 1 committed, its publish lost
        await append(principal, 1); // seq 2 published
        await client.waitFor((f) => f.t === 'event' && f.seq === 2);
        expect(client.events().map((e) => e.seq)).toEqual([1, 2]);
        expect(app.realtime.stats.gapFills).toBeGreaterThan(0);
      });
    });

    describe('live delivery', () => {
      it('delivers a user event to every socket of the principal and to no one else', async () => {
        const c = await signUpConsumer(app);
        const other = await signUpConsumer(app);
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/v1/sessions/consumer',
          payload: { login: c.account, password: 'correct-horse-1' },
        });
        const secondCookie = cookieOf(signIn, 'rapport_consumer');
        const sockets = [await open(c.cookie), await open(c.cookie), await open(secondCookie)];
        const stranger = await open(other.cookie);
        await Promise.all([...sockets, stranger].map((s) => s.waitFor(is('hello'))));
        expect(app.realtime.socketsOf('consumer', c.id)).toBe(3);
        await append(principalKey('consumer', c.id), 1, () => ({ nickname: 'New' }));
        for (const s of sockets) {
          expect(await s.waitFor(is('event'))).toMatchObject({ seq: 1, type: 'consumer.updated', data: { nickname: 'New' } });
        }
        await new Promise((r) => setTimeout(r, 30));
        expect(stranger.events()).toEqual([]);
      });

      it('fans one event out to many principals set-based: one seq each, duplicates collapsed', async () => {
        const a = await signUpConsumer(app);
        const b = await signUpConsumer(app);
        const [ka, kb] = [principalKey('consumer', a.id), principalKey('consumer', b.id)];
        await append(ka, 2);
        const [sa, sb] = [await open(a.cookie), await open(b.cookie)];
        await Promise.all([sa.waitFor(is('hello')), sb.waitFor(is('hello'))]);
        const others = Array.from({ length: 1200 }, (_, i) => principalKey('consumer', `fanout-${engine}-${i}`));
        await app.platform.transaction((uow) => appendUserEvent(uow, app.platform.bus, [kb, ...others, ka, kb], 'fan.out', { n: 1 }));
        expect(await sa.waitFor(is('event'))).toMatchObject({ seq: 3, type: 'fan.out' });
        expect(await sb.waitFor(is('event'))).toMatchObject({ seq: 1, type: 'fan.out' });
        await new Promise((r) => setTimeout(r, 30));
        expect([sa.events().length, sb.events().length]).toEqual([1, 1]);
        const rows = await app.platform.db
          .selectFrom('user_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('type', '=', 'fan.out')
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(1202);
      });

      it('coalesces the frames of one tick into fewer WebSocket messages (a JSON array)', async () => {
        const c = await signUpConsumer(app);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        const before = client.messages;
        await append(principalKey('consumer', c.id), 50);
        await client.waitFor((f) => f.t === 'event' && f.seq === 50);
        expect(client.events().map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        expect(client.messages - before).toBeLessThan(10);
      });

      it('closes a slow consumer with 4008 instead of queueing without bound', async () => {
        const c = await signUpConsumer(app);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        const slowBefore = app.realtime.stats.slowConsumers;
        await append(principalKey('consumer', c.id), 80, () => ({ blob: 'x'.repeat(1024) })); // 80 KB in one tick > 64 KB
        expect((await client.closed).code).toBe(CLOSE_CODES.slowConsumer);
        expect(app.realtime.stats.slowConsumers).toBe(slowBefore + 1);
        expect(app.realtime.socketsOf('consumer', c.id)).toBe(0);
      });
    });

    describe('revocation and liveness', () => {
      it('closes the socket with 4001 within 1 s of signing out, and only that session', async () => {
        const c = await signUpConsumer(app);
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/v1/sessions/consumer',
          payload: { login: c.account, password: 'correct-horse-1' },
        });
        const keeper = await open(cookieOf(signIn, 'rapport_consumer'));
        const client = await open(c.cookie);
        await Promise.all([client.waitFor(is('hello')), keeper.waitFor(is('hello'))]);
        const start = Date.now();
        const out = await app.inject({ method: 'DELETE', url: '/api/v1/sessions/consumer/current', headers: { cookie: c.cookie } });
        expect(out.statusCode).toBe(200);
        const closed = await client.closed;
        expect(closed.code).toBe(CLOSE_CODES.sessionRevoked);
        expect(closed.at - start).toBeLessThan(1000);
        expect(keeper.socket.readyState).toBe(keeper.socket.OPEN);
      });

      it("closes a member's open socket within 1 s when an admin disables them", async () => {
        const ent = await signUpEnterprise(app);
        const guide = await createMember(app, ent, {}, { signIn: true });
        const client = await open(guide.cookie, 'as=member');
        await client.waitFor(is('hello'));
        const start = Date.now();
        const res = await app.inject({ method: 'POST', url: `/api/v1/members/${guide.id}/disable`, headers: { cookie: ent.cookie } });
        expect(res.statusCode).toBe(200);
        const closed = await client.closed;
        expect(closed.code).toBe(CLOSE_CODES.sessionRevoked);
        expect(closed.at - start).toBeLessThan(1000);
        expect(await refusedStatus(`${base}?as=member`, { cookie: guide.cookie })).toBe(401);
      });

      it('closes every socket of a principal when revokeSessionsOf commits', async () => {
        const c = await signUpConsumer(app);
        const sockets = [await open(c.cookie), await open(c.cookie)];
        await Promise.all(sockets.map((s) => s.waitFor(is('hello'))));
        const start = Date.now();
        await app.platform.transaction((uow) => revokeSessionsOf(app.platform, uow, { kind: 'consumer', id: c.id }));
        for (const s of sockets) {
          const closed = await s.closed;
          expect(closed.code).toBe(4001);
          expect(closed.at - start).toBeLessThan(1000);
        }
        expect(await refusedStatus(`${base}?as=consumer`, { cookie: c.cookie })).toBe(401);
      });

      it('closes with 4001 when the session expires while the socket is open', async () => {
        const c = await signUpConsumer(app);
        await app.platform.db
          .updateTable('sessions')
          .set({ expires_at: Date.now() + 150 })
          .where('id', '=', sessionIdOf(c.cookie.split('=')[1]))
          .execute();
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        expect((await client.closed).code).toBe(CLOSE_CODES.sessionRevoked);
      });

      it('terminates a socket that stops answering pings', async () => {
        const c = await signUpConsumer(app);
        const client = await open(c.cookie, 'as=consumer', { autoPong: false });
        await client.waitFor(is('hello'));
        const closed = await client.closed;
        expect(closed.code).toBe(1006);
      });
    });

    describe('bad input', () => {
      it('answers garbage with VALIDATION_FAILED error frames and keeps serving', async () => {
        const c = await signUpConsumer(app);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        const garbage: unknown[] = [
          'not json',
          '[1,2]',
          { t: 'nope' },
          { t: 'toString' },
          { t: 'sync' },
          { t: 'sync', after: -1 },
          { t: 'sync', after: 1.5, id: 'x' },
          { t: 'ping', extra: true },
          Buffer.from([1, 2, 3]),
        ];
        for (const g of garbage) client.send(g); // with the oversized one below: 10 bad frames, the most tolerated
        client.send(JSON.stringify({ t: 'ping', id: 'p', pad: 'x'.repeat(5000) }));
        await new Promise((r) => setTimeout(r, 50));
        const errors = client.frames.filter(is('error'));
        expect(errors).toHaveLength(garbage.length + 1);
        expect(new Set(errors.map((e) => e.error.code))).toEqual(new Set(['VALIDATION_FAILED']));
        expect(errors.find((e) => e.id === 'x')).toBeTruthy();
        client.send({ t: 'ping', id: 'still-there' });
        expect(await client.waitFor(is('pong'))).toMatchObject({ id: 'still-there' });
        expect(client.socket.readyState).toBe(client.socket.OPEN);
      });

      it('closes with 4400 after repeated garbage', async () => {
        const c = await signUpConsumer(app);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        for (let i = 0; i < 20; i++) client.send('garbage');
        expect((await client.closed).code).toBe(CLOSE_CODES.protocolError);
        expect(client.frames.filter(is('error')).length).toBeGreaterThan(0); // the reason arrives before the close
      });

      it('closes with 1009 a frame above maxPayload', async () => {
        const c = await signUpConsumer(app);
        const client = await open(c.cookie);
        await client.waitFor(is('hello'));
        client.send('x'.repeat(20_000));
        expect((await client.closed).code).toBe(1009);
      });
    });

    it('survives a bus message for a principal with no socket here', async () => {
      const message: UserEventMessage = { principal: 'consumer:nobody', seq: 1, type: 'x', at: 0, payload: 'null' };
      await app.platform.bus.publish(USER_EVENT_TOPIC, message);
      const c = await signUpConsumer(app);
      const client = await open(c.cookie);
      await client.waitFor(is('hello'));
    });
  });
}
