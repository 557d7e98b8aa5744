import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedMember,
  createMember,
  PASSWORD,
  type SignedUpEnterprise,
  signInMember,
  signUpEnterprise,
  unique,
} from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller, type Method } from '../../../test/http.js';
import { SESSION_REVOKED_TOPIC, type SessionRevokedMessage } from '../../platform/auth/sessions.js';
import { listUserEventsAfter, principalKey } from '../../platform/realtime/user-events.js';

describeEngines('organisation', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let a: SignedUpEnterprise; // the enterprise most tests use
  let b: SignedUpEnterprise; // another tenant
  let plain: CreatedMember; // a member (not admin) of A, signed in
  let deptA: string;

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app);
    b = await signUpEnterprise(ctx.app);
    const dept = await call('POST', '/departments', a.cookie, { name: 'Sales', parentId: a.rootDepartmentId });
    deptA = dept.json().id;
    plain = await createMember(ctx.app, a, { name: 'Plain', departmentIds: [deptA] }, { signIn: true });
  });

  const eventsOf = async (memberId: string) =>
    listUserEventsAfter(ctx.app.platform.db, principalKey('member', memberId), 0, 1000, ctx.app.realtime.eventRefs);
  const auditOf = (aggregateId: string) =>
    ctx.app.platform.db.selectFrom('events').selectAll().where('aggregate_id', '=', aggregateId).orderBy('created_at').execute();

  describe('access', () => {
    // every endpoint of the module, with a body that would pass validation
    const endpoints = (): Array<{ method: Method; url: string; body?: unknown; needs: 'member' | 'admin' | 'consumer' }> => [
      { method: 'GET', url: '/enterprise', needs: 'member' },
      { method: 'PATCH', url: '/enterprise', body: { shortName: 'Hacked' }, needs: 'admin' },
      { method: 'GET', url: '/departments', needs: 'member' },
      { method: 'POST', url: '/departments', body: { name: 'X', parentId: a.rootDepartmentId }, needs: 'admin' },
      { method: 'PATCH', url: `/departments/${deptA}`, body: { name: 'Hacked' }, needs: 'admin' },
      { method: 'DELETE', url: `/departments/${deptA}`, needs: 'admin' },
      { method: 'GET', url: '/members', needs: 'member' },
      { method: 'GET', url: '/members/export.csv', needs: 'admin' },
      {
        method: 'POST',
        url: '/members',
        body: { account: 'intruder', password: PASSWORD, name: 'I', departmentIds: [a.rootDepartmentId] },
        needs: 'admin',
      },
      { method: 'POST', url: '/members/import', body: { csv: 'account,name\nzz,Z', defaultPassword: PASSWORD }, needs: 'admin' },
      { method: 'GET', url: `/members/${plain.id}`, needs: 'member' },
      { method: 'PATCH', url: `/members/${plain.id}`, body: { name: 'Hacked' }, needs: 'admin' },
      { method: 'POST', url: `/members/${plain.id}/disable`, needs: 'admin' },
      { method: 'POST', url: `/members/${plain.id}/enable`, needs: 'admin' },
      { method: 'POST', url: `/members/${plain.id}/resign`, needs: 'admin' },
      { method: 'GET', url: '/members/me/card', needs: 'member' },
      { method: 'PUT', url: '/members/me/card', body: { bio: 'x' }, needs: 'member' },
      { method: 'GET', url: `/members/${plain.id}/card`, needs: 'member' },
      { method: 'PUT', url: `/members/${plain.id}/card`, body: { bio: 'Hacked' }, needs: 'admin' },
      { method: 'GET', url: `/cards/${plain.id}`, needs: 'consumer' },
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

    it('a member cookie is not a consumer session, and a consumer cookie is not a member session', async () => {
      expect((await call('GET', `/cards/${plain.id}`, plain.cookie)).statusCode).toBe(401);
    });

    it('admin routes answer 403 FORBIDDEN to a member without the admin role, and change nothing', async () => {
      for (const e of endpoints().filter((x) => x.needs === 'admin')) {
        const res = await call(e.method, e.url, plain.cookie, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      const me = await call('GET', `/members/${plain.id}`, plain.cookie);
      expect(me.json()).toMatchObject({ name: 'Plain', status: 'active' });
    });

    it("another enterprise's admin gets 404 for A's departments, members and cards, and A is unchanged", async () => {
      const cases: Array<[Method, string, unknown, string]> = [
        ['PATCH', `/departments/${deptA}`, { name: 'Hacked' }, 'DEPARTMENT_NOT_FOUND'],
        ['DELETE', `/departments/${deptA}`, undefined, 'DEPARTMENT_NOT_FOUND'],
        ['POST', '/departments', { name: 'X', parentId: a.rootDepartmentId }, 'DEPARTMENT_NOT_FOUND'],
        ['PATCH', `/departments/${b.rootDepartmentId}`, { parentId: deptA }, 'DEPARTMENT_NOT_FOUND'],
        ['GET', `/members?departmentId=${deptA}`, undefined, 'DEPARTMENT_NOT_FOUND'],
        ['GET', `/members/export.csv?departmentId=${deptA}`, undefined, 'DEPARTMENT_NOT_FOUND'],
        [
          'POST',
          '/members',
          { account: unique('x'), password: PASSWORD, name: 'X', departmentIds: [a.rootDepartmentId] },
          'DEPARTMENT_NOT_FOUND',
        ],
        ['GET', `/members/${plain.id}`, undefined, 'MEMBER_NOT_FOUND'],
        ['PATCH', `/members/${plain.id}`, { name: 'Hacked' }, 'MEMBER_NOT_FOUND'],
        ['PATCH', `/members/${b.adminId}`, { departmentIds: [deptA] }, 'DEPARTMENT_NOT_FOUND'],
        ['POST', `/members/${plain.id}/disable`, undefined, 'MEMBER_NOT_FOUND'],
        ['POST', `/members/${plain.id}/enable`, undefined, 'MEMBER_NOT_FOUND'],
        ['POST', `/members/${plain.id}/resign`, undefined, 'MEMBER_NOT_FOUND'],
        ['GET', `/members/${plain.id}/card`, undefined, 'MEMBER_NOT_FOUND'],
        ['PUT', `/members/${plain.id}/card`, { bio: 'Hacked' }, 'MEMBER_NOT_FOUND'],
      ];
      for (const [method, url, body, code] of cases) {
        const res = await call(method, url, b.cookie, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
        expect(res.json().error.code, `${method} ${url}`).toBe(code);
      }
      const member = (await call('GET', `/members/${plain.id}`, a.cookie)).json();
      expect(member).toMatchObject({ name: 'Plain', status: 'active', departmentIds: [deptA] });
      expect((await call('GET', `/members/${plain.id}/card`, a.cookie)).json().bio).toBeNull();
      const depts = (await call('GET', '/departments', a.cookie)).json().data;
      expect(depts.find((d: { id: string }) => d.id === deptA).name).toBe('Sales');
    });

    it("lists show only the caller's enterprise", async () => {
      const enterprise = (await call('GET', '/enterprise', b.cookie)).json();
      expect(enterprise.id).toBe(b.enterpriseId);
      const depts = (await call('GET', '/departments', b.cookie)).json().data;
      expect(depts.map((d: { id: string }) => d.id)).toEqual([b.rootDepartmentId]);
      const members = (await call('GET', '/members', b.cookie)).json().data;
      expect(members.map((m: { id: string }) => m.id)).toEqual([b.adminId]);
      const csv = (await call('GET', '/members/export.csv', b.cookie)).body;
      expect(csv).not.toContain(plain.account);
    });
  });

  describe('enterprise', () => {
    it('any member reads it; an admin edits it, the root department follows a rename, admins hear of it', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const member = await createMember(ctx.app, ent, {}, { signIn: true });
      const read = await call('GET', '/enterprise', member.cookie);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id: ent.enterpriseId, verification: 'unverified', timezone: 'Asia/Shanghai' });

      const res = await call('PATCH', '/enterprise', ent.cookie, {
        name: 'Maple & Moss',
        shortName: 'Maple',
        timezone: 'Europe/Paris',
        memberCustomerLimit: 8000,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Maple & Moss', shortName: 'Maple', timezone: 'Europe/Paris', memberCustomerLimit: 8000 });
      const root = (await call('GET', '/departments', ent.cookie)).json().data[0];
      expect(root.name).toBe('Maple & Moss');
      expect((await eventsOf(ent.adminId)).map((e) => e.type)).toContain('enterprise.updated');
      expect((await auditOf(ent.enterpriseId)).map((e) => e.type)).toContain('enterprise.updated');
    });

    it('refuses bad input with VALIDATION_FAILED', async () => {
      for (const body of [{}, { timezone: 'Mars/Olympus' }, { unverifiedCustomerLimit: 201 }, { name: '   ' }, { extra: 1 }]) {
        const res = await call('PATCH', '/enterprise', a.cookie, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('departments', () => {
    it('builds a tree listed flat by sort then name, with member counts', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const add = async (name: string, parentId: string, sort?: number) => {
        const res = await call('POST', '/departments', ent.cookie, { name, parentId, sort });
        expect(res.statusCode, res.body).toBe(201);
        return res.json();
      };
      const sh = await add('Shanghai', ent.rootDepartmentId, 2);
      const hz = await add('Hangzhou', ent.rootDepartmentId, 2);
      const first = await add('HQ', ent.rootDepartmentId, 1);
      const xh = await add('Xuhui Store', sh.id);
      expect(xh).toEqual({ id: xh.id, parentId: sh.id, name: 'Xuhui Store', sort: 0, memberCount: 0 });
      await createMember(ctx.app, ent, { departmentIds: [xh.id, hz.id] });
      await createMember(ctx.app, ent, { departmentIds: [xh.id] });
      const list = (await call('GET', '/departments', ent.cookie)).json().data;
      expect(list.map((d: { name: string }) => d.name)).toEqual([expect.any(String), 'Xuhui Store', 'HQ', 'Hangzhou', 'Shanghai']);
      expect(list.find((d: { id: string }) => d.id === xh.id).memberCount).toBe(2);
      expect(list.find((d: { id: string }) => d.id === first.id).memberCount).toBe(0);
      expect(list.find((d: { id: string }) => d.id === ent.rootDepartmentId)).toMatchObject({ parentId: null, memberCount: 1 });
      expect((await auditOf(xh.id)).map((e) => e.type)).toEqual(['department.created']);
    });

    it('refuses a sibling with the same name (409 CONFLICT) and names with path separators', async () => {
      await call('POST', '/departments', a.cookie, { name: 'Twins', parentId: a.rootDepartmentId });
      const again = await call('POST', '/departments', a.cookie, { name: ' Twins ', parentId: a.rootDepartmentId });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CONFLICT');
      const cousin = await call('POST', '/departments', a.cookie, { name: 'Twins', parentId: deptA });
      expect(cousin.statusCode).toBe(201);
      const slash = await call('POST', '/departments', a.cookie, { name: 'A/B', parentId: a.rootDepartmentId });
      expect(slash.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('moves and renames; refuses cycles and moving the root', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const mk = async (name: string, parentId: string) => (await call('POST', '/departments', ent.cookie, { name, parentId })).json().id;
      const top = await mk('Top', ent.rootDepartmentId);
      const mid = await mk('Mid', top);
      const low = await mk('Low', mid);
      const other = await mk('Other', ent.rootDepartmentId);

      for (const parentId of [top, mid, low]) {
        const res = await call('PATCH', `/departments/${top}`, ent.cookie, { parentId });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('DEPARTMENT_CYCLE');
      }
      const root = await call('PATCH', `/departments/${ent.rootDepartmentId}`, ent.cookie, { parentId: top });
      expect(root.json().error.code).toBe('ROOT_DEPARTMENT_LOCKED');
      const renameRoot = await call('PATCH', `/departments/${ent.rootDepartmentId}`, ent.cookie, { name: 'Head office', sort: 3 });
      expect(renameRoot.json()).toMatchObject({ name: 'Head office', sort: 3, parentId: null });

      const moved = await call('PATCH', `/departments/${low}`, ent.cookie, { parentId: other, name: 'Lower' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ id: low, parentId: other, name: 'Lower' });
      const unknown = await call('PATCH', `/departments/${low}`, ent.cookie, { parentId: 'nope' });
      expect(unknown.json().error.code).toBe('DEPARTMENT_NOT_FOUND');
    });

    it('deletes only empty departments, never the root', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const mk = async (name: string, parentId: string) => (await call('POST', '/departments', ent.cookie, { name, parentId })).json().id;
      const parent = await mk('Parent', ent.rootDepartmentId);
      const child = await mk('Child', parent);
      const root = await call('DELETE', `/departments/${ent.rootDepartmentId}`, ent.cookie);
      expect(root.statusCode).toBe(409);
      expect(root.json().error.code).toBe('ROOT_DEPARTMENT_LOCKED');
      const withChild = await call('DELETE', `/departments/${parent}`, ent.cookie);
      expect(withChild.json().error.code).toBe('DEPARTMENT_NOT_EMPTY');

      const m = await createMember(ctx.app, ent, { departmentIds: [child] });
      const withMember = await call('DELETE', `/departments/${child}`, ent.cookie);
      expect(withMember.statusCode).toBe(409);
      expect(withMember.json().error.code).toBe('DEPARTMENT_NOT_EMPTY');
      await call('POST', `/members/${m.id}/disable`, ent.cookie);
      expect((await call('DELETE', `/departments/${child}`, ent.cookie)).json().error.code).toBe('DEPARTMENT_NOT_EMPTY');

      // a resigned member does not keep a department alive
      await call('POST', `/members/${m.id}/resign`, ent.cookie);
      const ok = await call('DELETE', `/departments/${child}`, ent.cookie);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ ok: true });
      expect((await call('DELETE', `/departments/${parent}`, ent.cookie)).statusCode).toBe(200);
      expect((await call('GET', `/members/${m.id}`, ent.cookie)).json()).toMatchObject({ status: 'resigned', departmentIds: [] });
      expect((await call('DELETE', `/departments/${parent}`, ent.cookie)).json().error.code).toBe('DEPARTMENT_NOT_FOUND');
    });

    it('refuses bad input with VALIDATION_FAILED', async () => {
      const cases: Array<[Method, string, unknown]> = [
        ['POST', '/departments', { name: '', parentId: a.rootDepartmentId }],
        ['POST', '/departments', { name: 'X' }],
        ['POST', '/departments', { name: 'X', parentId: a.rootDepartmentId, sort: -1 }],
        ['PATCH', `/departments/${deptA}`, {}],
        ['PATCH', '/departments/bad%20id', { name: 'X' }],
      ];
      for (const [method, url, body] of cases) {
        const res = await call(method, url, a.cookie, body);
        expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('members', () => {
    it('creates a member with phone normalised and email lower-cased; never shows the password hash', async () => {
      const res = await call('POST', '/members', a.cookie, {
        account: unique('zx'),
        password: PASSWORD,
        name: ' 周欣 ',
        phone: '+86 138-0013-8111',
        email: 'Zhou.Xin@Example.COM',
        title: '资深导购',
        realNameVerified: true,
        customerContact: true,
        departmentIds: [deptA],
      });
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json();
      expect(m).toMatchObject({
        name: '周欣',
        phone: '+8613800138111',
        email: 'zhou.xin@example.com',
        title: '资深导购',
        role: 'member',
        status: 'active',
        realNameVerified: true,
        customerContact: true,
        departmentIds: [deptA],
        resignedAt: null,
      });
      expect(res.body).not.toMatch(/hash|argon/i);
      expect((await call('GET', `/members/${m.id}`, plain.cookie)).json()).toEqual(m);
      expect((await auditOf(m.id)).map((e) => [e.type, e.actor_id])).toEqual([['member.created', a.adminId]]);
      // the new member signs in by phone, formatting aside, or by email
      await signInMember(ctx.app, a.code, '+86 138 0013 8111');
      await signInMember(ctx.app, a.code, 'ZHOU.XIN@example.com');
    });

    it('refuses taken accounts, phones and emails, whatever their formatting', async () => {
      const phone = `139${String(Date.now()).slice(-8)}`;
      const first = await createMember(ctx.app, a, { phone, email: `${phone}@x.com` });
      const base = { password: PASSWORD, name: 'Dup', departmentIds: [a.rootDepartmentId] };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ account: first.account }, 'MEMBER_ACCOUNT_TAKEN'],
        [{ account: unique('d'), phone: `${phone.slice(0, 3)} ${phone.slice(3)}` }, 'MEMBER_PHONE_TAKEN'],
        [{ account: unique('d'), email: `${phone}@X.COM` }, 'MEMBER_EMAIL_TAKEN'],
        // sign-in takes an account or a phone, so one member's phone cannot be another's account
        [{ account: phone }, 'MEMBER_ACCOUNT_TAKEN'],
      ];
      for (const [body, code] of cases) {
        const res = await call('POST', '/members', a.cookie, { ...base, ...body });
        expect(res.statusCode, JSON.stringify(body)).toBe(409);
        expect(res.json().error.code).toBe(code);
      }
      const digits = await createMember(ctx.app, a, { account: `135${String(Date.now()).slice(-8)}` });
      const asPhone = await call('POST', '/members', a.cookie, { ...base, account: unique('d'), phone: digits.account });
      expect(asPhone.json().error.code).toBe('MEMBER_PHONE_TAKEN');
      const edit = await call('PATCH', `/members/${plain.id}`, a.cookie, { phone });
      expect(edit.json().error.code).toBe('MEMBER_PHONE_TAKEN');
      // another enterprise may use the same identifiers
      const elsewhere = await call('POST', '/members', b.cookie, {
        ...base,
        account: first.account,
        phone,
        departmentIds: [b.rootDepartmentId],
      });
      expect(elsewhere.statusCode).toBe(201);
    });

    it('edits a member; the member hears of it on their stream; unknown departments are refused', async () => {
      const m = await createMember(ctx.app, a);
      const res = await call('PATCH', `/members/${m.id}`, a.cookie, {
        name: 'Renamed',
        title: 'Store manager',
        phone: null,
        realNameVerified: true,
        departmentIds: [deptA, a.rootDepartmentId],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Renamed', title: 'Store manager', realNameVerified: true });
      expect(res.json().departmentIds.sort()).toEqual([deptA, a.rootDepartmentId].sort());
      const events = await eventsOf(m.id);
      expect(events.at(-1)).toMatchObject({ type: 'member.updated', data: { id: m.id, name: 'Renamed' } });
      const bad = await call('PATCH', `/members/${m.id}`, a.cookie, { departmentIds: ['nope'] });
      expect(bad.json().error.code).toBe('DEPARTMENT_NOT_FOUND');
      const missing = await call('GET', '/members/nope', a.cookie);
      expect(missing.json().error.code).toBe('MEMBER_NOT_FOUND');
    });

    it('refuses bad input with VALIDATION_FAILED', async () => {
      const good = { account: unique('v'), password: PASSWORD, name: 'V', departmentIds: [a.rootDepartmentId] };
      const cases: Array<[Method, string, unknown]> = [
        ['POST', '/members', { ...good, extra: 1 }],
        ['POST', '/members', { ...good, password: 'short' }],
        ['POST', '/members', { ...good, account: 'has space' }],
        ['POST', '/members', { ...good, departmentIds: [] }],
        ['POST', '/members', { ...good, email: 'not-an-email' }],
        ['POST', '/members', { ...good, name: 'a\u0000b' }],
        ['POST', '/members', { ...good, avatarUrl: 'javascript:alert(1)' }],
        ['PATCH', `/members/${plain.id}`, {}],
        ['PATCH', `/members/${plain.id}`, { status: 'active' }],
        ['PATCH', `/members/${plain.id}`, { role: 'owner' }],
        ['GET', '/members?limit=0', undefined],
        ['GET', '/members?limit=201', undefined],
        ['GET', '/members?status=gone', undefined],
        ['GET', '/members?cursor=not-a-cursor', undefined],
        ['GET', '/members?q=%00', undefined],
        ['GET', '/members/export.csv?lang=fr', undefined],
      ];
      for (const [method, url, body] of cases) {
        const res = await call(method, url, a.cookie, body);
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('searches by name, account, phone and email, and filters by department, status and role', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const store = (await call('POST', '/departments', ent.cookie, { name: 'Store', parentId: ent.rootDepartmentId })).json().id;
      const lin = await createMember(ctx.app, ent, { name: '林晓', account: 'linxiao', phone: '13700000101', departmentIds: [store] });
      const coco = await createMember(ctx.app, ent, { name: 'Coco_Wu', account: 'coco', email: 'coco@shop.example', role: 'admin' });
      await call('POST', `/members/${lin.id}/disable`, ent.cookie);
      const ids = async (query: string) =>
        (await call('GET', `/members?${query}`, ent.cookie))
          .json()
          .data.map((m: { id: string }) => m.id)
          .sort();
      expect(await ids('q=林')).toEqual([lin.id]);
      expect(await ids('q=LINX')).toEqual([lin.id]);
      expect(await ids('q=137 0000')).toEqual([lin.id]);
      expect(await ids('q=SHOP.example')).toEqual([coco.id]);
      expect(await ids('q=_')).toEqual([coco.id]); // LIKE wildcards are literal
      expect(await ids('q=%25')).toEqual([]);
      expect(await ids(`departmentId=${store}`)).toEqual([lin.id]);
      expect(await ids('status=disabled')).toEqual([lin.id]);
      expect(await ids('role=admin')).toEqual([coco.id, ent.adminId].sort());
      expect(await ids('role=admin&status=active&q=coco')).toEqual([coco.id]);
    });

    it('pages with an opaque cursor: every member exactly once, in a stable order', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const created = [ent.adminId];
      for (let i = 0; i < 12; i++) created.push((await createMember(ctx.app, ent, { name: `P${i}` })).id);
      for (const [limit, query] of [
        [5, ''],
        [1, ''],
        [13, ''],
        [4, '&q=P'],
      ] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `/members?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = (await call('GET', url, ent.cookie)).json();
          expect(page.data.length).toBeLessThanOrEqual(limit);
          seen.push(...page.data.map((m: { id: string }) => m.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 50);
        const expected = query ? created.slice(1) : created;
        expect(seen).toHaveLength(expected.length);
        expect(new Set(seen)).toEqual(new Set(expected));
        expect(seen).toEqual([...seen].sort());
      }
    });

    it('exports CSV with a BOM, in the import columns, with the same filters', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const sh = (await call('POST', '/departments', ent.cookie, { name: '上海', parentId: ent.rootDepartmentId })).json().id;
      const xh = (await call('POST', '/departments', ent.cookie, { name: '徐汇店', parentId: sh })).json().id;
      await createMember(ctx.app, ent, {
        account: 'zhouxin',
        name: '周欣, "小周"',
        phone: '+8613800000001',
        title: '=导购',
        departmentIds: [xh, sh],
        realNameVerified: true,
      });
      const res = await call('GET', '/members/export.csv', ent.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain('members.csv');
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('账号,姓名,手机,邮箱,职务,部门,角色,实名,客户联系,状态');
      expect(lines, lines.join('\n')).toContain('zhouxin,"周欣, ""小周""",+8613800000001,,\'=导购,"上海;上海/徐汇店",成员,是,否,在职');
      expect(lines.at(-1)).toBe('');
      const en = await call('GET', '/members/export.csv?lang=en&role=admin', ent.cookie);
      const enLines = en.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(enLines[0]).toBe('account,name,phone,email,title,department,role,realNameVerified,customerContact,status');
      expect(enLines.slice(1)).toEqual([expect.stringMatching(/^admin,Admin,.*,\/,admin,no,no,active$/)]);
    });
  });

  describe('status: disable, enable, resign', () => {
    it('disabling ends every session at once (HTTP and sockets); enabling lets the member sign in again', async () => {
      const m = await createMember(ctx.app, a, {}, { signIn: true });
      const second = await signInMember(ctx.app, a.code, m.account);
      const revoked: string[] = [];
      const off = ctx.app.platform.bus.subscribe(SESSION_REVOKED_TOPIC, (data) =>
        revoked.push(...(data as SessionRevokedMessage).sessionIds),
      );
      try {
        const res = await call('POST', `/members/${m.id}/disable`, a.cookie);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ id: m.id, status: 'disabled' });
        await new Promise((resolve) => setImmediate(resolve));
        expect(revoked).toHaveLength(2);
      } finally {
        off();
      }
      for (const cookie of [m.cookie, second]) {
        expect((await call('GET', '/members/me/card', cookie)).statusCode).toBe(401);
        expect((await call('GET', '/sessions/member/current', cookie)).statusCode).toBe(401);
      }
      const signIn = await call('POST', '/sessions/member', undefined, { enterprise: a.code, login: m.account, password: PASSWORD });
      expect(signIn.statusCode).toBe(401);
      // idempotent: a second disable changes and records nothing
      await call('POST', `/members/${m.id}/disable`, a.cookie);
      expect((await auditOf(m.id)).map((e) => e.type)).toEqual(['member.created', 'member.disabled']);

      const enabled = await call('POST', `/members/${m.id}/enable`, a.cookie);
      expect(enabled.json().status).toBe('active');
      await signInMember(ctx.app, a.code, m.account);
    });

    it('resigning ends sessions, frees the identifiers, and cannot be undone', async () => {
      const phone = `136${String(Date.now()).slice(-8)}`;
      const m = await createMember(ctx.app, a, { phone }, { signIn: true });
      const res = await call('POST', `/members/${m.id}/resign`, a.cookie);
      expect(res.json()).toMatchObject({ status: 'resigned', resignedAt: expect.any(Number) });
      expect((await call('GET', '/enterprise', m.cookie)).statusCode).toBe(401);
      for (const action of ['enable', 'disable']) {
        const again = await call('POST', `/members/${m.id}/${action}`, a.cookie);
        expect(again.statusCode).toBe(409);
        expect(again.json().error.code).toBe('MEMBER_RESIGNED');
      }
      expect((await call('POST', `/members/${m.id}/resign`, a.cookie)).statusCode).toBe(200);
      expect((await call('PATCH', `/members/${m.id}`, a.cookie, { name: 'X' })).json().error.code).toBe('MEMBER_RESIGNED');
      // a returning employee can be added again with the same account and phone, and signs in as the new member
      const rehired = await createMember(ctx.app, a, { account: m.account, phone });
      const session = await call('POST', '/sessions/member', undefined, { enterprise: a.code, login: phone, password: PASSWORD });
      expect(session.json().member.id).toBe(rehired.id);
      expect((await auditOf(m.id)).map((e) => e.type)).toEqual(['member.created', 'member.resigned']);
    });

    it('keeps an active admin: LAST_ADMIN for the only one, CANNOT_CHANGE_SELF for an admin acting on themself', async () => {
      const ent = await signUpEnterprise(ctx.app);
      for (const [method, url, body] of [
        ['PATCH', `/members/${ent.adminId}`, { role: 'member' }],
        ['POST', `/members/${ent.adminId}/disable`, undefined],
        ['POST', `/members/${ent.adminId}/resign`, undefined],
      ] as Array<[Method, string, unknown]>) {
        const res = await call(method, url, ent.cookie, body);
        expect(res.statusCode, url).toBe(409);
        expect(res.json().error.code).toBe('LAST_ADMIN');
      }
      const second = await createMember(ctx.app, ent, { role: 'admin' }, { signIn: true });
      const self = await call('PATCH', `/members/${ent.adminId}`, ent.cookie, { role: 'member' });
      expect(self.json().error.code).toBe('CANNOT_CHANGE_SELF');
      expect((await call('POST', `/members/${ent.adminId}/disable`, ent.cookie)).json().error.code).toBe('CANNOT_CHANGE_SELF');
      // an admin may still edit their own profile
      expect((await call('PATCH', `/members/${ent.adminId}`, ent.cookie, { name: 'Boss' })).statusCode).toBe(200);

      // the second admin demotes the first; then the second is the last one
      const demoted = await call('PATCH', `/members/${ent.adminId}`, second.cookie, { role: 'member' });
      expect(demoted.json().role).toBe('member');
      expect((await call('POST', `/members/${second.id}/disable`, second.cookie)).json().error.code).toBe('LAST_ADMIN');
      // the demoted admin's session is now a member's: admin routes answer 403
      expect((await call('PATCH', '/enterprise', ent.cookie, { shortName: 'X' })).statusCode).toBe(403);
    });

    it('two admins demoting each other at once leave one admin', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const other = await createMember(ctx.app, ent, { role: 'admin' }, { signIn: true });
      const results = await Promise.all([
        call('PATCH', `/members/${other.id}`, ent.cookie, { role: 'member' }),
        call('PATCH', `/members/${ent.adminId}`, other.cookie, { role: 'member' }),
      ]);
      const outcomes = results.map((r) => (r.statusCode === 200 ? 'ok' : r.json().error.code));
      // the loser either was no longer an admin when it arrived, or found the other to be the last one
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(['LAST_ADMIN', 'FORBIDDEN']).toContain(outcomes.find((o) => o !== 'ok'));
      const admins = await ctx.app.platform.db
        .selectFrom('members')
        .select('id')
        .where('enterprise_id', '=', ent.enterpriseId)
        .where('role', '=', 'admin')
        .where('status', '=', 'active')
        .execute();
      expect(admins).toHaveLength(1);
    });
  });
});
