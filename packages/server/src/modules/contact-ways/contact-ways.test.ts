import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addCustomer,
  type CreatedMember,
  makeContactReadyMember,
  type SignedUpEnterprise,
  signUpConsumer,
  signUpEnterprise,
} from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller, type Method } from '../../../test/http.js';
import { registerJobHandlers } from '../../app.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { localClock } from './contact-ways.policy.js';
import { claimDailySlot } from './contact-ways.repository.js';

type Consumer = Awaited<ReturnType<typeof signUpConsumer>>;
interface Way {
  id: string;
  name: string;
  url: string;
  adds: number;
  addsToday?: number;
}

const tokenOf = (way: Way) => way.url.split('/').pop() as string;

describeEngines('contact ways', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let a: SignedUpEnterprise;
  let b: SignedUpEnterprise;
  let guide: CreatedMember;
  let colleague: CreatedMember;
  let tagId: string;
  let runner: JobRunner;

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app, { shortName: 'Acme' });
    b = await signUpEnterprise(ctx.app);
    guide = await makeContactReadyMember(ctx.app, a, { name: 'Guide Wang', title: 'Store guide' });
    colleague = await makeContactReadyMember(ctx.app, a, { name: 'Guide Li' });
    const group = await call('POST', '/tag-groups', a.cookie, { name: 'Channel', tags: [{ name: 'Spring fair' }] });
    expect(group.statusCode, group.body).toBe(201);
    tagId = group.json().tags[0].id;
    runner = registerJobHandlers(new JobRunner(ctx.app.platform));
  });

  const drain = async () => {
    while ((await runner.runOnce()) > 0) {
      // until no job is due
    }
  };
  const createWay = async (cookie: string, body: Record<string, unknown>): Promise<Way> => {
    const res = await call('POST', '/contact-ways', cookie, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const addVia = (way: Way, consumer: Consumer) => call('POST', `/contact-links/${tokenOf(way)}/add`, consumer.cookie);
  const customersOf = async (member: { cookie: string }) => {
    const res = await call('GET', '/customers', member.cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as Array<Record<string, unknown> & { id: string; consumer: { id: string } }>;
  };

  describe('access', () => {
    let way: Way;
    beforeAll(async () => {
      way = await createWay(a.cookie, { type: 'single', memberIds: [guide.id], name: 'Counter' });
    });
    const endpoints = (): Array<{ method: Method; url: string; body?: unknown }> => [
      { method: 'POST', url: '/contact-ways', body: { type: 'single', name: 'x' } },
      { method: 'GET', url: '/contact-ways' },
      { method: 'GET', url: '/contact-ways/summary' },
      { method: 'GET', url: '/contact-ways/mine' },
      { method: 'GET', url: `/contact-ways/${way.id}` },
      { method: 'PATCH', url: `/contact-ways/${way.id}`, body: { name: 'y' } },
      { method: 'DELETE', url: `/contact-ways/${way.id}` },
      { method: 'GET', url: `/contact-ways/${way.id}/qr.png` },
      { method: 'GET', url: `/contact-ways/${way.id}/qr.svg` },
      { method: 'GET', url: '/contact-way-requests' },
      { method: 'POST', url: '/contact-way-requests/01hnobody00000000000000000/accept' },
      { method: 'POST', url: '/contact-way-requests/01hnobody00000000000000000/decline' },
      { method: 'POST', url: `/contact-links/${tokenOf(way)}/add` },
    ];

    it('every private endpoint requires auth (401), even with a bad body', async () => {
      for (const e of endpoints()) {
        const res = await call(e.method, e.url, undefined, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
        if (e.body !== undefined) expect((await call(e.method, e.url, undefined, { junk: true })).statusCode).toBe(401);
      }
    });

    it("another enterprise's way answers 404", async () => {
      for (const e of endpoints().filter((x) => x.url.startsWith(`/contact-ways/${way.id}`))) {
        const res = await call(e.method, e.url, b.cookie, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(404);
        expect(res.json().error.code).toBe('CONTACT_WAY_NOT_FOUND');
      }
      const list = await call('GET', '/contact-ways', b.cookie);
      expect(list.json().data.map((w: Way) => w.id)).not.toContain(way.id);
    });

    it('a plain member gets 403 on admin routes, sees a way offering them but cannot change it, and 404 on others', async () => {
      expect((await call('GET', '/contact-ways', guide.cookie)).statusCode).toBe(403);
      expect((await call('GET', '/contact-ways/summary', guide.cookie)).statusCode).toBe(403);
      expect((await call('GET', `/contact-ways/${way.id}`, guide.cookie)).statusCode).toBe(200);
      expect((await call('GET', `/contact-ways/${way.id}/qr.svg`, guide.cookie)).statusCode).toBe(200);
      expect((await call('PATCH', `/contact-ways/${way.id}`, guide.cookie, { name: 'Mine now' })).statusCode).toBe(404);
      expect((await call('DELETE', `/contact-ways/${way.id}`, guide.cookie)).statusCode).toBe(404);
      expect((await call('GET', `/contact-ways/${way.id}`, colleague.cookie)).json().error.code).toBe('CONTACT_WAY_NOT_FOUND');
      const multi = await call('POST', '/contact-ways', guide.cookie, { type: 'multi', memberIds: [guide.id, colleague.id], name: 'x' });
      expect(multi.statusCode).toBe(403);
      const forOther = await call('POST', '/contact-ways', guide.cookie, { type: 'single', memberIds: [colleague.id], name: 'x' });
      expect(forOther.statusCode).toBe(403);
    });

    it('a member creates a single way for themselves and lists it as mine beside the ways offering them; one who fails the gate cannot', async () => {
      const mine = await createWay(guide.cookie, { type: 'single', name: 'My card' });
      const list = await call('GET', '/contact-ways/mine', guide.cookie);
      expect(list.json().data.map((w: Way) => w.id)).toEqual([mine.id, way.id]);
      expect((await call('GET', '/contact-ways/mine', colleague.cookie)).json().data).toEqual([]);
      expect((await call('GET', `/contact-ways/${mine.id}`, guide.cookie)).statusCode).toBe(200);
      const unverified = await makeContactReadyMember(ctx.app, a, { realNameVerified: false });
      const refused = await call('POST', '/contact-ways', unverified.cookie, { type: 'single', name: 'x' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('CONTACT_NOT_PERMITTED');
    });

    it('an unknown token answers 404 CONTACT_WAY_NOT_FOUND', async () => {
      const consumer = await signUpConsumer(ctx.app);
      for (const res of [
        await call('GET', '/contact-links/nope-not-a-token'),
        await call('POST', '/contact-links/nope/add', consumer.cookie),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('CONTACT_WAY_NOT_FOUND');
      }
    });
  });

  describe('lists', () => {
    it('filter by text (name, state, remark), member and type, with adds in all and today', async () => {
      const e = await signUpEnterprise(ctx.app);
      const ming = await makeContactReadyMember(ctx.app, e, { name: 'Ming' });
      const hong = await makeContactReadyMember(ctx.app, e, { name: 'Hong' });
      const poster = await createWay(e.cookie, {
        type: 'multi',
        memberIds: [ming.id, hong.id],
        name: 'Poster',
        state: 'mall-b1',
        skipVerify: true,
      });
      const desk = await createWay(e.cookie, { type: 'single', memberIds: [hong.id], name: 'Desk', remark: '100% 会员' });
      expect((await addVia(poster, await signUpConsumer(ctx.app))).json().status).toBe('added');
      const ids = async (query: string) =>
        (await call('GET', `/contact-ways?${query}`, e.cookie)).json().data.map((w: Way) => [w.name, w.adds, w.addsToday]);
      expect(await ids('')).toEqual([
        ['Desk', 0, 0],
        ['Poster', 1, 1],
      ]);
      expect(await ids('q=MALL')).toEqual([['Poster', 1, 1]]);
      expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([['Desk', 0, 0]]);
      expect(await ids(`memberId=${ming.id}`)).toEqual([['Poster', 1, 1]]);
      expect(await ids('type=single')).toEqual([['Desk', 0, 0]]);
      expect((await call('GET', '/contact-ways?type=group', e.cookie)).json().error.code).toBe('VALIDATION_FAILED');
      const mine = await call('GET', '/contact-ways/mine?q=desk', hong.cookie);
      expect(mine.json().data.map((w: Way) => w.id)).toEqual([desk.id]);

      // The totals count every matching way, whatever page the list is on.
      expect((await call('GET', '/contact-ways?limit=1', e.cookie)).json().data).toHaveLength(1);
      const summary = async (query: string) => (await call('GET', `/contact-ways/summary?${query}`, e.cookie)).json();
      expect(await summary('')).toEqual({ ways: 2, multi: 1, adds: 1, addsToday: 1 });
      expect(await summary('type=single')).toEqual({ ways: 1, multi: 0, adds: 0, addsToday: 0 });
      expect(await summary(`memberId=${ming.id}`)).toEqual({ ways: 1, multi: 1, adds: 1, addsToday: 1 });
      expect(await summary('q=nothing-like-it')).toEqual({ ways: 0, multi: 0, adds: 0, addsToday: 0 });
      expect((await call('GET', '/contact-ways/summary?limit=5', e.cookie)).json().error.code).toBe('VALIDATION_FAILED');
      // another enterprise's admin counts only their own ways
      const other = await signUpEnterprise(ctx.app);
      expect((await call('GET', '/contact-ways/summary', other.cookie)).json()).toEqual({ ways: 0, multi: 0, adds: 0, addsToday: 0 });
    });
  });

  describe('validation', () => {
    it('refuses bad bodies with VALIDATION_FAILED (or TAG_NOT_FOUND / MEMBER_NOT_FOUND) and writes nothing', async () => {
      const base = { type: 'single', memberIds: [guide.id], name: 'Door' };
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ ...base, state: 'x'.repeat(31) }, 'VALIDATION_FAILED'],
        [{ ...base, remark: 'x'.repeat(21) }, 'VALIDATION_FAILED'],
        [{ ...base, name: '' }, 'VALIDATION_FAILED'],
        [{ ...base, memberIds: [guide.id, colleague.id] }, 'VALIDATION_FAILED'],
        [{ ...base, type: 'multi', memberIds: [guide.id, guide.id] }, 'VALIDATION_FAILED'],
        [{ ...base, type: 'multi', memberIds: Array.from({ length: 101 }, (_, i) => `m${i}`) }, 'VALIDATION_FAILED'],
        [{ ...base, welcome: { text: 'x'.repeat(1001), attachments: [] } }, 'VALIDATION_FAILED'],
        [{ ...base, dailyCapPerMember: -1 }, 'VALIDATION_FAILED'],
        [{ ...base, schedules: [{ memberId: guide.id, windows: [{ weekday: 1, start: '18:00', end: '09:00' }] }] }, 'VALIDATION_FAILED'],
        [{ ...base, schedules: [{ memberId: colleague.id, windows: [] }] }, 'VALIDATION_FAILED'],
        [{ ...base, schedules: [{ memberId: guide.id, windows: [{ weekday: 7, start: '09:00', end: '18:00' }] }] }, 'VALIDATION_FAILED'],
        [{ ...base, extra: true }, 'VALIDATION_FAILED'],
        [{ ...base, tagIds: ['01hnotag000000000000000000'] }, 'TAG_NOT_FOUND'],
        [{ ...base, memberIds: ['01hnobody00000000000000000'] }, 'MEMBER_NOT_FOUND'],
      ];
      const before = (await call('GET', '/contact-ways', a.cookie)).json().data.length;
      for (const [body, code] of bad) {
        const res = await call('POST', '/contact-ways', a.cookie, body);
        expect(res.json().error?.code, JSON.stringify(body).slice(0, 120)).toBe(code);
      }
      expect((await call('GET', '/contact-ways', a.cookie)).json().data.length).toBe(before);
    });
  });

  describe('adding through a link', () => {
    it('skipVerify: added at once with state, remark, auto-tags and the way’s own welcome message', async () => {
      await call('PUT', '/members/me/welcome-message', guide.cookie, { text: 'The guide’s own welcome', attachments: [] });
      const way = await createWay(a.cookie, {
        type: 'single',
        memberIds: [guide.id],
        name: 'Spring fair',
        skipVerify: true,
        state: 'fair-2026',
        remark: 'Fair visitor',
        tagIds: [tagId],
        welcome: {
          text: 'Welcome from the fair!',
          attachments: [{ kind: 'link', body: { url: 'https://example.com/fair', title: 'Fair' } }],
        },
      });
      const opened = await call('GET', `/contact-links/${tokenOf(way)}`);
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.json().card).toMatchObject({
        memberId: guide.id,
        name: 'Guide Wang',
        enterpriseShortName: 'Acme',
        enterpriseVerified: true,
      });

      const lin = await signUpConsumer(ctx.app, { nickname: 'Lin' });
      const added = await addVia(way, lin);
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json()).toMatchObject({ status: 'added', requestId: null, card: { memberId: guide.id } });
      const customer = (await customersOf(guide)).find((c) => c.consumer.id === lin.id);
      expect(customer).toMatchObject({ addSource: 'contact_way', contactWayId: way.id, state: 'fair-2026', remark: 'Fair visitor' });
      expect((customer?.tags as Array<{ id: string }>).map((t) => t.id)).toEqual([tagId]);

      await drain();
      const conversationId = customer?.conversationId as string;
      const messages = await call('GET', `/conversations/${conversationId}/messages?as=consumer`, lin.cookie);
      const texts = (messages.json().data as Array<{ kind: string; body: { text?: string } }>).map((m) => m.body.text ?? m.kind);
      expect(texts).toEqual(['Welcome from the fair!', 'link']);

      // again: the same relation, nothing added
      const again = await addVia(way, lin);
      expect(again.json()).toMatchObject({ status: 'added', card: { memberId: guide.id } });
      expect((await customersOf(guide)).filter((c) => c.consumer.id === lin.id)).toHaveLength(1);
      const listed = await call('GET', `/contact-ways/${way.id}`, a.cookie);
      expect(listed.json().adds).toBe(1);
    });

    it('without skipVerify: a request the member accepts, carrying the way’s data', async () => {
      const way = await createWay(a.cookie, { type: 'single', memberIds: [colleague.id], name: 'Desk', state: 'desk', remark: 'Desk' });
      const zhao = await signUpConsumer(ctx.app, { nickname: 'Zhao' });
      const res = await addVia(way, zhao);
      expect(res.json()).toMatchObject({ status: 'pending', card: { memberId: colleague.id } });
      const requestId = res.json().requestId as string;
      expect((await addVia(way, zhao)).json().requestId).toBe(requestId);
      expect(await customersOf(colleague)).toHaveLength(0);

      const pending = await call('GET', '/contact-way-requests', colleague.cookie);
      expect(pending.json().data).toEqual([expect.objectContaining({ id: requestId, consumerNickname: 'Zhao', contactWayId: way.id })]);
      expect((await call('POST', `/contact-way-requests/${requestId}/accept`, guide.cookie)).statusCode).toBe(404);
      const accepted = await call('POST', `/contact-way-requests/${requestId}/accept`, colleague.cookie);
      expect(accepted.statusCode, accepted.body).toBe(200);
      const again = await call('POST', `/contact-way-requests/${requestId}/accept`, colleague.cookie);
      expect(again.json().customerId).toBe(accepted.json().customerId);
      const customer = (await customersOf(colleague)).find((c) => c.consumer.id === zhao.id);
      expect(customer).toMatchObject({ id: accepted.json().customerId, addSource: 'contact_way', state: 'desk', remark: 'Desk' });
      expect((await addVia(way, zhao)).json().status).toBe('added');
    });

    it('the member declines: only they can, the consumer may ask again, a declined request cannot be accepted', async () => {
      const way = await createWay(a.cookie, { type: 'single', memberIds: [colleague.id], name: 'Declines' });
      const qian = await signUpConsumer(ctx.app, { nickname: 'Qian' });
      const requestId = (await addVia(way, qian)).json().requestId as string;
      expect((await call('POST', `/contact-way-requests/${requestId}/decline`, guide.cookie)).statusCode).toBe(404);
      expect((await call('POST', `/contact-way-requests/${requestId}/decline`, b.cookie)).statusCode).toBe(404);
      const declined = await call('POST', `/contact-way-requests/${requestId}/decline`, colleague.cookie);
      expect(declined.statusCode, declined.body).toBe(200);
      expect((await call('POST', `/contact-way-requests/${requestId}/decline`, colleague.cookie)).statusCode).toBe(200);
      const accept = await call('POST', `/contact-way-requests/${requestId}/accept`, colleague.cookie);
      expect(accept.json().error.code).toBe('CONTACT_WAY_REQUEST_NOT_FOUND');
      expect((await call('GET', '/contact-way-requests', colleague.cookie)).json().data.map((r: { id: string }) => r.id)).not.toContain(
        requestId,
      );
      const again = await addVia(way, qian);
      expect(again.json()).toMatchObject({ status: 'pending' });
      expect(again.json().requestId).not.toBe(requestId);
    });

    it('a consumer adding through links more than 10 times a minute is refused with 429 RATE_LIMITED', async () => {
      const way = await createWay(a.cookie, { type: 'single', memberIds: [colleague.id], name: 'Hammered' });
      const zhou = await signUpConsumer(ctx.app, { nickname: 'Zhou' });
      const codes: number[] = [];
      for (let i = 0; i < 10; i++) codes.push((await addVia(way, zhou)).statusCode);
      expect(codes).toEqual(Array(10).fill(200));
      const refused = await addVia(way, zhou);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await addVia(way, await signUpConsumer(ctx.app))).statusCode).toBe(200); // others are unaffected
    });

    it('a request unanswered for a week lapses: gone from the list, not acceptable, and asking again makes a new one', async () => {
      const way = await createWay(a.cookie, { type: 'single', memberIds: [colleague.id], name: 'Lapses' });
      const sun = await signUpConsumer(ctx.app, { nickname: 'Sun' });
      const requestId = (await addVia(way, sun)).json().requestId as string;
      const weekAgo = Date.now() - 7 * 24 * 3600_000 - 1000;
      await ctx.app.platform.db.updateTable('contact_way_requests').set({ created_at: weekAgo }).where('id', '=', requestId).execute();
      expect((await call('GET', '/contact-way-requests', colleague.cookie)).json().data.map((r: { id: string }) => r.id)).not.toContain(
        requestId,
      );
      expect((await call('POST', `/contact-way-requests/${requestId}/accept`, colleague.cookie)).statusCode).toBe(404);
      expect((await call('POST', `/contact-way-requests/${requestId}/decline`, colleague.cookie)).statusCode).toBe(404);
      const again = await addVia(way, sun);
      expect(again.json().status).toBe('pending');
      expect(again.json().requestId).not.toBe(requestId);
    });
  });

  describe('rotation and caps', () => {
    it('alternates among members, skipping one disabled, one at capacity and one outside their schedule', async () => {
      const c = await signUpEnterprise(ctx.app);
      const members: CreatedMember[] = [];
      for (const name of ['First', 'Second', 'Disabled', 'Full', 'Off']) members.push(await makeContactReadyMember(ctx.app, c, { name }));
      const [m1, m2, mDisabled, mFull, mOff] = members as [CreatedMember, CreatedMember, CreatedMember, CreatedMember, CreatedMember];
      const db = ctx.app.platform.db;
      await db.updateTable('enterprises').set({ member_customer_limit: 2 }).where('id', '=', c.enterpriseId).execute();
      for (let i = 0; i < 2; i++) await addCustomer(ctx.app, mFull, await signUpConsumer(ctx.app));
      await db.updateTable('members').set({ status: 'disabled' }).where('id', '=', mDisabled.id).execute();
      const enterprise = await db.selectFrom('enterprises').select('timezone').where('id', '=', c.enterpriseId).executeTakeFirstOrThrow();
      const tomorrow = (localClock(enterprise.timezone, Date.now()).weekday + 1) % 7;
      const way = await createWay(c.cookie, {
        type: 'multi',
        memberIds: [mDisabled.id, m1.id, mFull.id, mOff.id, m2.id],
        name: 'Mall',
        skipVerify: true,
        schedules: [{ memberId: mOff.id, windows: [{ weekday: tomorrow, start: '00:00', end: '24:00' }] }],
      });
      const picked: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await addVia(way, await signUpConsumer(ctx.app));
        expect(res.statusCode, res.body).toBe(200);
        picked.push(res.json().card.memberId);
      }
      expect(picked).toEqual([m1.id, m2.id, m1.id, m2.id]);
      // both are now at capacity (2): nobody is left
      const none = await addVia(way, await signUpConsumer(ctx.app));
      expect(none.statusCode).toBe(409);
      expect(none.json().error.code).toBe('CONTACT_WAY_UNAVAILABLE');
      expect((await call('GET', `/contact-links/${tokenOf(way)}`)).json().error.code).toBe('CONTACT_WAY_UNAVAILABLE');
    });

    it('concurrent adds never exceed the per-member daily cap', async () => {
      const c = await signUpEnterprise(ctx.app);
      const m1 = await makeContactReadyMember(ctx.app, c);
      const m2 = await makeContactReadyMember(ctx.app, c);
      const way = await createWay(c.cookie, {
        type: 'multi',
        memberIds: [m1.id, m2.id],
        name: 'Rush',
        skipVerify: true,
        dailyCapPerMember: 3,
      });
      const consumers = await Promise.all(Array.from({ length: 12 }, () => signUpConsumer(ctx.app)));
      const results = await Promise.all(consumers.map((consumer) => addVia(way, consumer)));
      const ok = results.filter((r) => r.statusCode === 200);
      expect(ok).toHaveLength(6);
      for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().error.code).toBe('CONTACT_WAY_UNAVAILABLE');
      const byMember = new Map<string, number>();
      for (const r of ok) byMember.set(r.json().card.memberId, (byMember.get(r.json().card.memberId) ?? 0) + 1);
      expect(Object.fromEntries(byMember)).toEqual({ [m1.id]: 3, [m2.id]: 3 });
      expect(await customersOf(m1)).toHaveLength(3);
      expect((await call('GET', `/contact-ways/${way.id}`, c.cookie)).json().adds).toBe(6);
    });

    it('the daily claim is per member and per enterprise-local day', async () => {
      const way = await createWay(a.cookie, { type: 'single', memberIds: [guide.id], name: 'Days', dailyCapPerMember: 2 });
      const db = ctx.app.platform.db;
      const claims = [];
      for (const day of ['2026-11-23', '2026-11-23', '2026-11-23', '2026-11-24'])
        claims.push(await claimDailySlot(db, way.id, guide.id, day, 2));
      expect(claims).toEqual([true, true, false, true]);
      expect(await claimDailySlot(db, way.id, colleague.id, '2026-11-23', 2)).toBe(true);
    });
  });

  describe('QR images', () => {
    it('serves PNG and SVG of the link to the owner and admins', async () => {
      const way = await createWay(guide.cookie, { type: 'single', name: 'QR' });
      const png = await call('GET', `/contact-ways/${way.id}/qr.png`, guide.cookie);
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.rawPayload.length).toBeGreaterThan(200);
      const svg = await call('GET', `/contact-ways/${way.id}/qr.svg`, a.cookie);
      expect(svg.statusCode).toBe(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(way.url).toBe(`${ctx.app.platform.config.publicUrl}/app/add/${tokenOf(way)}`);
      expect(svg.body).toBe(await QRCode.toString(way.url, { type: 'svg', margin: 2 }));
      expect((await call('GET', `/contact-ways/${way.id}/qr.png`, colleague.cookie)).statusCode).toBe(404);
    });
  });

  describe('update and delete', () => {
    it('an admin changes and deletes a way; its link then answers 404', async () => {
      const way = await createWay(a.cookie, { type: 'multi', memberIds: [guide.id, colleague.id], name: 'Old' });
      const patched = await call('PATCH', `/contact-ways/${way.id}`, a.cookie, { name: 'New', memberIds: [colleague.id], state: 'new' });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({ name: 'New', memberIds: [colleague.id], state: 'new' });
      expect((await call('GET', `/contact-links/${tokenOf(way)}`)).json().card.memberId).toBe(colleague.id);
      expect((await call('DELETE', `/contact-ways/${way.id}`, a.cookie)).statusCode).toBe(200);
      expect((await call('GET', `/contact-links/${tokenOf(way)}`)).statusCode).toBe(404);
    });
  });
});
