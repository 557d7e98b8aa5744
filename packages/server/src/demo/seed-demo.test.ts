import { expect, it } from 'vitest';
import { describeEngines } from '../../test/harness.js';
import { DEMO, seedDemo } from './seed-demo.js';

describeEngines('demo seed', (ctx) => {
  const count = async (table: 'members' | 'departments' | 'consumers' | 'member_cards') =>
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

  it('changes nothing when run again', async () => {
    await seedDemo(ctx.app, () => {});
    expect(await count('members')).toBe(14);
  });
});
