import type { ServerFrame } from '@rapport/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCustomer,
  type CreatedMember,
  makeContactReadyMember,
  type SignedUpEnterprise,
  signUpConsumer,
  signUpEnterprise,
  textMessage,
  unique,
} from '../../../test/factories.js';
import { createTestApp, engines } from '../../../test/harness.js';
import { type Call, caller } from '../../../test/http.js';
import type { RapportApp } from '../../app.js';
import { connectClient, type TestClient } from '../../platform/realtime/testing.js';
import { listUserEventsAfter, principalKey } from '../../platform/realtime/user-events.js';

const reply = (id: string) => (f: ServerFrame) => (f.t === 'ack' || f.t === 'error') && f.id === id;
const messageEvent = (seq: number) => (f: ServerFrame) =>
  f.t === 'event' && f.type === 'message.created' && (f.data as { seq: number }).seq === seq;

for (const engine of engines()) {
  describe(`customers meet chat [${engine}]`, () => {
    let app: RapportApp;
    let close: () => Promise<void>;
    let base: string;
    const clients: TestClient[] = [];
    const call: Call = caller(() => app);
    let a: SignedUpEnterprise;
    let guide: CreatedMember;

    beforeAll(async () => {
      const built = await createTestApp(engine);
      app = built.app;
      close = () => built.close();
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('not listening');
      base = `ws://127.0.0.1:${address.port}/api/v1/ws`;
      a = await signUpEnterprise(app);
      guide = await makeContactReadyMember(app, a);
    }, 60_000);
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await close?.();
    });

    const open = async (cookie: string, as: 'member' | 'consumer') => {
      const client = await connectClient(`${base}?as=${as}`, { headers: { cookie } });
      clients.push(client);
      await client.waitFor((f) => f.t === 'hello');
      return client;
    };
    const command = async (client: TestClient, name: string, data: unknown) => {
      const id = unique('c');
      client.send({ t: 'cmd', id, name, data });
      return (await client.waitFor(reply(id))) as ServerFrame;
    };
    const conversationOf = async (customerId: string) => {
      const res = await call('GET', `/customers/${customerId}`, guide.cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().conversationId as string;
    };
    const memberSend = (conversationId: string, text: string) =>
      call('POST', `/conversations/${conversationId}/messages?as=member`, guide.cookie, textMessage(text));

    it('accept opens the member ↔ customer conversation; the list and profile name it; both sides chat over REST', async () => {
      const lin = await signUpConsumer(app);
      const { customerId } = await addCustomer(app, guide, lin);
      const conversationId = await conversationOf(customerId);
      expect(conversationId).toEqual(expect.any(String));
      const list = (await call('GET', '/customers', guide.cookie)).json().data as Array<{ id: string; conversationId: string }>;
      expect(list.find((c) => c.id === customerId)?.conversationId).toBe(conversationId);

      const seen = await call('GET', `/conversations/${conversationId}?as=consumer`, lin.cookie);
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json()).toMatchObject({ id: conversationId, kind: 'customer' });
      const sent = await memberSend(conversationId, 'Welcome to our store');
      expect(sent.statusCode, sent.body).toBe(201);
      const back = await call('POST', `/conversations/${conversationId}/messages?as=consumer`, lin.cookie, textMessage('Thanks!'));
      expect(back.statusCode, back.body).toBe(201);
      const history = (await call('GET', `/conversations/${conversationId}/messages?as=member`, guide.cookie)).json().data;
      expect(history.map((m: { body: { text: string } }) => m.body.text)).toEqual(['Welcome to our store', 'Thanks!']);

      // a second accept of the same relation opens nothing new
      const again = await call('POST', '/customer-requests', guide.cookie, { consumerId: lin.id });
      expect(again.json().error.code).toBe('ALREADY_CUSTOMER');
      const count = await app.platform.db
        .selectFrom('conversation_participants')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('principal', '=', principalKey('consumer', lin.id))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('both sides chat in real time over WebSockets', async () => {
      const lin = await signUpConsumer(app);
      const { customerId } = await addCustomer(app, guide, lin);
      const conversationId = await conversationOf(customerId);
      const member = await open(guide.cookie, 'member');
      const consumer = await open(lin.cookie, 'consumer');
      expect(await command(member, 'message.send', { conversationId, ...textMessage('Hello Lin') })).toMatchObject({
        t: 'ack',
        data: { seq: 1, sender: { kind: 'member', id: guide.id } },
      });
      await consumer.waitFor(messageEvent(1));
      expect(await command(consumer, 'message.send', { conversationId, ...textMessage('Hi!') })).toMatchObject({
        t: 'ack',
        data: { seq: 2 },
      });
      await member.waitFor(messageEvent(2));
    });

    for (const how of ['blocked', 'deleted'] as const) {
      it(`a ${how} member's sends fail with CUSTOMER_LOST (REST and WS) and nothing reaches the consumer`, async () => {
        const lin = await signUpConsumer(app);
        const { customerId } = await addCustomer(app, guide, lin);
        const conversationId = await conversationOf(customerId);
        expect((await memberSend(conversationId, 'before')).statusCode).toBe(201);
        const consumerSocket = await open(lin.cookie, 'consumer');
        const memberSocket = await open(guide.cookie, 'member');
        const res =
          how === 'blocked'
            ? await call('POST', `/contacts/enterprise/${guide.id}/block`, lin.cookie)
            : await call('DELETE', `/contacts/enterprise/${guide.id}`, lin.cookie);
        expect(res.statusCode, res.body).toBe(200);
        await memberSocket.waitFor((f) => f.t === 'event' && f.type === 'conversation.closed');
        const streamBefore = await listUserEventsAfter(app.platform.db, principalKey('consumer', lin.id), 0, 1000, app.realtime.eventRefs);

        const refused = await memberSend(conversationId, 'are you there?');
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error.code).toBe('CUSTOMER_LOST');
        const ws = await command(memberSocket, 'message.send', { conversationId, ...textMessage('hello?') });
        expect(ws).toMatchObject({ t: 'error', error: { code: 'CUSTOMER_LOST' } });

        const streamAfter = await listUserEventsAfter(app.platform.db, principalKey('consumer', lin.id), 0, 1000, app.realtime.eventRefs);
        expect(streamAfter.length).toBe(streamBefore.length);
        expect(consumerSocket.frames.filter(messageEvent(2))).toEqual([]);
        const history = (await call('GET', `/conversations/${conversationId}/messages?as=consumer`, lin.cookie)).json().data;
        expect(history).toHaveLength(1);
        expect((await call('GET', `/customers/${customerId}`, guide.cookie)).json()).toMatchObject({ status: 'lost', lostReason: how });
      });
    }

    it('deleted then re-added: the same conversation reopens with its history and the seq carries on', async () => {
      const lin = await signUpConsumer(app);
      const { customerId } = await addCustomer(app, guide, lin);
      const conversationId = await conversationOf(customerId);
      expect((await memberSend(conversationId, 'first')).statusCode).toBe(201);
      await call('DELETE', `/contacts/enterprise/${guide.id}`, lin.cookie);
      expect((await memberSend(conversationId, 'lost')).json().error.code).toBe('CUSTOMER_LOST');
      const consumerSocket = await open(lin.cookie, 'consumer');
      await addCustomer(app, guide, lin);
      expect(await conversationOf(customerId)).toBe(conversationId);
      await consumerSocket.waitFor((f) => f.t === 'event' && f.type === 'conversation.reopened');
      const sent = await memberSend(conversationId, 'welcome back');
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json().seq).toBe(2);
      await consumerSocket.waitFor(messageEvent(2));
    });
  });
}
