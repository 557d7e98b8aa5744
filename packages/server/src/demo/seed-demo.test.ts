import { expect, it } from 'vitest';
import { describeEngines } from '../../test/harness.js';
import { DEMO, seedDemo } from './seed-demo.js';

describeEngines('demo seed', (ctx) => {
  const count = async (
    table: 'members' | 'departments' | 'consumers' | 'member_cards' | 'customer_relations' | 'contact_ways' | 'tags' | 'quick_replies',
  ) =>
    Number(
      (
        await ctx.app.platform.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates a verified retail chain with stores, guides with cards and consumers, and signs in', async () => {
    await seedDemo(ctx.app, () => {});
    const enterprise = await ctx.app.platform.db
      .selectFrom('enterprises')
      .selectAll()
      .where('code', '=', DEMO.enterprise)
      .executeTakeFirstOrThrow();
    expect(enterprise.verification).toBe('verified');
    expect(await count('departments')).toBe(5); // root, head office, three stores
    expect(await count('members')).toBe(14); // two admins, twelve guides
    expect(await count('member_cards')).toBe(12);
    expect(await count('consumers')).toBe(6);
    const signIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/sessions/member',
      payload: { enterprise: DEMO.enterprise, login: 'zhouxin', password: DEMO.password },
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('fills customer contact: customers with tags and chats (welcome first), contact ways, a friendship, open requests', async () => {
    expect(await count('customer_relations')).toBe(5);
    expect(await count('contact_ways')).toBe(3);
    expect(await count('tags')).toBe(7);
    expect(await count('quick_replies')).toBe(4);
    const signIn = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/sessions/member',
      payload: { enterprise: DEMO.enterprise, login: 'zhouxin', password: DEMO.password },
    });
    const cookie = (signIn.headers['set-cookie'] as string | string[]).toString().split(';')[0] as string;
    const customers = (await ctx.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { cookie } })).json().data;
    expect(customers).toHaveLength(3);
    const xiaoyu = customers.find((c: { consumer: { nickname: string } }) => c.consumer.nickname === '小雨');
    expect(xiaoyu).toMatchObject({ remark: '小雨（敏感肌）', addSource: 'contact_way', state: 'xuhui-counter' });
    expect(xiaoyu.tags.map((t: { name: string }) => t.name).sort()).toEqual(['新客', '护肤', '金卡'].sort());
    const messages = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${xiaoyu.conversationId}/messages?as=member`,
      headers: { cookie },
    });
    const texts = messages
      .json()
      .data.sort((x: { seq: number }, y: { seq: number }) => x.seq - y.seq)
      .map((m: { body: { text: string } }) => m.body.text);
    expect(texts[0]).toContain('感谢扫码添加'); // the contact way's own welcome, before the chat
    expect(texts).toHaveLength(4);
    const pending = await ctx.app.inject({ method: 'GET', url: '/api/v1/customer-requests', headers: { cookie } });
    expect(pending.json().data.filter((r: { status: string }) => r.status === 'pending')).toHaveLength(1);
  });

  it('changes nothing when run again', async () => {
    await seedDemo(ctx.app, () => {});
    expect(await count('members')).toBe(14);
  });
});
