import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type SignedUpEnterprise, signInOperator, signUpEnterprise, unique } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller, type Method } from '../../../test/http.js';
import { listUserEventsAfter, principalKey } from '../../platform/realtime/user-events.js';

describeEngines('operator', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let operator: string;
  let ent: SignedUpEnterprise;

  beforeAll(async () => {
    operator = await signInOperator(ctx.app);
    ent = await signUpEnterprise(ctx.app, { enterpriseName: 'Verify Me Ltd' });
  });

  it('requires an operator session: 401 without one, and for a member or consumer cookie', async () => {
    const routes: Array<[Method, string]> = [
      ['GET', '/operator/enterprises'],
      ['POST', `/operator/enterprises/${ent.enterpriseId}/verify`],
      ['POST', `/operator/enterprises/${ent.enterpriseId}/unverify`],
    ];
    for (const [method, url] of routes) {
      for (const cookie of [undefined, ent.cookie]) {
        const res = await call(method, url, cookie);
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    }
    const me = await call('GET', '/enterprise', ent.cookie);
    expect(me.json().verification).toBe('unverified');
  });

  it('lists enterprises newest first with member counts and admin accounts, filtered and paged', async () => {
    const code = unique('list-');
    const listed = await signUpEnterprise(ctx.app, { enterpriseName: `Paged ${code}`, account: 'boss' });
    await createMember(ctx.app, listed, { role: 'admin', account: 'aaa-admin' });
    const gone = await createMember(ctx.app, listed);
    await call('POST', `/members/${gone.id}/resign`, listed.cookie);

    const res = await call('GET', `/operator/enterprises?q=${encodeURIComponent(code.toUpperCase())}`, operator);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      data: [
        expect.objectContaining({
          id: listed.enterpriseId,
          verification: 'unverified',
          verifiedAt: null,
          memberCount: 2,
          adminAccounts: ['aaa-admin', 'boss'],
        }),
      ],
      nextCursor: null,
    });

    for (let i = 0; i < 3; i++) await signUpEnterprise(ctx.app);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Array<{ id: string }>; nextCursor: string | null } = (
        await call('GET', `/operator/enterprises?limit=2${cursor ? `&cursor=${cursor}` : ''}`, operator)
      ).json();
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await ctx.app.platform.db.selectFrom('enterprises').select('id').execute();
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen)).toEqual(new Set(all.map((e) => e.id)));
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('verifies and unverifies, idempotently; the admins hear of it; members see the badge', async () => {
    const admin = principalKey('member', ent.adminId);
    const verified = await call('POST', `/operator/enterprises/${ent.enterpriseId}/verify`, operator);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ id: ent.enterpriseId, verification: 'verified', verifiedAt: expect.any(Number) });
    const again = await call('POST', `/operator/enterprises/${ent.enterpriseId}/verify`, operator);
    expect(again.json().verifiedAt).toBe(verified.json().verifiedAt);

    expect((await call('GET', '/enterprise', ent.cookie)).json()).toMatchObject({ verification: 'verified' });
    expect((await call('GET', '/members/me/card', ent.cookie)).json().enterpriseVerified).toBe(true);
    const filtered = (await call('GET', '/operator/enterprises?verification=verified', operator)).json().data;
    expect(filtered.map((e: { id: string }) => e.id)).toContain(ent.enterpriseId);

    const unverified = await call('POST', `/operator/enterprises/${ent.enterpriseId}/unverify`, operator);
    expect(unverified.json()).toMatchObject({ verification: 'unverified', verifiedAt: null });
    await call('POST', `/operator/enterprises/${ent.enterpriseId}/unverify`, operator);

    const stream = await listUserEventsAfter(ctx.app.platform.db, admin, 0, 100, ctx.app.realtime.eventRefs);
    expect(stream.map((e) => e.type)).toEqual(['enterprise.verified', 'enterprise.unverified']);
    expect(stream[0].data).toMatchObject({ id: ent.enterpriseId, verification: 'verified' });
    const audit = await ctx.app.platform.db
      .selectFrom('events')
      .select(['type', 'actor_kind'])
      .where('aggregate_id', '=', ent.enterpriseId)
      .where('type', 'like', 'enterprise.%verified')
      .execute();
    expect(audit).toEqual([
      { type: 'enterprise.verified', actor_kind: 'operator' },
      { type: 'enterprise.unverified', actor_kind: 'operator' },
    ]);
  });

  describe('bad requests', () => {
    it('an unknown enterprise is 404 ENTERPRISE_NOT_FOUND', async () => {
      const res = await call('POST', '/operator/enterprises/00000000000000000000000000/verify', operator);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ENTERPRISE_NOT_FOUND');
    });

    it('bad ids and queries are 400 VALIDATION_FAILED', async () => {
      for (const [method, url] of [
        ['POST', '/operator/enterprises/bad%20id/verify'],
        ['GET', '/operator/enterprises?verification=maybe'],
        ['GET', '/operator/enterprises?limit=1000'],
        ['GET', '/operator/enterprises?cursor=abc'],
        ['GET', '/operator/enterprises?extra=1'],
      ] as Array<[Method, string]>) {
        const res = await call(method, url, operator);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });
  });
});
