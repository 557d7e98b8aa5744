import { beforeAll, describe, expect, it } from 'vitest';
import { type CreatedMember, createMember, type SignedUpEnterprise, signUpConsumer, signUpEnterprise } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller } from '../../../test/http.js';
import { listUserEventsAfter, principalKey } from '../../platform/realtime/user-events.js';
import { verifyEnterpriseAsPlatform } from '../operator/index.js';

describeEngines('business cards', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let ent: SignedUpEnterprise;
  let guide: CreatedMember;
  let colleague: CreatedMember;
  let consumer: string;

  beforeAll(async () => {
    ent = await signUpEnterprise(ctx.app, { enterpriseName: 'Maple & Moss', shortName: 'Maple' });
    guide = await createMember(ctx.app, ent, { name: '周欣', title: '导购', phone: '13800000001' }, { signIn: true });
    colleague = await createMember(ctx.app, ent, {}, { signIn: true });
    consumer = (await signUpConsumer(ctx.app)).cookie;
  });

  it('a card exists before it is edited: name, title, badge, nothing private', async () => {
    const res = await call('GET', '/members/me/card', guide.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      memberId: guide.id,
      name: '周欣',
      title: '导购',
      avatarUrl: null,
      enterpriseName: 'Maple & Moss',
      enterpriseShortName: 'Maple',
      enterpriseVerified: false,
      phone: null, // the member's own phone is not shown unless put on the card
      storeAddress: null,
      photoUrl: null,
      bio: null,
      customFields: [],
      updatedAt: expect.any(Number),
    });
  });

  it('a member edits their own card: only the fields given change; the title goes to the member', async () => {
    const first = await call('PUT', '/members/me/card', guide.cookie, {
      phone: '138 0000 0001',
      storeAddress: '上海市徐汇区漕溪北路 88 号',
      bio: '有问题随时找我',
      customFields: [
        { label: '营业时间', kind: 'text', value: '10:00–22:00' },
        { label: '会员中心', kind: 'link', value: 'https://maple.example/member' },
      ],
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await call('PUT', '/members/me/card', guide.cookie, { title: '资深导购', bio: null });
    expect(second.json()).toMatchObject({
      title: '资深导购',
      phone: '138 0000 0001',
      storeAddress: '上海市徐汇区漕溪北路 88 号',
      bio: null,
      customFields: [{ label: '营业时间' }, { label: '会员中心', kind: 'link' }],
    });
    expect((await call('GET', `/members/${guide.id}`, colleague.cookie)).json().title).toBe('资深导购');
    const stream = await listUserEventsAfter(ctx.app.platform.db, principalKey('member', guide.id), 0, 100, ctx.app.realtime.eventRefs);
    expect(stream.map((e) => e.type)).toEqual(['card.updated', 'member.updated', 'card.updated']);
    const audit = await ctx.app.platform.db.selectFrom('events').select('type').where('aggregate_id', '=', guide.id).execute();
    expect(audit.map((e) => e.type).filter((t) => t === 'card.updated')).toHaveLength(2);
  });

  it("colleagues read each other's cards; only an admin edits someone else's", async () => {
    const read = await call('GET', `/members/${guide.id}/card`, colleague.cookie);
    expect(read.json().storeAddress).toBe('上海市徐汇区漕溪北路 88 号');
    const forbidden = await call('PUT', `/members/${guide.id}/card`, colleague.cookie, { bio: 'x' });
    expect(forbidden.statusCode).toBe(403);
    const byAdmin = await call('PUT', `/members/${colleague.id}/card`, ent.cookie, { bio: 'Set by the admin', photoUrl: '/files/p.jpg' });
    expect(byAdmin.json()).toMatchObject({ memberId: colleague.id, bio: 'Set by the admin', photoUrl: '/files/p.jpg' });
    const unknown = await call('GET', '/members/nope/card', colleague.cookie);
    expect(unknown.json().error.code).toBe('MEMBER_NOT_FOUND');
  });

  it('refuses bad cards with VALIDATION_FAILED: scripts as links, too many fields, unknown properties', async () => {
    const bodies = [
      {},
      { customFields: [{ label: 'x', kind: 'link', value: 'javascript:alert(1)' }] },
      { customFields: [{ label: 'x', kind: 'link', value: 'www.example.com' }] },
      { customFields: Array.from({ length: 11 }, () => ({ label: 'x', kind: 'text', value: 'y' })) },
      { customFields: [{ label: 'x', kind: 'html', value: 'y' }] },
      { photoUrl: 'data:image/png;base64,xx' },
      { bio: 'b'.repeat(301) },
      { memberId: guide.id },
    ];
    for (const body of bodies) {
      const res = await call('PUT', '/members/me/card', guide.cookie, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  describe('as a consumer sees it', () => {
    it('shows an active member with the verified badge once the operator verifies the enterprise', async () => {
      const before = await call('GET', `/cards/${guide.id}`, consumer);
      expect(before.statusCode).toBe(200);
      expect(before.json()).toMatchObject({ name: '周欣', enterpriseShortName: 'Maple', enterpriseVerified: false });
      await verifyEnterpriseAsPlatform(ctx.app.platform, ent.enterpriseId);
      expect((await call('GET', `/cards/${guide.id}`, consumer)).json().enterpriseVerified).toBe(true);
    });

    it('a disabled, resigned or unknown member has no card (404 MEMBER_NOT_FOUND)', async () => {
      const leaving = await createMember(ctx.app, ent);
      const resigning = await createMember(ctx.app, ent);
      await call('POST', `/members/${leaving.id}/disable`, ent.cookie);
      await call('POST', `/members/${resigning.id}/resign`, ent.cookie);
      for (const id of [leaving.id, resigning.id, 'unknown']) {
        const res = await call('GET', `/cards/${id}`, consumer);
        expect(res.statusCode, id).toBe(404);
        expect(res.json().error.code).toBe('MEMBER_NOT_FOUND');
      }
      // a resigned member's card is frozen too
      const frozen = await call('PUT', `/members/${resigning.id}/card`, ent.cookie, { bio: 'x' });
      expect(frozen.json().error.code).toBe('MEMBER_RESIGNED');
    });

    it("another enterprise's admin cannot read or edit the card", async () => {
      const other = await signUpEnterprise(ctx.app);
      for (const [method, body] of [
        ['GET', undefined],
        ['PUT', { bio: 'Hacked' }],
      ] as const) {
        const res = await call(method, `/members/${guide.id}/card`, other.cookie, body);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('MEMBER_NOT_FOUND');
      }
      expect((await call('GET', '/members/me/card', guide.cookie)).json().bio).toBeNull();
    });
  });
});
