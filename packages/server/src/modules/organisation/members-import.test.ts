import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, PASSWORD, type SignedUpEnterprise, signInMember, signUpEnterprise } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller } from '../../../test/http.js';

describeEngines('member CSV import', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let ent: SignedUpEnterprise;
  let shanghai: string;
  let xuhui: string;

  beforeAll(async () => {
    ent = await signUpEnterprise(ctx.app);
    shanghai = (await call('POST', '/departments', ent.cookie, { name: 'Shanghai', parentId: ent.rootDepartmentId })).json().id;
    xuhui = (await call('POST', '/departments', ent.cookie, { name: 'Xuhui Store', parentId: shanghai })).json().id;
    await createMember(ctx.app, ent, { account: 'existing', phone: '13900000000', email: 'existing@x.com' });
  });

  const memberCount = async () =>
    Number(
      (
        await ctx.app.platform.db
          .selectFrom('members')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('enterprise_id', '=', ent.enterpriseId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const departmentCount = async () =>
    Number(
      (
        await ctx.app.platform.db
          .selectFrom('departments')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('enterprise_id', '=', ent.enterpriseId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importCsv = (csv: string, extra: Record<string, unknown> = {}) => call('POST', '/members/import', ent.cookie, { csv, ...extra });
  const byAccount = async (account: string) =>
    (await call('GET', `/members?q=${encodeURIComponent(account)}`, ent.cookie))
      .json()
      .data.find((m: { account: string }) => m.account === account);

  // rows 2 and 6 are good; every other row is bad in a different way
  const mixed = [
    'account,name,password,phone,email,department,role',
    'good1,Good One,long-enough-1,13800000001,good1@x.com,Shanghai/Xuhui Store,member',
    'existing,Taken,long-enough-1,,,,',
    'good3,Phone Taken,long-enough-1,139 0000 0000,,,',
    'good4,Nowhere,long-enough-1,,,Beijing/Chaoyang,',
    'good5,Short,short,,,,',
    'good6,Good Six,,,,,admin',
    'good1,Twin,long-enough-1,,,,',
  ].join('\r\n');
  const expectedErrors = [
    { row: 3, field: 'account', code: 'MEMBER_ACCOUNT_TAKEN' },
    { row: 4, field: 'phone', code: 'MEMBER_PHONE_TAKEN' },
    { row: 5, field: 'department', code: 'DEPARTMENT_NOT_FOUND' },
    { row: 6, field: 'password', code: 'VALIDATION_FAILED' },
    { row: 7, field: 'password', code: 'VALIDATION_FAILED' },
    { row: 8, field: 'account', code: 'MEMBER_ACCOUNT_TAKEN' },
  ];

  describe('all-or-nothing (default)', () => {
    it('reports every bad row with 422 CSV_ROWS_INVALID and writes nothing', async () => {
      const [members, departments] = [await memberCount(), await departmentCount()];
      const res = await importCsv(mixed);
      expect(res.statusCode, res.body).toBe(422);
      const error = res.json().error;
      expect(error.code).toBe('CSV_ROWS_INVALID');
      expect(
        error.details.map((e: { row: number; field: string; code: string }) => ({ row: e.row, field: e.field, code: e.code })),
      ).toEqual(expectedErrors);
      for (const e of error.details) expect(e.message).toEqual(expect.any(String));
      expect(await memberCount()).toBe(members);
      expect(await departmentCount()).toBe(departments);
      expect(await byAccount('good1')).toBeUndefined();
    });

    it('imports a clean file: Chinese headers in any order, BOM, CRLF, quotes, default password', async () => {
      const csv = [
        '\uFEFF姓名,账号,部门,手机,邮箱,职务,角色,实名,客户联系,密码',
        '"周, 欣",zhouxin,Shanghai/Xuhui Store,138-0000-0101,ZX@Example.com,"资深""导购""",成员,是,是,',
        '李娜,lina,"Shanghai; /",,,,管理员,否,否,own-password-1',
        '',
        '王芳,wangfang,,,,,,,,',
      ].join('\r\n');
      const res = await importCsv(csv, { defaultPassword: 'default-pass-1' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ mode: 'all-or-nothing', created: 3, skipped: 0, errors: [] });

      const zhou = await byAccount('zhouxin');
      expect(zhou).toMatchObject({
        name: '周, 欣',
        phone: '13800000101',
        email: 'zx@example.com',
        title: '资深"导购"',
        role: 'member',
        realNameVerified: true,
        customerContact: true,
        departmentIds: [xuhui],
      });
      const lina = await byAccount('lina');
      expect(lina).toMatchObject({ role: 'admin', realNameVerified: false });
      expect(lina.departmentIds.sort()).toEqual([ent.rootDepartmentId, shanghai].sort());
      expect((await byAccount('wangfang')).departmentIds).toEqual([ent.rootDepartmentId]);
      await signInMember(ctx.app, ent.code, 'zhouxin', 'default-pass-1');
      await signInMember(ctx.app, ent.code, 'wangfang', 'default-pass-1');
      await signInMember(ctx.app, ent.code, 'lina', 'own-password-1');
      const audit = await ctx.app.platform.db.selectFrom('events').select('type').where('aggregate_id', '=', zhou.id).execute();
      expect(audit.map((e) => e.type)).toEqual(['member.created']);
    });
  });

  describe('valid-rows', () => {
    it('writes the good rows in one go and reports the rest', async () => {
      const before = await memberCount();
      const csv = mixed.replaceAll('good', 'vr').replace('vr1@x.com', 'vr1@x.com').replace('13800000001', '13800000011');
      const res = await importCsv(csv, { mode: 'valid-rows', defaultPassword: PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ mode: 'valid-rows', created: 2, skipped: 5 });
      // with a default password, row 7's empty password is fine
      expect(body.errors.map((e: { row: number; field: string; code: string }) => ({ row: e.row, field: e.field, code: e.code }))).toEqual(
        expectedErrors.filter((e) => e.row !== 7),
      );
      expect(await memberCount()).toBe(before + 2);
      expect(await byAccount('vr1')).toMatchObject({ departmentIds: [xuhui], phone: '13800000011' });
      expect(await byAccount('vr6')).toMatchObject({ role: 'admin' });
      expect(await byAccount('vr5')).toBeUndefined();
    });

    it('creates nothing (200) when no row is good', async () => {
      const res = await importCsv('account,name,password\nexisting,X,long-enough-1', { mode: 'valid-rows' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ created: 0, skipped: 1, errors: [{ row: 2, code: 'MEMBER_ACCOUNT_TAKEN' }] });
    });
  });

  describe('unusable files', () => {
    it('answers 400 CSV_INVALID and writes nothing', async () => {
      const before = await memberCount();
      for (const csv of [
        'name,password\nX,long-enough-1',
        'account,name,shoe size\nab,X,42',
        'account,name,password\n"ab,X,long-enough-1',
        'account,name,password',
        `account,name\n${'ab,X\n'.repeat(2001)}`,
        'account,name\nab,X',
      ]) {
        const res = await importCsv(csv);
        expect(res.statusCode, csv.slice(0, 40)).toBe(400);
        expect(res.json().error.code).toBe('CSV_INVALID');
      }
      expect(await memberCount()).toBe(before);
    });

    it('refuses bad bodies with VALIDATION_FAILED', async () => {
      for (const body of [{}, { csv: '' }, { csv: 'a', mode: 'some' }, { csv: 'a', defaultPassword: 'short' }, { csv: 'a', extra: 1 }]) {
        const res = await call('POST', '/members/import', ent.cookie, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  it('reads its own export: every exported row is recognised (and already taken)', async () => {
    const exported = (await call('GET', '/members/export.csv', ent.cookie)).body;
    const res = await importCsv(exported, { defaultPassword: PASSWORD });
    expect(res.statusCode, res.body).toBe(422);
    const details: Array<{ code: string }> = res.json().error.details;
    expect(new Set(details.map((d) => d.code))).toEqual(new Set(['MEMBER_ACCOUNT_TAKEN', 'MEMBER_PHONE_TAKEN', 'MEMBER_EMAIL_TAKEN']));
  });

  it(`imports the maximum of 2,000 members in one transaction`, async () => {
    const big = await signUpEnterprise(ctx.app);
    const lines = ['account,name,phone'];
    for (let i = 0; i < 2000; i++) lines.push(`bulk${i},Member ${i},+86170${String(i).padStart(8, '0')}`);
    const started = Date.now();
    const res = await call('POST', '/members/import', big.cookie, { csv: lines.join('\n'), defaultPassword: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(2000);
    expect(Date.now() - started).toBeLessThan(15_000);
    const page = (await call('GET', '/members?limit=200&q=bulk1999', big.cookie)).json();
    expect(page.data).toHaveLength(1);
    await signInMember(ctx.app, big.code, 'bulk1999');
  });
});
