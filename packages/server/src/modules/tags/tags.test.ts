import fc from 'fast-check';
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
import { newId } from '../../platform/ids.js';
import { crmUrlOf, listTagsOfCustomers } from './index.js';

describeEngines('tags', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let a: SignedUpEnterprise;
  let b: SignedUpEnterprise;
  let guide: CreatedMember; // contact-ready member of A in the root department
  let north: CreatedMember; // contact-ready member of A in North / North-1
  let plain: CreatedMember; // a member of A, not an admin
  let guideB: CreatedMember;
  let linId: string; // guide's customer
  let zhaoId: string; // north's customer
  let bCustomerId: string; // guideB's customer
  let northDept: string;
  let groupId: string; // open to everyone: VIP, New
  let vip: string;
  let fresh: string;
  let northGroupId: string; // limited to North
  let northTag: string;
  let bTag: string;

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app);
    b = await signUpEnterprise(ctx.app);
    const dept = await call('POST', '/departments', a.cookie, { name: 'North', parentId: a.rootDepartmentId });
    northDept = dept.json().id;
    const sub = await call('POST', '/departments', a.cookie, { name: 'North-1', parentId: northDept });
    guide = await makeContactReadyMember(ctx.app, a);
    north = await makeContactReadyMember(ctx.app, a, { departmentIds: [sub.json().id] });
    plain = await createMember(ctx.app, a, {}, { signIn: true });
    guideB = await makeContactReadyMember(ctx.app, b);
    ({ customerId: linId } = await addCustomer(ctx.app, guide, await signUpConsumer(ctx.app)));
    ({ customerId: zhaoId } = await addCustomer(ctx.app, north, await signUpConsumer(ctx.app)));
    ({ customerId: bCustomerId } = await addCustomer(ctx.app, guideB, await signUpConsumer(ctx.app)));

    const group = await call('POST', '/tag-groups', a.cookie, { name: 'Level', tags: [{ name: 'VIP' }, { name: 'New' }] });
    expect(group.statusCode, group.body).toBe(201);
    groupId = group.json().id;
    [vip, fresh] = group.json().tags.map((t: { id: string }) => t.id);
    const limited = await call('POST', '/tag-groups', a.cookie, {
      name: 'North only',
      departmentIds: [northDept],
      tags: [{ name: 'Skier' }],
    });
    expect(limited.statusCode, limited.body).toBe(201);
    northGroupId = limited.json().id;
    northTag = limited.json().tags[0].id;
    const other = await call('POST', '/tag-groups', b.cookie, { name: 'B', tags: [{ name: 'B1' }] });
    bTag = other.json().tags[0].id;
  }, 60_000);

  const domainEvents = (type: string, aggregateId: string) =>
    ctx.app.platform.db.selectFrom('events').selectAll().where('type', '=', type).where('aggregate_id', '=', aggregateId).execute();

  describe('access', () => {
    const endpoints = (): Array<{ method: Method; url: string; body?: unknown; admin?: boolean }> => [
      { method: 'GET', url: '/tag-groups', admin: true },
      { method: 'GET', url: `/tag-groups/${groupId}`, admin: true },
      { method: 'POST', url: '/tag-groups', body: { name: 'x' }, admin: true },
      { method: 'PATCH', url: `/tag-groups/${groupId}`, body: { name: 'x' }, admin: true },
      { method: 'DELETE', url: `/tag-groups/${groupId}`, admin: true },
      { method: 'POST', url: '/tags', body: { groupId, name: 'x' }, admin: true },
      { method: 'PATCH', url: `/tags/${vip}`, body: { name: 'x' }, admin: true },
      { method: 'DELETE', url: `/tags/${vip}`, admin: true },
      { method: 'GET', url: '/enterprise/crm-link', admin: true },
      { method: 'PUT', url: '/enterprise/crm-link', body: { template: 'https://crm.example.com/{customerId}' }, admin: true },
      { method: 'GET', url: '/tags/available' },
      { method: 'POST', url: '/personal-tags', body: { name: 'x' } },
      { method: 'DELETE', url: `/personal-tags/${vip}` },
      { method: 'POST', url: `/customers/${linId}/tags`, body: { add: [vip] } },
      { method: 'POST', url: '/customers/tags', body: { customerIds: [linId], add: [vip] } },
    ];

    it('every endpoint requires auth (401), even with a bad body', async () => {
      for (const e of endpoints()) {
        const res = await call(e.method, e.url, undefined, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
        expect((await call(e.method, e.url, undefined, e.body === undefined ? undefined : { junk: 1 })).statusCode).toBe(401);
      }
    });

    it('admin routes answer 403 to a plain member', async () => {
      for (const e of endpoints().filter((x) => x.admin)) {
        const res = await call(e.method, e.url, plain.cookie, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
    });

    it("another enterprise's groups, tags and customers answer 404", async () => {
      const cases: Array<[Method, string, unknown, string]> = [
        ['GET', `/tag-groups/${groupId}`, undefined, 'TAG_GROUP_NOT_FOUND'],
        ['PATCH', `/tag-groups/${groupId}`, { name: 'hijack' }, 'TAG_GROUP_NOT_FOUND'],
        ['DELETE', `/tag-groups/${groupId}`, undefined, 'TAG_GROUP_NOT_FOUND'],
        ['POST', '/tags', { groupId, name: 'hijack' }, 'TAG_GROUP_NOT_FOUND'],
        ['PATCH', `/tags/${vip}`, { name: 'hijack' }, 'TAG_NOT_FOUND'],
        ['DELETE', `/tags/${vip}`, undefined, 'TAG_NOT_FOUND'],
        ['POST', '/tag-groups', { name: 'x', departmentIds: [northDept] }, 'DEPARTMENT_NOT_FOUND'],
      ];
      for (const [method, url, body, code] of cases) {
        const res = await call(method, url, b.cookie, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe(code);
      }
      const tagOther = await call('POST', `/customers/${linId}/tags`, guideB.cookie, { add: [bTag] });
      expect(tagOther.statusCode).toBe(404);
      expect(tagOther.json().error.code).toBe('CUSTOMER_NOT_FOUND');
      const foreignTag = await call('POST', `/customers/${bCustomerId}/tags`, guideB.cookie, { add: [vip] });
      expect(foreignTag.statusCode).toBe(404);
      expect(foreignTag.json().error.code).toBe('TAG_NOT_FOUND');
      const bulk = await call('POST', '/customers/tags', guideB.cookie, { customerIds: [bCustomerId, linId], add: [bTag] });
      expect(bulk.statusCode).toBe(404);
      expect(await listTagsOfCustomers(ctx.app.platform.db, [bCustomerId])).toEqual(new Map());
      // a colleague's customer is not mine to tag
      expect((await call('POST', `/customers/${zhaoId}/tags`, guide.cookie, { add: [vip] })).statusCode).toBe(404);
    });
  });

  describe('library', () => {
    it('lists groups with tags inline; rename, add, duplicate names refused', async () => {
      const list = await call('GET', '/tag-groups', a.cookie);
      expect(list.statusCode).toBe(200);
      expect(
        list
          .json()
          .data.map((g: { name: string }) => g.name)
          .sort(),
      ).toEqual(['Level', 'North only']);
      expect(list.json().data.find((g: { id: string }) => g.id === northGroupId).departmentIds).toEqual([northDept]);
      const added = await call('POST', '/tags', a.cookie, { groupId, name: 'Gold' });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ name: 'Gold', groupId, personal: false });
      const dup = await call('POST', '/tags', a.cookie, { groupId, name: 'Gold' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('TAG_NAME_TAKEN');
      expect((await call('POST', '/tag-groups', a.cookie, { name: 'D', tags: [{ name: 'x' }, { name: 'x' }] })).json().error.code).toBe(
        'TAG_NAME_TAKEN',
      );
      expect((await call('PATCH', `/tags/${added.json().id}`, a.cookie, { name: 'VIP' })).statusCode).toBe(409);
      expect((await call('PATCH', `/tags/${added.json().id}`, a.cookie, { name: 'Platinum' })).json().name).toBe('Platinum');
      expect((await call('DELETE', `/tags/${added.json().id}`, a.cookie)).statusCode).toBe(200);
      const patched = await call('PATCH', `/tag-groups/${groupId}`, a.cookie, { name: 'Levels' });
      expect(patched.json()).toMatchObject({ name: 'Levels', departmentIds: [] });
      expect(patched.json().tags).toHaveLength(2);
    });

    it('a department-limited group is invisible and unusable outside its departments (TAG_NOT_FOUND), sub-departments included', async () => {
      const mine = await call('GET', '/tags/available', guide.cookie);
      expect(mine.json().groups.map((g: { id: string }) => g.id)).toEqual([groupId]);
      const theirs = await call('GET', '/tags/available', north.cookie);
      expect(
        theirs
          .json()
          .groups.map((g: { id: string }) => g.id)
          .sort(),
      ).toEqual([groupId, northGroupId].sort());
      const refused = await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [northTag] });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('TAG_NOT_FOUND');
      const applied = await call('POST', `/customers/${zhaoId}/tags`, north.cookie, { add: [northTag] });
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json().tags.map((t: { id: string }) => t.id)).toEqual([northTag]);
    });

    it('deleting a group takes its tags off customers', async () => {
      const group = await call('POST', '/tag-groups', a.cookie, { name: 'Temp', tags: [{ name: 'T' }] });
      const t = group.json().tags[0].id;
      expect((await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [t] })).statusCode).toBe(200);
      expect((await call('DELETE', `/tag-groups/${group.json().id}`, a.cookie)).statusCode).toBe(200);
      expect((await listTagsOfCustomers(ctx.app.platform.db, [linId])).get(linId)?.some((x) => x.id === t) ?? false).toBe(false);
      expect((await call('GET', `/tag-groups/${group.json().id}`, a.cookie)).statusCode).toBe(404);
    });
  });

  describe('personal tags', () => {
    it('are private to their member', async () => {
      const created = await call('POST', '/personal-tags', guide.cookie, { name: 'Likes tea' });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ personal: true, groupId: null });
      const id = created.json().id;
      expect((await call('POST', '/personal-tags', guide.cookie, { name: 'Likes tea' })).json().error.code).toBe('TAG_NAME_TAKEN');
      expect((await call('GET', '/tags/available', guide.cookie)).json().personal.map((t: { id: string }) => t.id)).toContain(id);
      expect((await call('GET', '/tags/available', north.cookie)).json().personal).toEqual([]);
      expect((await call('POST', `/customers/${zhaoId}/tags`, north.cookie, { add: [id] })).json().error.code).toBe('TAG_NOT_FOUND');
      expect((await call('DELETE', `/personal-tags/${id}`, north.cookie)).statusCode).toBe(404);
      expect((await call('DELETE', `/tags/${id}`, a.cookie)).statusCode).toBe(404);
      const tagged = await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [id] });
      expect(tagged.json().tags.map((t: { id: string }) => t.id)).toContain(id);
      expect((await call('DELETE', `/personal-tags/${id}`, guide.cookie)).statusCode).toBe(200);
      expect((await listTagsOfCustomers(ctx.app.platform.db, [linId])).get(linId)?.some((t) => t.id === id) ?? false).toBe(false);
    });
  });

  describe('tagging customers', () => {
    it('tags and untags one customer, idempotently, recording each change', async () => {
      const first = await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [vip, fresh] });
      expect(first.statusCode, first.body).toBe(200);
      expect(
        first
          .json()
          .tags.map((t: { id: string }) => t.id)
          .sort(),
      ).toEqual([vip, fresh].sort());
      const before = (await domainEvents('customer.tagged', linId)).length;
      const again = await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [vip] });
      expect(again.statusCode).toBe(200);
      expect((await domainEvents('customer.tagged', linId)).length).toBe(before);
      const untag = await call('POST', `/customers/${linId}/tags`, guide.cookie, { remove: [fresh] });
      expect(untag.json().tags.map((t: { id: string }) => t.id)).toEqual([vip]);
      const untagged = await domainEvents('customer.untagged', linId);
      expect(JSON.parse(untagged[untagged.length - 1].payload as string)).toEqual({ tagIds: [fresh] });
      const both = await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [vip], remove: [vip] });
      expect(both.statusCode).toBe(400);
    });

    it('bulk-tags 500 customers in one request, set-based and idempotent', async () => {
      const now = Date.now();
      const consumers = Array.from({ length: 500 }, (_, i) => ({
        id: newId(now),
        account: `bulk${i}-${now}`,
        phone: null,
        nickname: `Bulk ${i}`,
        avatar_url: null,
        password_hash: 'x',
        status: 'active' as const,
        created_at: now,
        updated_at: now,
      }));
      await ctx.app.platform.db.insertInto('consumers').values(consumers).execute();
      const relations = consumers.map((c) => ({
        id: newId(now),
        enterprise_id: a.enterpriseId,
        member_id: guide.id,
        consumer_id: c.id,
        status: 'active' as const,
        add_source: 'search_phone' as const,
        remark: '',
        description: '',
        remark_phones: '[]',
        company: '',
        added_at: now,
        updated_at: now,
      }));
      await ctx.app.platform.db.insertInto('customer_relations').values(relations).execute();
      const customerIds = relations.map((r) => r.id);

      const res = await call('POST', '/customers/tags', guide.cookie, { customerIds, add: [vip, fresh] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ customers: 500, added: 1000, removed: 0 });
      const again = await call('POST', '/customers/tags', guide.cookie, { customerIds, add: [vip, fresh] });
      expect(again.json()).toEqual({ customers: 500, added: 0, removed: 0 });
      expect(await domainEvents('customer.tagged', customerIds[499])).toHaveLength(1);
      const off = await call('POST', '/customers/tags', guide.cookie, { customerIds: customerIds.slice(0, 10), remove: [fresh] });
      expect(off.json()).toEqual({ customers: 10, added: 0, removed: 10 });
      const tags = await listTagsOfCustomers(ctx.app.platform.db, [customerIds[0], customerIds[10]]);
      expect(tags.get(customerIds[0])?.map((t) => t.id)).toEqual([vip]);
      expect(
        tags
          .get(customerIds[10])
          ?.map((t) => t.id)
          .sort(),
      ).toEqual([vip, fresh].sort());
      expect((await call('POST', '/customers/tags', guide.cookie, { customerIds: [...customerIds, linId], add: [vip] })).statusCode).toBe(
        400,
      );
    });
  });

  describe('customer profile and list', () => {
    it('show the tags I can see; the list filters by all of tagIds', async () => {
      const group = await call('POST', '/tag-groups', a.cookie, { name: 'Filter', tags: [{ name: 'X' }, { name: 'Y' }] });
      const [vip, fresh] = group.json().tags.map((t: { id: string }) => t.id);
      const groupId = group.json().id;
      await call('POST', `/customers/${linId}/tags`, guide.cookie, { add: [vip, fresh] });
      const profile = await call('GET', `/customers/${linId}`, guide.cookie);
      expect(profile.statusCode).toBe(200);
      expect(profile.json().tags).toContainEqual({ id: vip, name: expect.any(String), groupId, personal: false });
      expect(profile.json().tags).toContainEqual({ id: fresh, name: expect.any(String), groupId, personal: false });
      const both = await call('GET', `/customers?tagIds=${vip}&tagIds=${fresh}&limit=200`, guide.cookie);
      expect(both.statusCode, both.body).toBe(200);
      expect(both.json().data.map((c: { id: string }) => c.id)).toContain(linId);
      expect(both.json().data.every((c: { tags: Array<{ id: string }> }) => c.tags.some((t) => t.id === fresh))).toBe(true);
      await call('POST', `/customers/${linId}/tags`, guide.cookie, { remove: [fresh] });
      const one = await call('GET', `/customers?tagIds=${vip}&limit=200`, guide.cookie);
      expect(one.json().data.map((c: { id: string }) => c.id)).toContain(linId);
      const none = await call('GET', `/customers?tagIds=${vip}&tagIds=${fresh}&limit=200`, guide.cookie);
      expect(none.json().data.map((c: { id: string }) => c.id)).not.toContain(linId);
      expect((await call('GET', `/customers?tagIds=${northTag}`, guide.cookie)).json().data).toEqual([]);
    });
  });

  describe('the 3,000-tag cap', () => {
    it('holds in the creating transaction (TAG_LIMIT)', async () => {
      const c = await signUpEnterprise(ctx.app);
      const group = await call('POST', '/tag-groups', c.cookie, { name: 'Many' });
      const now = Date.now();
      const rows = Array.from({ length: 2998 }, (_, i) => ({
        id: newId(now),
        enterprise_id: c.enterpriseId,
        group_id: group.json().id,
        owner_member_id: null,
        name: `t${i}`,
        created_at: now,
      }));
      for (let i = 0; i < rows.length; i += 1000)
        await ctx.app.platform.db
          .insertInto('tags')
          .values(rows.slice(i, i + 1000))
          .execute();
      const over = await call('POST', '/tag-groups', c.cookie, { name: 'Over', tags: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
      expect(over.statusCode).toBe(409);
      expect(over.json().error.code).toBe('TAG_LIMIT');
      expect((await call('GET', '/tag-groups', c.cookie)).json().data).toHaveLength(1);
      const fits = await call('POST', '/tag-groups', c.cookie, { name: 'Fits', tags: [{ name: 'a' }, { name: 'b' }] });
      expect(fits.statusCode).toBe(201);
      const one = await call('POST', '/tags', c.cookie, { groupId: group.json().id, name: 'last' });
      expect(one.json().error.code).toBe('TAG_LIMIT');
      // personal tags do not count toward the enterprise cap
      expect((await call('POST', '/personal-tags', c.cookie, { name: 'mine' })).statusCode).toBe(201);
    }, 30_000);
  });

  describe('CRM link', () => {
    it('is set by an admin, validated, and resolved per customer', async () => {
      expect((await call('GET', '/enterprise/crm-link', a.cookie)).json()).toEqual({ template: null });
      expect(await crmUrlOf(ctx.app.platform.db, a.enterpriseId, linId)).toBeNull();
      for (const template of [
        'https://crm.example.com/customers',
        'ftp://crm.example.com/{customerId}',
        'javascript:{customerId}',
        `https://x/${'a'.repeat(500)}{customerId}`,
      ]) {
        const res = await call('PUT', '/enterprise/crm-link', a.cookie, { template });
        expect(res.statusCode, template).toBe(400);
      }
      const put = await call('PUT', '/enterprise/crm-link', a.cookie, {
        template: 'https://crm.example.com/customers/{customerId}?c={consumerId}',
      });
      expect(put.statusCode).toBe(200);
      expect((await call('GET', '/enterprise/crm-link', a.cookie)).json().template).toContain('{customerId}');
      expect(await crmUrlOf(ctx.app.platform.db, a.enterpriseId, linId)).toMatch(
        new RegExp(`^https://crm.example.com/customers/${linId}\\?c=`),
      );
      expect(await crmUrlOf(ctx.app.platform.db, b.enterpriseId, linId)).toBeNull();
      const profile = await call('GET', `/customers/${linId}`, guide.cookie);
      expect(profile.json().crmUrl).toMatch(new RegExp(`^https://crm.example.com/customers/${linId}\\?c=`));
      expect((await call('PUT', '/enterprise/crm-link', a.cookie, { template: null })).json()).toEqual({ template: null });
      expect((await call('GET', `/customers/${linId}`, guide.cookie)).json().crmUrl).toBeNull();
      expect((await call('GET', '/enterprise/crm-link', b.cookie)).json().template).toBeNull();
    });
  });

  describe('properties', () => {
    it('random bodies never cause a 5xx', async () => {
      const nasty = fc.oneof(
        fc.string(),
        fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '%', '_', '\\', '<script>', vip, northTag, bTag, linId),
        fc.string({ minLength: 30, maxLength: 600 }),
        fc.anything(),
      );
      const body = fc.oneof(
        fc.anything(),
        fc.record(
          { name: nasty, departmentIds: fc.oneof(nasty, fc.array(nasty)), tags: fc.oneof(nasty, fc.array(fc.record({ name: nasty }))) },
          { requiredKeys: [] },
        ),
        fc.record(
          {
            add: fc.oneof(nasty, fc.array(nasty)),
            remove: fc.oneof(nasty, fc.array(nasty)),
            customerIds: fc.oneof(nasty, fc.array(nasty)),
          },
          { requiredKeys: [] },
        ),
        fc.record({ template: nasty, groupId: nasty, name: nasty }, { requiredKeys: [] }),
      );
      const routes: Array<[Method, string, string]> = [
        ['POST', '/tag-groups', 'admin'],
        ['PATCH', `/tag-groups/${northGroupId}`, 'admin'],
        ['POST', '/tags', 'admin'],
        ['PUT', '/enterprise/crm-link', 'admin'],
        ['POST', '/personal-tags', 'guide'],
        ['POST', `/customers/${linId}/tags`, 'guide'],
        ['POST', '/customers/tags', 'guide'],
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url, who], payload) => {
          const res = await call(method, url, who === 'admin' ? a.cookie : guide.cookie, payload);
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) expect(typeof res.json().error.code).toBe('string');
        }),
        { numRuns: 150 },
      );
    }, 60_000);
  });
});
