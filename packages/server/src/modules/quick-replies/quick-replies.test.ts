import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CreatedMember, createMember, type SignedUpEnterprise, signUpEnterprise } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller, type Method } from '../../../test/http.js';

describeEngines('quick replies', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let a: SignedUpEnterprise;
  let b: SignedUpEnterprise;
  let guide: CreatedMember;
  let other: CreatedMember;
  let entGroup: string;
  let entReply: string;
  let myGroup: string;
  let myReply: string;

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app);
    b = await signUpEnterprise(ctx.app);
    guide = await createMember(ctx.app, a, {}, { signIn: true });
    other = await createMember(ctx.app, a, {}, { signIn: true });
    const g = await call('POST', '/quick-reply-groups', a.cookie, { scope: 'enterprise', name: 'Greetings' });
    expect(g.statusCode, g.body).toBe(201);
    entGroup = g.json().id;
    const r = await call('POST', '/quick-replies', a.cookie, {
      scope: 'enterprise',
      groupId: entGroup,
      title: 'Hello',
      text: 'Welcome to our STORE!',
    });
    expect(r.statusCode, r.body).toBe(201);
    entReply = r.json().id;
    await call('POST', '/quick-replies', a.cookie, { scope: 'enterprise', title: 'Hours', text: 'We open at 10:00 (100% sure)' });
    const mg = await call('POST', '/quick-reply-groups', guide.cookie, { scope: 'personal', name: 'Mine' });
    myGroup = mg.json().id;
    const mr = await call('POST', '/quick-replies', guide.cookie, {
      scope: 'personal',
      groupId: myGroup,
      title: 'Store address',
      text: 'Nanjing Road 1',
    });
    expect(mr.statusCode, mr.body).toBe(201);
    myReply = mr.json().id;
  });

  describe('access', () => {
    const endpoints = (): Array<{ method: Method; url: string; body?: unknown }> => [
      { method: 'GET', url: '/quick-replies' },
      { method: 'POST', url: '/quick-replies', body: { scope: 'personal', title: 't', text: 't' } },
      { method: 'PATCH', url: `/quick-replies/${entReply}`, body: { title: 'x' } },
      { method: 'DELETE', url: `/quick-replies/${entReply}` },
      { method: 'GET', url: '/quick-reply-groups' },
      { method: 'POST', url: '/quick-reply-groups', body: { scope: 'personal', name: 'x' } },
      { method: 'PATCH', url: `/quick-reply-groups/${entGroup}`, body: { name: 'x' } },
      { method: 'DELETE', url: `/quick-reply-groups/${entGroup}` },
    ];

    it('every endpoint requires auth (401)', async () => {
      for (const e of endpoints()) {
        const res = await call(e.method, e.url, undefined, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    });

    it('the enterprise library is read by members and written by admins only (403)', async () => {
      const writes: Array<[Method, string, unknown]> = [
        ['POST', '/quick-replies', { scope: 'enterprise', title: 't', text: 't' }],
        ['PATCH', `/quick-replies/${entReply}`, { title: 'x' }],
        ['DELETE', `/quick-replies/${entReply}`, undefined],
        ['POST', '/quick-reply-groups', { scope: 'enterprise', name: 'x' }],
        ['PATCH', `/quick-reply-groups/${entGroup}`, { name: 'x' }],
        ['DELETE', `/quick-reply-groups/${entGroup}`, undefined],
      ];
      for (const [method, url, body] of writes) {
        const res = await call(method, url, guide.cookie, body);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    });

    it("another enterprise's and another member's items answer 404", async () => {
      const cases: Array<[string, Method, string, unknown, string]> = [
        [b.cookie, 'PATCH', `/quick-replies/${entReply}`, { title: 'x' }, 'QUICK_REPLY_NOT_FOUND'],
        [b.cookie, 'DELETE', `/quick-replies/${entReply}`, undefined, 'QUICK_REPLY_NOT_FOUND'],
        [b.cookie, 'PATCH', `/quick-reply-groups/${entGroup}`, { name: 'x' }, 'QUICK_REPLY_GROUP_NOT_FOUND'],
        [b.cookie, 'DELETE', `/quick-reply-groups/${entGroup}`, undefined, 'QUICK_REPLY_GROUP_NOT_FOUND'],
        [
          b.cookie,
          'POST',
          '/quick-replies',
          { scope: 'enterprise', groupId: entGroup, title: 't', text: 't' },
          'QUICK_REPLY_GROUP_NOT_FOUND',
        ],
        [other.cookie, 'PATCH', `/quick-replies/${myReply}`, { title: 'x' }, 'QUICK_REPLY_NOT_FOUND'],
        [other.cookie, 'DELETE', `/quick-replies/${myReply}`, undefined, 'QUICK_REPLY_NOT_FOUND'],
        [other.cookie, 'DELETE', `/quick-reply-groups/${myGroup}`, undefined, 'QUICK_REPLY_GROUP_NOT_FOUND'],
        [
          other.cookie,
          'POST',
          '/quick-replies',
          { scope: 'personal', groupId: myGroup, title: 't', text: 't' },
          'QUICK_REPLY_GROUP_NOT_FOUND',
        ],
        // a personal item cannot go in an enterprise group
        [
          guide.cookie,
          'POST',
          '/quick-replies',
          { scope: 'personal', groupId: entGroup, title: 't', text: 't' },
          'QUICK_REPLY_GROUP_NOT_FOUND',
        ],
      ];
      for (const [cookie, method, url, body, code] of cases) {
        const res = await call(method, url, cookie, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe(code);
      }
      expect((await call('GET', '/quick-replies', b.cookie)).json().data).toEqual([]);
      const theirs = await call('GET', '/quick-replies?scope=personal', other.cookie);
      expect(theirs.json().data).toEqual([]);
    });
  });

  describe('search', () => {
    it('searches title and text ignoring case, grouped by scope and group', async () => {
      const all = await call('GET', '/quick-replies', guide.cookie);
      expect(all.statusCode).toBe(200);
      expect(all.json().data.map((g: { scope: string; groupName: string | null }) => [g.scope, g.groupName])).toEqual([
        ['enterprise', 'Greetings'],
        ['enterprise', null],
        ['personal', 'Mine'],
      ]);
      const store = await call('GET', '/quick-replies?q=store', guide.cookie);
      const ids = store.json().data.flatMap((g: { items: Array<{ id: string }> }) => g.items.map((i) => i.id));
      expect(ids.sort()).toEqual([entReply, myReply].sort());
      const personal = await call('GET', '/quick-replies?q=STORE&scope=personal', guide.cookie);
      expect(personal.json().data).toHaveLength(1);
      expect(personal.json().data[0].items[0].id).toBe(myReply);
      // % and _ are literal
      const pct = await call('GET', '/quick-replies?q=100%25', guide.cookie);
      expect(pct.json().data.flatMap((g: { items: Array<{ title: string }> }) => g.items.map((i) => i.title))).toEqual(['Hours']);
      expect((await call('GET', '/quick-replies?q=%25', guide.cookie)).json().data).toHaveLength(1);
      expect((await call('GET', '/quick-replies?q=_', guide.cookie)).json().data).toEqual([]);
      const groups = await call('GET', '/quick-reply-groups', guide.cookie);
      expect(
        groups
          .json()
          .data.map((g: { name: string }) => g.name)
          .sort(),
      ).toEqual(['Greetings', 'Mine']);
    });

    it('edits, regroups and deletes; deleting a group keeps its replies ungrouped', async () => {
      const patched = await call('PATCH', `/quick-replies/${myReply}`, guide.cookie, { title: 'Address', groupId: null });
      expect(patched.json()).toMatchObject({ title: 'Address', groupId: null, scope: 'personal' });
      const g = await call('POST', '/quick-reply-groups', a.cookie, { scope: 'enterprise', name: 'Temp' });
      const r = await call('POST', '/quick-replies', a.cookie, {
        scope: 'enterprise',
        groupId: g.json().id,
        title: 'Bye',
        text: 'See you',
      });
      expect((await call('PATCH', `/quick-reply-groups/${g.json().id}`, a.cookie, { name: 'Later' })).json().name).toBe('Later');
      expect((await call('DELETE', `/quick-reply-groups/${g.json().id}`, a.cookie)).statusCode).toBe(200);
      const found = await call('GET', '/quick-replies?q=see%20you', guide.cookie);
      expect(found.json().data[0].items[0]).toMatchObject({ id: r.json().id, groupId: null });
      expect((await call('DELETE', `/quick-replies/${r.json().id}`, a.cookie)).statusCode).toBe(200);
      expect((await call('GET', '/quick-replies?q=see%20you', guide.cookie)).json().data).toEqual([]);
    });

    it('validates sizes: title ≤ 64, text ≤ 1,000', async () => {
      expect((await call('POST', '/quick-replies', guide.cookie, { scope: 'personal', title: 'x'.repeat(65), text: 't' })).statusCode).toBe(
        400,
      );
      expect(
        (await call('POST', '/quick-replies', guide.cookie, { scope: 'personal', title: 't', text: 'x'.repeat(1001) })).statusCode,
      ).toBe(400);
      expect(
        (await call('POST', '/quick-replies', guide.cookie, { scope: 'personal', title: 't', text: 'x'.repeat(1000) })).statusCode,
      ).toBe(201);
    });
  });

  it('random bodies and queries never cause a 5xx', async () => {
    const nasty = fc.oneof(
      fc.string(),
      fc.constantFrom('', ' ', '\u0000', '%', '_', '\\', entGroup, myGroup, 'enterprise', 'personal'),
      fc.anything(),
    );
    const body = fc.oneof(
      fc.anything(),
      fc.record({ scope: nasty, title: nasty, text: nasty, groupId: nasty, name: nasty }, { requiredKeys: [] }),
    );
    const routes: Array<[Method, string]> = [
      ['POST', '/quick-replies'],
      ['PATCH', `/quick-replies/${myReply}`],
      ['POST', '/quick-reply-groups'],
      ['PATCH', `/quick-reply-groups/${myGroup}`],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, fc.boolean(), async ([method, url], payload, admin) => {
        const res = await call(method, url, admin ? a.cookie : guide.cookie, payload);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string(), async (q) => {
        const res = await call('GET', `/quick-replies?q=${encodeURIComponent(q)}&scope=all`, guide.cookie);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
