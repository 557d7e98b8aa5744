import { describe, expect, it } from 'vitest';
import { PASSWORD, signUpConsumer, signUpEnterprise, unique } from '../../../test/factories.js';
import { cookieOf, describeEngines } from '../../../test/harness.js';

describeEngines('identity', (ctx) => {
  describe('enterprise sign-up', () => {
    it('creates an unverified enterprise whose first member is an admin, signed in', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/sessions/member/current', headers: { cookie: ent.cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        kind: 'member',
        member: { role: 'admin', status: 'active' },
        enterprise: { verification: 'unverified' },
      });
      expect(me.json().member).not.toHaveProperty('passwordHash');
    });

    it('refuses a taken enterprise id with ENTERPRISE_CODE_TAKEN and writes nothing', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const before = await ctx.app.platform.db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const again = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: { enterpriseName: 'Other', shortName: 'O', code: ent.code, adminName: 'X', account: 'x1', password: PASSWORD },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('ENTERPRISE_CODE_TAKEN');
      const after = await ctx.app.platform.db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('rejects unknown properties and short passwords with VALIDATION_FAILED', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        payload: { enterpriseName: 'Acme', shortName: 'A', code: unique('e'), adminName: 'A', account: 'a1', password: 'short', extra: 1 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('member sign-in', () => {
    it('signs in by account with the enterprise id, and answers the same for unknown accounts and wrong passwords', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const ok = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/member',
        payload: { enterprise: ent.code, login: 'admin', password: PASSWORD },
      });
      expect(ok.statusCode).toBe(200);
      cookieOf(ok, 'rapport_member');
      const wrong = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/member',
        payload: { enterprise: ent.code, login: 'admin', password: 'nope-nope-1' },
      });
      const unknown = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/member',
        payload: { enterprise: ent.code, login: 'ghost', password: 'nope-nope-1' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error).toEqual(unknown.json().error);
    });

    it('locks a login after 5 failures with TOO_MANY_ATTEMPTS, even for the right password', async () => {
      const ent = await signUpEnterprise(ctx.app);
      for (let i = 0; i < 5; i++) {
        await ctx.app.inject({
          method: 'POST',
          url: '/api/v1/sessions/member',
          payload: { enterprise: ent.code, login: 'admin', password: 'wrong-pass-1' },
        });
      }
      const locked = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/member',
        payload: { enterprise: ent.code, login: 'admin', password: PASSWORD },
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    });
  });

  describe('consumer accounts', () => {
    it('signs up and in by phone, formatting aside', async () => {
      const phone = `139${String(Date.now()).slice(-8)}`;
      await signUpConsumer(ctx.app, { account: undefined, phone });
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/consumer',
        payload: { login: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().consumer.phone).toBe(phone);
    });

    it('refuses a taken account with ACCOUNT_TAKEN', async () => {
      const c = await signUpConsumer(ctx.app);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/consumers',
        payload: { account: c.account, nickname: 'x', password: PASSWORD },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ACCOUNT_TAKEN');
    });

    it('edits the profile; requires auth', async () => {
      const c = await signUpConsumer(ctx.app);
      const anon = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/consumers/me', payload: { nickname: 'New' } });
      expect(anon.statusCode).toBe(401);
      const res = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/v1/consumers/me',
        headers: { cookie: c.cookie },
        payload: { nickname: 'New' },
      });
      expect(res.json().nickname).toBe('New');
    });
  });

  describe('sessions', () => {
    it('sign-out ends the session', async () => {
      const c = await signUpConsumer(ctx.app);
      const out = await ctx.app.inject({ method: 'DELETE', url: '/api/v1/sessions/consumer/current', headers: { cookie: c.cookie } });
      expect(out.statusCode).toBe(200);
      const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/sessions/consumer/current', headers: { cookie: c.cookie } });
      expect(me.statusCode).toBe(401);
    });

    it('a password change ends every session and issues a new one', async () => {
      const c = await signUpConsumer(ctx.app);
      const other = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/consumer',
        payload: { login: c.account, password: PASSWORD },
      });
      const otherCookie = cookieOf(other, 'rapport_consumer');
      const change = await ctx.app.inject({
        method: 'PUT',
        url: '/api/v1/passwords/consumer',
        headers: { cookie: c.cookie },
        payload: { currentPassword: PASSWORD, newPassword: 'another-pass-2' },
      });
      expect(change.statusCode).toBe(200);
      const fresh = cookieOf(change, 'rapport_consumer');
      for (const [cookie, status] of [
        [c.cookie, 401],
        [otherCookie, 401],
        [fresh, 200],
      ] as const) {
        const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/sessions/consumer/current', headers: { cookie } });
        expect(me.statusCode).toBe(status);
      }
    });

    it('a member cookie does not authenticate as a consumer', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const token = ent.cookie.split('=')[1];
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/consumers/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('operator setup', () => {
    it('redeems the one-time setup token once', async () => {
      const { ensureOperatorSetupToken } = await import('../identity/index.js');
      const token = await ensureOperatorSetupToken(ctx.app.platform);
      expect(token).toBeTruthy();
      const first = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/operators',
        payload: { token, account: 'root', password: PASSWORD },
      });
      expect(first.statusCode).toBe(201);
      const second = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/operators',
        payload: { token, account: 'root2', password: PASSWORD },
      });
      expect(second.json().error.code).toBe('SETUP_TOKEN_INVALID');
      expect(await ensureOperatorSetupToken(ctx.app.platform)).toBeUndefined();
    });
  });
});
