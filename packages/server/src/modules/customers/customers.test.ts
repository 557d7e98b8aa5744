import { beforeAll, describe, expect, it } from 'vitest';
import {
  addCustomer,
  type CreatedMember,
  createMember,
  makeContactReadyMember,
  type SignedUpEnterprise,
  signUpConsumer,
  signUpEnterprise,
} from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller, type Method } from '../../../test/http.js';
import { lastUserSeq, listUserEventsAfter, principalKey } from '../../platform/realtime/user-events.js';

type Consumer = Awaited<ReturnType<typeof signUpConsumer>>;

describeEngines('customers', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let a: SignedUpEnterprise; // verified enterprise most tests use
  let b: SignedUpEnterprise; // another tenant
  let guide: CreatedMember; // contact-ready member of A
  let guideB: CreatedMember; // contact-ready member of B
  let lin: Consumer; // a customer of guide
  let zhao: Consumer; // another consumer
  let linCustomerId: string;
  let linRequestId: string;

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app, { shortName: 'Acme' });
    b = await signUpEnterprise(ctx.app);
    guide = await makeContactReadyMember(ctx.app, a, { phone: '13800000001' });
    guideB = await makeContactReadyMember(ctx.app, b);
    lin = await signUpConsumer(ctx.app, { phone: '13900000001', nickname: 'Lin' });
    zhao = await signUpConsumer(ctx.app, { nickname: 'Zhao' });
    ({ customerId: linCustomerId, requestId: linRequestId } = await addCustomer(ctx.app, guide, lin));
  });

  const memberEvents = (id: string) =>
    listUserEventsAfter(ctx.app.platform.db, principalKey('member', id), 0, 1000, ctx.app.realtime.eventRefs);
  const consumerEvents = (id: string) =>
    listUserEventsAfter(ctx.app.platform.db, principalKey('consumer', id), 0, 1000, ctx.app.realtime.eventRefs);
  const domainEvents = (type: string, aggregateId: string) =>
    ctx.app.platform.db.selectFrom('events').selectAll().where('type', '=', type).where('aggregate_id', '=', aggregateId).execute();
  const send = (member: { cookie: string }, consumerId: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/customer-requests', member.cookie, { consumerId, ...extra });

  describe('access', () => {
    const endpoints = (): Array<{ method: Method; url: string; body?: unknown }> => [
      { method: 'GET', url: '/consumers/lookup?q=abc' },
      { method: 'POST', url: '/customer-requests', body: { consumerId: zhao.id } },
      { method: 'GET', url: '/customer-requests' },
      { method: 'GET', url: '/customer-requests/incoming' },
      { method: 'POST', url: `/customer-requests/${linRequestId}/accept` },
      { method: 'POST', url: `/customer-requests/${linRequestId}/decline` },
      { method: 'GET', url: '/customers' },
      { method: 'GET', url: `/customers/${linCustomerId}` },
      { method: 'PATCH', url: `/customers/${linCustomerId}`, body: { remark: 'x' } },
      { method: 'GET', url: '/enterprise-customers' },
      { method: 'GET', url: '/contacts/enterprise' },
      { method: 'DELETE', url: `/contacts/enterprise/${guide.id}` },
      { method: 'POST', url: `/contacts/enterprise/${guide.id}/block` },
    ];

    it('every endpoint requires auth (401 UNAUTHENTICATED), even with a bad body', async () => {
      for (const e of endpoints()) {
        const res = await call(e.method, e.url, undefined, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
        const junk = await call(e.method, e.url, undefined, e.body === undefined ? undefined : { junk: true });
        expect(junk.statusCode, `${e.method} ${e.url} with a bad body`).toBe(401);
      }
    });

    it('member routes refuse a consumer session and consumer routes a member session', async () => {
      expect((await call('GET', '/customers', lin.cookie)).statusCode).toBe(401);
      expect((await call('GET', '/contacts/enterprise', guide.cookie)).statusCode).toBe(401);
      expect((await call('POST', `/customer-requests/${linRequestId}/accept`, guide.cookie)).statusCode).toBe(401);
    });

    it('the enterprise customer list is for admins only (403 for a plain member)', async () => {
      const res = await call('GET', '/enterprise-customers', guide.cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it("another enterprise's customer answers 404 and is left unchanged", async () => {
      for (const cookie of [guideB.cookie, b.cookie]) {
        const get = await call('GET', `/customers/${linCustomerId}`, cookie);
        expect(get.statusCode).toBe(404);
        expect(get.json().error.code).toBe('CUSTOMER_NOT_FOUND');
        const patch = await call('PATCH', `/customers/${linCustomerId}`, cookie, { remark: 'Hacked' });
        expect(patch.statusCode).toBe(404);
        expect(patch.json().error.code).toBe('CUSTOMER_NOT_FOUND');
      }
      expect((await call('GET', `/customers/${linCustomerId}`, guide.cookie)).json().remark).not.toBe('Hacked');
      const list = await call('GET', '/enterprise-customers', b.cookie);
      expect(list.json().data.map((c: { id: string }) => c.id)).not.toContain(linCustomerId);
    });

    it("a colleague who is not an admin cannot see or edit another member's customer", async () => {
      const colleague = await makeContactReadyMember(ctx.app, a, {}, { verify: false });
      expect((await call('GET', `/customers/${linCustomerId}`, colleague.cookie)).statusCode).toBe(404);
      expect((await call('PATCH', `/customers/${linCustomerId}`, colleague.cookie, { remark: 'x' })).statusCode).toBe(404);
      // an admin sees it (but edits only their own)
      expect((await call('GET', `/customers/${linCustomerId}`, a.cookie)).statusCode).toBe(200);
      expect((await call('PATCH', `/customers/${linCustomerId}`, a.cookie, { remark: 'x' })).statusCode).toBe(404);
    });

    it("a consumer cannot accept or decline another consumer's request", async () => {
      const sent = await send(guide, zhao.id, { message: 'Hi' });
      expect(sent.statusCode, sent.body).toBe(201);
      const other = await signUpConsumer(ctx.app);
      for (const action of ['accept', 'decline']) {
        const res = await call('POST', `/customer-requests/${sent.json().id}/${action}`, other.cookie);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('CUSTOMER_REQUEST_NOT_FOUND');
      }
      expect((await call('GET', '/customer-requests/incoming', other.cookie)).json().data).toEqual([]);
      // and cannot delete or block a member who does not follow them
      expect((await call('DELETE', `/contacts/enterprise/${guide.id}`, other.cookie)).json().error.code).toBe('CUSTOMER_NOT_FOUND');
      expect((await call('POST', `/contacts/enterprise/${guide.id}/block`, other.cookie)).statusCode).toBe(404);
      // tidy up: zhao declines
      expect((await call('POST', `/customer-requests/${sent.json().id}/decline`, zhao.cookie)).statusCode).toBe(200);
    });
  });

  describe('finding and adding', () => {
    it('looks a consumer up by exact phone or account, with nothing but a minimal card', async () => {
      for (const q of ['13900000001', '139 0000 0001', lin.account]) {
        const res = await call('GET', `/consumers/lookup?q=${encodeURIComponent(q)}`, guide.cookie);
        expect(res.statusCode, q).toBe(200);
        expect(res.json()).toEqual({ id: lin.id, nickname: 'Lin', avatarUrl: null });
      }
      for (const q of ['1390000000', lin.account.slice(0, -1), '%', 'Lin']) {
        const res = await call('GET', `/consumers/lookup?q=${encodeURIComponent(q)}`, guide.cookie);
        expect(res.statusCode, q).toBe(404);
        expect(res.json().error.code).toBe('CONSUMER_NOT_FOUND');
      }
      expect((await call('GET', '/consumers/lookup?q=', guide.cookie)).json().error.code).toBe('VALIDATION_FAILED');
    });

    it('accepting creates the customer, records customer.added and tells both sides', async () => {
      const customer = (await call('GET', `/customers/${linCustomerId}`, guide.cookie)).json();
      expect(customer).toMatchObject({
        memberId: guide.id,
        consumer: { id: lin.id, nickname: 'Lin' },
        status: 'active',
        lostReason: null,
        lostAt: null,
        addSource: 'search_phone',
        initiatorMemberId: guide.id,
        contactWayId: null,
        state: null,
        remark: '',
        remarkPhones: [],
      });
      const [added] = await domainEvents('customer.added', linCustomerId);
      expect(JSON.parse(added.payload)).toMatchObject({
        customerId: linCustomerId,
        memberId: guide.id,
        consumerId: lin.id,
        restored: false,
      });
      expect(added.enterprise_id).toBe(a.enterpriseId);
      expect(
        (await memberEvents(guide.id)).some((e) => e.type === 'customer.added' && (e.data as { id: string }).id === linCustomerId),
      ).toBe(true);
      const contactAdded = (await consumerEvents(lin.id)).find((e) => e.type === 'contact.added');
      expect(contactAdded?.data).toMatchObject({ card: { memberId: guide.id, enterpriseShortName: 'Acme', enterpriseVerified: true } });
      const requests = (await call('GET', '/customer-requests?status=accepted', guide.cookie)).json();
      expect(requests.data.map((r: { id: string }) => r.id)).toContain(linRequestId);
    });

    it('the consumer sees incoming requests with the business card, and enterprise contacts grouped by enterprise', async () => {
      const guide2 = await makeContactReadyMember(ctx.app, a, { name: 'Second' }, { verify: false });
      const sent = await send(guide2, lin.id, { message: 'Hello from the store', source: 'search_account' });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({ status: 'pending', source: 'search_account', message: 'Hello from the store' });
      const again = await send(guide2, lin.id, { message: 'Hello again' });
      expect(again.json().id).toBe(sent.json().id);
      const incoming = (await call('GET', '/customer-requests/incoming', lin.cookie)).json().data;
      expect(incoming).toHaveLength(1);
      expect(incoming[0]).toMatchObject({ id: sent.json().id, message: 'Hello again', card: { memberId: guide2.id, name: 'Second' } });
      expect(incoming[0].card.enterpriseShortName).toBe('Acme');
      const received = (await consumerEvents(lin.id)).filter(
        (e) => e.type === 'customer_request.received' && (e.data as { card: { memberId: string } }).card.memberId === guide2.id,
      );
      expect(received).toHaveLength(2);

      const accepted = await call('POST', `/customer-requests/${sent.json().id}/accept`, lin.cookie);
      expect(accepted.statusCode, accepted.body).toBe(200);
      // a second tap answers the same
      expect((await call('POST', `/customer-requests/${sent.json().id}/accept`, lin.cookie)).statusCode).toBe(200);
      expect(await domainEvents('customer.added', (await call('GET', '/customers', guide2.cookie)).json().data[0].id)).toHaveLength(1);

      const gb = await addCustomer(ctx.app, guideB, lin);
      expect(gb.customerId).toBeTruthy();
      const groups = (await call('GET', '/contacts/enterprise', lin.cookie)).json().data;
      expect(groups).toHaveLength(2);
      const groupA = groups.find((g: { enterprise: { id: string } }) => g.enterprise.id === a.enterpriseId);
      expect(groupA.enterprise).toMatchObject({ shortName: 'Acme', verified: true });
      expect(groupA.contacts.map((c: { card: { memberId: string } }) => c.card.memberId).sort()).toEqual([guide.id, guide2.id].sort());
    });

    it('a request unanswered for a week lapses: it cannot be accepted, shows as expired, and sending again makes a fresh one', async () => {
      const c = await signUpConsumer(ctx.app, { nickname: 'Lapsed' });
      const sent = await send(guide, c.id, { message: 'old' });
      const oldId = sent.json().id;
      const eightDaysAgo = Date.now() - 8 * 24 * 60 * 60 * 1000;
      await ctx.app.platform.db.updateTable('customer_requests').set({ created_at: eightDaysAgo }).where('id', '=', oldId).execute();
      expect((await call('GET', '/customer-requests/incoming', c.cookie)).json().data).toEqual([]);
      const accept = await call('POST', `/customer-requests/${oldId}/accept`, c.cookie);
      expect(accept.statusCode).toBe(404);
      expect(accept.json().error.code).toBe('CUSTOMER_REQUEST_NOT_FOUND');
      const ids = async (status: string) =>
        (await call('GET', `/customer-requests?status=${status}`, guide.cookie)).json().data.map((r: { id: string }) => r.id);
      expect(await ids('expired')).toContain(oldId);
      expect(await ids('pending')).not.toContain(oldId);
      const fresh = await send(guide, c.id, { message: 'new' });
      expect(fresh.statusCode).toBe(201);
      expect(fresh.json().id).not.toBe(oldId);
      expect(await ids('expired')).toContain(oldId);
      const incoming = (await call('GET', '/customer-requests/incoming', c.cookie)).json().data;
      expect(incoming.map((r: { id: string }) => r.id)).toEqual([fresh.json().id]);
      expect((await call('POST', `/customer-requests/${fresh.json().id}/accept`, c.cookie)).statusCode).toBe(200);
    });

    it('concurrent sends to the same consumer make one pending request', async () => {
      const c = await signUpConsumer(ctx.app, { nickname: 'Popular' });
      const results = await Promise.all([1, 2, 3, 4].map((n) => send(guide, c.id, { message: `try ${n}` })));
      for (const r of results) expect(r.statusCode, r.body).toBe(201);
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      const rows = await ctx.app.platform.db.selectFrom('customer_requests').select('id').where('consumer_id', '=', c.id).execute();
      expect(rows).toHaveLength(1);
      expect((await call('GET', '/customer-requests/incoming', c.cookie)).json().data).toHaveLength(1);
      expect((await call('POST', `/customer-requests/${rows[0].id}/decline`, c.cookie)).statusCode).toBe(200);
    });

    it('a request to an existing customer is ALREADY_CUSTOMER; to nobody is CONSUMER_NOT_FOUND', async () => {
      const res = await send(guide, lin.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ALREADY_CUSTOMER');
      const nobody = await send(guide, '01hnobodyhere00000000000000');
      expect(nobody.statusCode).toBe(404);
      expect(nobody.json().error.code).toBe('CONSUMER_NOT_FOUND');
    });

    it('declining closes the request; the member sees it declined and may not accept it later', async () => {
      const c = await signUpConsumer(ctx.app);
      const sent = await send(guide, c.id);
      const declined = await call('POST', `/customer-requests/${sent.json().id}/decline`, c.cookie);
      expect(declined.statusCode).toBe(200);
      expect((await call('POST', `/customer-requests/${sent.json().id}/decline`, c.cookie)).statusCode).toBe(200);
      const accept = await call('POST', `/customer-requests/${sent.json().id}/accept`, c.cookie);
      expect(accept.statusCode).toBe(404);
      expect(accept.json().error.code).toBe('CUSTOMER_REQUEST_NOT_FOUND');
      const mine = (await call('GET', '/customer-requests?status=declined', guide.cookie)).json().data;
      expect(mine.find((r: { id: string }) => r.id === sent.json().id)).toMatchObject({ status: 'declined', consumer: { id: c.id } });
      expect((await call('GET', '/customer-requests/incoming', c.cookie)).json().data).toEqual([]);
    });
  });

  describe('profile', () => {
    it('edits remark, description, phones and company, records customer.updated and tells the member', async () => {
      const res = await call('PATCH', `/customers/${linCustomerId}`, guide.cookie, {
        remark: ' Lin (VIP) ',
        description: 'Likes green tea',
        remarkPhones: ['138-0013-8000', '13800138000', '+86 139 0000 0002'],
        company: 'Tea House',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        remark: 'Lin (VIP)',
        description: 'Likes green tea',
        remarkPhones: ['13800138000', '+8613900000002'],
        company: 'Tea House',
      });
      expect(await domainEvents('customer.updated', linCustomerId)).toHaveLength(1);
      expect((await memberEvents(guide.id)).some((e) => e.type === 'customer.updated')).toBe(true);
    });

    it('refuses over-long fields and too many phones with VALIDATION_FAILED', async () => {
      const bad = [
        { remark: 'x'.repeat(21) },
        { description: 'x'.repeat(151) },
        { remarkPhones: ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006'] },
        { remarkPhones: ['not a phone'] },
        { company: 'x'.repeat(101) },
        { remark: 'a\u0000b' },
        {},
        { status: 'lost' },
      ];
      for (const body of bad) {
        const res = await call('PATCH', `/customers/${linCustomerId}`, guide.cookie, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
      const ok = await call('PATCH', `/customers/${linCustomerId}`, guide.cookie, {
        remark: '二'.repeat(20),
        description: 'd'.repeat(150),
      });
      expect(ok.statusCode).toBe(200);
      await call('PATCH', `/customers/${linCustomerId}`, guide.cookie, { remark: 'Lin (VIP)' });
    });

    it('searches my customers by remark, nickname and remark phone, and pages with a cursor', async () => {
      const ids = async (q: string) =>
        (await call('GET', `/customers?q=${encodeURIComponent(q)}`, guide.cookie)).json().data.map((c: { id: string }) => c.id);
      expect(await ids('vip')).toEqual([linCustomerId]);
      expect(await ids('lin')).toEqual([linCustomerId]);
      expect(await ids('0013 8000')).toEqual([linCustomerId]);
      expect(await ids('%')).toEqual([]);
      expect(await ids('nobody')).toEqual([]);
      const extra = await signUpConsumer(ctx.app, { nickname: 'Extra' });
      await addCustomer(ctx.app, guide, extra);
      const first = (await call('GET', '/customers?limit=1', guide.cookie)).json();
      expect(first.data).toHaveLength(1);
      expect(first.nextCursor).toBeTruthy();
      const second = (await call('GET', `/customers?limit=1&cursor=${first.nextCursor}`, guide.cookie)).json();
      expect(second.data[0].id).not.toBe(first.data[0].id);
      expect((await call('GET', '/customers?cursor=junk', guide.cookie)).json().error.code).toBe('VALIDATION_FAILED');
      const lin = (await call('GET', `/customers/${linCustomerId}`, guide.cookie)).json();
      const extraCustomer = (await call('GET', '/customers?q=Extra', guide.cookie)).json().data[0];
      const byChats = await call(
        'GET',
        `/customers?conversationIds=${lin.conversationId}&conversationIds=${extraCustomer.conversationId}`,
        guide.cookie,
      );
      expect(
        byChats
          .json()
          .data.map((c: { id: string }) => c.id)
          .sort(),
      ).toEqual([linCustomerId, extraCustomer.id].sort());
      const byChat = await call('GET', `/customers?conversationIds=${lin.conversationId}`, guide.cookie);
      expect(byChat.json().data.map((c: { id: string }) => c.id)).toEqual([linCustomerId]);
      // another member's conversations name none of mine
      expect((await call('GET', `/customers?conversationIds=${lin.conversationId}`, guideB.cookie)).json().data).toEqual([]);
      const tooMany = Array.from({ length: 101 }, (_, i) => `conversationIds=c${i}`).join('&');
      expect((await call('GET', `/customers?${tooMany}`, guide.cookie)).json().error.code).toBe('VALIDATION_FAILED');
      const adminList = (await call('GET', `/enterprise-customers?memberId=${guide.id}&status=active`, a.cookie)).json().data;
      expect(adminList.map((c: { id: string }) => c.id)).toContain(linCustomerId);
    });
  });

  describe('admin overview', () => {
    it('the admin finds customers by text, tags and contact way, each with its enterprise tags (never personal ones)', async () => {
      const e = await signUpEnterprise(ctx.app);
      const wang = await makeContactReadyMember(ctx.app, e, { name: 'Wang' });
      const zhu = await signUpConsumer(ctx.app, { nickname: 'Zhu Overview' });
      const ma = await signUpConsumer(ctx.app, { nickname: 'Ma Overview' });
      const zhuId = (await addCustomer(ctx.app, wang, zhu)).customerId;
      const maId = (await addCustomer(ctx.app, wang, ma)).customerId;
      const group = await call('POST', '/tag-groups', e.cookie, { name: 'Level', tags: [{ name: 'Gold' }] });
      const gold = group.json().tags[0].id as string;
      const personal = await call('POST', '/personal-tags', wang.cookie, { name: 'Likes tea' });
      expect(personal.statusCode, personal.body).toBe(201);
      const tagged = await call('POST', `/customers/${zhuId}/tags`, wang.cookie, { add: [gold, personal.json().id] });
      expect(tagged.statusCode, tagged.body).toBe(200);
      const way = await call('POST', '/contact-ways', e.cookie, { type: 'single', memberIds: [wang.id], name: 'Door', skipVerify: true });
      const yan = await signUpConsumer(ctx.app, { nickname: 'Yan Overview' });
      const token = (way.json().url as string).split('/').pop();
      expect((await call('POST', `/contact-links/${token}/add`, yan.cookie)).json().status).toBe('added');

      const list = async (query: string) => (await call('GET', `/enterprise-customers?${query}`, e.cookie)).json().data;
      const zhuRow = (await list('q=zhu'))[0];
      expect(zhuRow).toMatchObject({ id: zhuId, memberId: wang.id });
      expect(zhuRow.tags.map((t: { name: string }) => t.name)).toEqual(['Gold']);
      expect((await list(`tagIds=${gold}`)).map((c: { id: string }) => c.id)).toEqual([zhuId]);
      expect((await list(`contactWayId=${way.json().id}`)).map((c: { consumer: { nickname: string } }) => c.consumer.nickname)).toEqual([
        'Yan Overview',
      ]);
      expect((await list('q=overview')).map((c: { id: string }) => c.id)).toContain(maId);
      expect((await call('GET', '/enterprise-customers?contactWayId=no%20such', e.cookie)).json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('lost customers', () => {
    it('a delete makes the customer lost with the time and tells the member; the member may ask again', async () => {
      const c = await signUpConsumer(ctx.app, { nickname: 'Deleter' });
      const { customerId } = await addCustomer(ctx.app, guide, c);
      const before = Date.now();
      const res = await call('DELETE', `/contacts/enterprise/${guide.id}`, c.cookie);
      expect(res.statusCode, res.body).toBe(200);
      const lost = (await call('GET', `/customers/${customerId}`, guide.cookie)).json();
      expect(lost).toMatchObject({ status: 'lost', lostReason: 'deleted' });
      expect(lost.lostAt).toBeGreaterThanOrEqual(before);
      expect((await memberEvents(guide.id)).some((e) => e.type === 'customer.lost' && (e.data as { id: string }).id === customerId)).toBe(
        true,
      );
      expect((await call('GET', '/contacts/enterprise', c.cookie)).json().data).toEqual([]);
      expect((await call('GET', '/customers?status=lost', guide.cookie)).json().data.map((x: { id: string }) => x.id)).toContain(
        customerId,
      );
      // deleting twice changes nothing
      expect((await call('DELETE', `/contacts/enterprise/${guide.id}`, c.cookie)).statusCode).toBe(200);
      // after a delete the member may ask again, and accepting restores the same relationship
      const again = await addCustomer(ctx.app, guide, c);
      expect(again.customerId).toBe(customerId);
      expect((await call('GET', `/customers/${customerId}`, guide.cookie)).json()).toMatchObject({ status: 'active', lostAt: null });
      const added = await domainEvents('customer.added', customerId);
      expect(added.map((e) => JSON.parse(e.payload).restored).sort()).toEqual([false, true]);
    });

    it("a block makes the customer lost, and the member's later request fails with nothing reaching the consumer", async () => {
      const c = await signUpConsumer(ctx.app, { nickname: 'Blocker' });
      const { customerId } = await addCustomer(ctx.app, guide, c);
      expect((await call('POST', `/contacts/enterprise/${guide.id}/block`, c.cookie)).statusCode).toBe(200);
      expect((await call('GET', `/customers/${customerId}`, guide.cookie)).json()).toMatchObject({ status: 'lost', lostReason: 'blocked' });

      const seq = await lastUserSeq(ctx.app.platform.db, principalKey('consumer', c.id));
      const countRequests = async () =>
        Number(
          (
            await ctx.app.platform.db
              .selectFrom('customer_requests')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('consumer_id', '=', c.id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const requestsBefore = await countRequests();
      const res = await send(guide, c.id, { message: 'please' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CUSTOMER_LOST', details: { reason: 'blocked' } });
      expect(await lastUserSeq(ctx.app.platform.db, principalKey('consumer', c.id))).toBe(seq);
      expect(await countRequests()).toBe(requestsBefore);
      expect((await call('GET', '/customer-requests/incoming', c.cookie)).json().data).toEqual([]);
    });

    it("blocking closes the member's pending request, and a deleted contact can still be blocked", async () => {
      const c = await signUpConsumer(ctx.app);
      const guide2 = await makeContactReadyMember(ctx.app, a, {}, { verify: false });
      await addCustomer(ctx.app, guide2, c);
      expect((await call('DELETE', `/contacts/enterprise/${guide2.id}`, c.cookie)).statusCode).toBe(200);
      const pending = await send(guide2, c.id);
      expect(pending.statusCode).toBe(201);
      expect((await call('POST', `/contacts/enterprise/${guide2.id}/block`, c.cookie)).statusCode).toBe(200);
      expect((await call('GET', '/customer-requests/incoming', c.cookie)).json().data).toEqual([]);
      expect((await call('POST', `/customer-requests/${pending.json().id}/accept`, c.cookie)).statusCode).toBe(404);
      expect((await send(guide2, c.id)).json().error.code).toBe('CUSTOMER_LOST');
    });
  });

  describe('the gate', () => {
    const reasonsOf = async (member: { cookie: string }, consumerId: string) => {
      const res = await send(member, consumerId);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('CONTACT_NOT_PERMITTED');
      return res.json().error.details.reasons;
    };

    it('refuses a member who is not real-name verified, or lacks the permission, with the reason', async () => {
      const notVerified = await createMember(ctx.app, a, { customerContact: true }, { signIn: true });
      expect(await reasonsOf(notVerified, zhao.id)).toEqual(['member_not_real_name_verified']);
      const noPermission = await createMember(ctx.app, a, { realNameVerified: true }, { signIn: true });
      expect(await reasonsOf(noPermission, zhao.id)).toEqual(['no_customer_contact_permission']);
      const neither = await createMember(ctx.app, a, {}, { signIn: true });
      expect(await reasonsOf(neither, zhao.id)).toEqual(['member_not_real_name_verified', 'no_customer_contact_permission']);
      expect((await call('GET', '/customer-requests/incoming', zhao.cookie)).json().data).toEqual([]);
    });

    it('refuses an unverified enterprise that allows no trial (limit 0) with enterprise_unverified', async () => {
      const u = await signUpEnterprise(ctx.app);
      const m = await makeContactReadyMember(ctx.app, u, {}, { verify: false });
      expect((await call('PATCH', '/enterprise', u.cookie, { unverifiedCustomerLimit: 0 })).statusCode).toBe(200);
      expect(await reasonsOf(m, zhao.id)).toEqual(['enterprise_unverified']);
    });

    it('checks the gate again when the consumer accepts', async () => {
      const m = await makeContactReadyMember(ctx.app, a, {}, { verify: false });
      const c = await signUpConsumer(ctx.app);
      const sent = await send(m, c.id);
      expect(sent.statusCode).toBe(201);
      expect((await call('PATCH', `/members/${m.id}`, a.cookie, { customerContact: false })).statusCode).toBe(200);
      const res = await call('POST', `/customer-requests/${sent.json().id}/accept`, c.cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'CONTACT_NOT_PERMITTED', details: { reasons: ['no_customer_contact_permission'] } });
      expect((await call('GET', '/contacts/enterprise', c.cookie)).json().data).toEqual([]);
      // the refused transaction left nothing behind: no relationship, no customer.added, the request still pending
      const relations = await ctx.app.platform.db.selectFrom('customer_relations').select('id').where('consumer_id', '=', c.id).execute();
      expect(relations).toEqual([]);
      expect((await consumerEvents(c.id)).some((e) => e.type === 'contact.added')).toBe(false);
      expect((await call('GET', '/customer-requests/incoming', c.cookie)).json().data).toHaveLength(1);
    });

    it('refuses, at accept, a request from a member who has since been disabled', async () => {
      const m = await makeContactReadyMember(ctx.app, a, {}, { verify: false });
      const c = await signUpConsumer(ctx.app);
      const sent = await send(m, c.id);
      expect(sent.statusCode).toBe(201);
      expect((await call('POST', `/members/${m.id}/disable`, a.cookie)).statusCode).toBe(200);
      const res = await call('POST', `/customer-requests/${sent.json().id}/accept`, c.cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'CONTACT_NOT_PERMITTED', details: { reasons: ['member_inactive'] } });
    });

    it('holds an unverified enterprise to its customer limit in total; a consumer already its customer does not count twice', async () => {
      const u = await signUpEnterprise(ctx.app);
      expect((await call('PATCH', '/enterprise', u.cookie, { unverifiedCustomerLimit: 2 })).statusCode).toBe(200);
      const m1 = await makeContactReadyMember(ctx.app, u, {}, { verify: false });
      const m2 = await makeContactReadyMember(ctx.app, u, {}, { verify: false });
      const [c1, c2, c3] = await Promise.all([signUpConsumer(ctx.app), signUpConsumer(ctx.app), signUpConsumer(ctx.app)]);
      await addCustomer(ctx.app, m1, c1);
      await addCustomer(ctx.app, m1, c2);
      const res = await send(m1, c3.id);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'UNVERIFIED_ENTERPRISE_LIMIT', details: { limit: 2 } });
      await addCustomer(ctx.app, m2, c1);
      // a lost customer still counts toward the trial: churn cannot refill it
      expect((await call('DELETE', `/contacts/enterprise/${m1.id}`, c2.cookie)).statusCode).toBe(200);
      expect((await send(m2, c3.id)).json().error.code).toBe('UNVERIFIED_ENTERPRISE_LIMIT');
      // once verified, the trial limit no longer applies
      const { verifyEnterpriseAsPlatform } = await import('../operator/index.js');
      await verifyEnterpriseAsPlatform(ctx.app.platform, u.enterpriseId);
      expect((await send(m2, c3.id)).statusCode).toBe(201);
    });

    it('holds a member to member_customer_limit and the enterprise to enterprise_customer_limit', async () => {
      const e = await signUpEnterprise(ctx.app);
      const m1 = await makeContactReadyMember(ctx.app, e);
      const m2 = await makeContactReadyMember(ctx.app, e, {}, { verify: false });
      expect((await call('PATCH', '/enterprise', e.cookie, { memberCustomerLimit: 1, enterpriseCustomerLimit: 2 })).statusCode).toBe(200);
      const [c1, c2, c3] = await Promise.all([signUpConsumer(ctx.app), signUpConsumer(ctx.app), signUpConsumer(ctx.app)]);
      await addCustomer(ctx.app, m1, c1);
      const full = await send(m1, c2.id);
      expect(full.statusCode).toBe(409);
      expect(full.json().error).toMatchObject({ code: 'MEMBER_CUSTOMER_LIMIT', details: { limit: 1 } });
      await addCustomer(ctx.app, m2, c2);
      const m3 = await makeContactReadyMember(ctx.app, e, {}, { verify: false });
      const entFull = await send(m3, c3.id);
      expect(entFull.statusCode).toBe(409);
      expect(entFull.json().error.code).toBe('ENTERPRISE_CUSTOMER_LIMIT');
      // following a consumer who already is an enterprise customer adds no enterprise customer
      await addCustomer(ctx.app, m3, c1);
    });

    it('concurrent accepts at the member cap never exceed it', async () => {
      const e = await signUpEnterprise(ctx.app);
      const m = await makeContactReadyMember(ctx.app, e);
      const consumers = await Promise.all(Array.from({ length: 6 }, () => signUpConsumer(ctx.app)));
      const requestIds: string[] = [];
      for (const c of consumers) requestIds.push((await send(m, c.id)).json().id);
      expect((await call('PATCH', '/enterprise', e.cookie, { memberCustomerLimit: 2 })).statusCode).toBe(200);
      const results = await Promise.all(consumers.map((c, i) => call('POST', `/customer-requests/${requestIds[i]}/accept`, c.cookie)));
      const codes = results.map((r) => (r.statusCode === 200 ? 'ok' : r.json().error.code)).sort();
      expect(codes).toEqual([
        'MEMBER_CUSTOMER_LIMIT',
        'MEMBER_CUSTOMER_LIMIT',
        'MEMBER_CUSTOMER_LIMIT',
        'MEMBER_CUSTOMER_LIMIT',
        'ok',
        'ok',
      ]);
      expect((await call('GET', '/customers?status=active', m.cookie)).json().data).toHaveLength(2);
    });

    it('concurrent accepts for several members at the enterprise limit never exceed it', async () => {
      const e = await signUpEnterprise(ctx.app);
      const members = [await makeContactReadyMember(ctx.app, e)];
      for (let i = 0; i < 3; i++) members.push(await makeContactReadyMember(ctx.app, e, {}, { verify: false }));
      const consumers = await Promise.all(members.map(() => signUpConsumer(ctx.app)));
      const requestIds: string[] = [];
      for (const [i, m] of members.entries()) requestIds.push((await send(m, consumers[i].id)).json().id);
      expect((await call('PATCH', '/enterprise', e.cookie, { enterpriseCustomerLimit: 2 })).statusCode).toBe(200);
      const results = await Promise.all(consumers.map((c, i) => call('POST', `/customer-requests/${requestIds[i]}/accept`, c.cookie)));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
      for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().error.code).toBe('ENTERPRISE_CUSTOMER_LIMIT');
      expect((await call('GET', '/enterprise-customers?status=active', e.cookie)).json().data).toHaveLength(2);
    });

    it('concurrent accepts for several members at the unverified limit never exceed it', async () => {
      const u = await signUpEnterprise(ctx.app);
      const members = await Promise.all([0, 1, 2].map(() => makeContactReadyMember(ctx.app, u, {}, { verify: false })));
      const consumers = await Promise.all(members.map(() => signUpConsumer(ctx.app)));
      const requestIds: string[] = [];
      for (const [i, m] of members.entries()) requestIds.push((await send(m, consumers[i].id)).json().id);
      expect((await call('PATCH', '/enterprise', u.cookie, { unverifiedCustomerLimit: 1 })).statusCode).toBe(200);
      const results = await Promise.all(consumers.map((c, i) => call('POST', `/customer-requests/${requestIds[i]}/accept`, c.cookie)));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().error.code).toBe('UNVERIFIED_ENTERPRISE_LIMIT');
      expect((await call('GET', '/enterprise-customers', u.cookie)).json().data).toHaveLength(1);
    });
  });
});
