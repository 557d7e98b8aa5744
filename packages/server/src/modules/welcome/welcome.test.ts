import { beforeAll, describe, expect, it } from 'vitest';
import {
  addCustomer,
  type CreatedMember,
  makeContactReadyMember,
  type SignedUpEnterprise,
  signUpConsumer,
  signUpEnterprise,
  uploadFile,
} from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { type Call, caller, type Method } from '../../../test/http.js';
import { registerJobHandlers } from '../../app.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { png } from '../files/files.fixtures.js';
import { deleteUnsentFiles } from '../files/index.js';

const link = { kind: 'link', body: { url: 'https://example.com/spring', title: 'Spring collection' } };

describeEngines('welcome messages', (ctx) => {
  const call: Call = caller(() => ctx.app);
  let a: SignedUpEnterprise;
  let b: SignedUpEnterprise;
  let guide: CreatedMember; // has their own welcome message
  let plain: CreatedMember; // none of their own: the enterprise default applies
  let runner: JobRunner;
  let image: { kind: 'image'; body: Record<string, unknown> }; // the guide's upload

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app);
    b = await signUpEnterprise(ctx.app);
    guide = await makeContactReadyMember(ctx.app, a);
    plain = await makeContactReadyMember(ctx.app, a, {}, { verify: false });
    runner = registerJobHandlers(new JobRunner(ctx.app.platform));
    const shop = await uploadFile(ctx.app, guide, { as: 'member', kind: 'image', name: 'shop.png' }, await png(80, 60));
    image = { kind: 'image', body: shop.attachment };
  });

  const drain = async () => {
    while ((await runner.runOnce()) > 0) {
      // until no job is due
    }
  };
  const customerOf = async (member: { cookie: string }, customerId: string) => {
    const res = await call('GET', `/customers/${customerId}`, member.cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { conversationId: string | null; status: string };
  };
  const messagesOf = async (consumer: { cookie: string }, conversationId: string) => {
    const res = await call('GET', `/conversations/${conversationId}/messages?as=consumer`, consumer.cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data as Array<{ kind: string; body: Record<string, unknown>; sender: { kind: string; id: string } }>;
  };

  describe('endpoints', () => {
    const endpoints: Array<{ method: Method; url: string; body?: unknown }> = [
      { method: 'GET', url: '/members/me/welcome-message' },
      { method: 'PUT', url: '/members/me/welcome-message', body: { text: 'hi', attachments: [] } },
      { method: 'GET', url: '/enterprise/welcome-message' },
      { method: 'PUT', url: '/enterprise/welcome-message', body: { text: 'hi', attachments: [] } },
    ];

    it('require a member session (401), and an admin for the enterprise default (403)', async () => {
      for (const e of endpoints) {
        const res = await call(e.method, e.url, undefined, e.body);
        expect(res.statusCode, `${e.method} ${e.url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
      const consumer = await signUpConsumer(ctx.app);
      expect((await call('GET', '/members/me/welcome-message', consumer.cookie)).statusCode).toBe(401);
      expect((await call('GET', '/enterprise/welcome-message', guide.cookie)).statusCode).toBe(403);
      expect((await call('PUT', '/enterprise/welcome-message', guide.cookie, { text: 'x', attachments: [] })).statusCode).toBe(403);
    });

    it('store, read back and clear a welcome message; another enterprise never sees it', async () => {
      expect((await call('GET', '/members/me/welcome-message', guide.cookie)).json()).toEqual({
        text: '',
        attachments: [],
        updatedAt: null,
      });
      const put = await call('PUT', '/members/me/welcome-message', guide.cookie, {
        text: ' Welcome to Acme 🌸 ',
        attachments: [image, link],
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ text: 'Welcome to Acme 🌸', attachments: [image, link] });
      expect((await call('GET', '/members/me/welcome-message', guide.cookie)).json().text).toBe('Welcome to Acme 🌸');

      const ent = await call('PUT', '/enterprise/welcome-message', a.cookie, { text: 'Hello from the store', attachments: [] });
      expect(ent.statusCode, ent.body).toBe(200);
      expect((await call('GET', '/enterprise/welcome-message', a.cookie)).json().text).toBe('Hello from the store');
      // the other tenant's admin reads their own (empty) default, never A's
      expect((await call('GET', '/enterprise/welcome-message', b.cookie)).json()).toEqual({ text: '', attachments: [], updatedAt: null });
      // the admin's own welcome is not the enterprise default
      expect((await call('GET', '/members/me/welcome-message', a.cookie)).json().updatedAt).toBeNull();

      const scratch = await makeContactReadyMember(ctx.app, a, {}, { verify: false });
      await call('PUT', '/members/me/welcome-message', scratch.cookie, { text: 'temp', attachments: [] });
      const cleared = await call('PUT', '/members/me/welcome-message', scratch.cookie, { text: '  ', attachments: [] });
      expect(cleared.json()).toEqual({ text: '', attachments: [], updatedAt: null });
    });

    it('reject bad input with VALIDATION_FAILED and keep what was stored', async () => {
      const bad: unknown[] = [
        { text: 'x'.repeat(1001), attachments: [] },
        { text: 'x', attachments: Array.from({ length: 10 }, () => link) },
        { text: 'x', attachments: [{ kind: 'file', body: image.body }] },
        { text: 'x', attachments: [{ kind: 'link', body: { url: 'javascript:alert(1)', title: 't' } }] },
        { text: 'x' },
        { text: 'x', attachments: [], extra: true },
      ];
      for (const body of bad) {
        const res = await call('PUT', '/members/me/welcome-message', guide.cookie, body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
      expect((await call('PUT', '/members/me/welcome-message', guide.cookie, { text: 'x'.repeat(1000), attachments: [] })).statusCode).toBe(
        200,
      );
      // an image must be a file this member may send (not a made-up id, not another member's private upload)
      const madeUp = { kind: 'image', body: { ...image.body, fileId: 'f1' } };
      const theirs = await uploadFile(ctx.app, plain, { as: 'member', kind: 'image', name: 'mine.png' }, await png(20, 20));
      for (const attachments of [[madeUp], [{ kind: 'image', body: theirs.attachment }]]) {
        const refused = await call('PUT', '/members/me/welcome-message', guide.cookie, { text: 'x', attachments });
        expect(refused.statusCode, refused.body).toBe(404);
        expect(refused.json().error.code).toBe('FILE_NOT_FOUND');
      }
      expect((await call('GET', '/members/me/welcome-message', guide.cookie)).json().text).toBe('x'.repeat(1000));
      const nine = Array.from({ length: 9 }, () => link);
      expect(
        (await call('PUT', '/members/me/welcome-message', guide.cookie, { text: 'Welcome to Acme 🌸', attachments: nine })).statusCode,
      ).toBe(200);
      await call('PUT', '/members/me/welcome-message', guide.cookie, { text: 'Welcome to Acme 🌸', attachments: [image, link] });
    });
  });

  describe('attachments', () => {
    it('an image saved in a welcome becomes an enterprise material: stored as measured, kept from the cleanup, sent and read by every member', async () => {
      const banner = await uploadFile(ctx.app, a, { as: 'member', kind: 'image', name: 'banner.png' }, await png(120, 40));
      const claimed = { ...banner.attachment, name: 'renamed.png', width: 1, height: 1, size: 1 };
      const saved = await call('PUT', '/enterprise/welcome-message', a.cookie, {
        text: 'Hello from the store',
        attachments: [{ kind: 'image', body: claimed }],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().attachments[0].body).toEqual(banner.attachment); // the server's metadata, not the claim
      // another member may now show it and send it; a consumer or another enterprise may not read it
      expect((await call('GET', `/files/${banner.id}`, plain.cookie)).statusCode).toBe(200);
      const guideB = await makeContactReadyMember(ctx.app, b);
      expect((await call('GET', `/files/${banner.id}`, guideB.cookie)).statusCode).toBe(404);
      expect((await call('GET', `/files/${banner.id}`, (await signUpConsumer(ctx.app)).cookie)).statusCode).toBe(404);
      // a day later the cleanup of unsent files leaves it alone
      expect(await deleteUnsentFiles(ctx.app.platform, Date.now() + 2 * 24 * 3600_000)).toBeGreaterThanOrEqual(0);
      expect((await call('GET', `/files/${banner.id}`, a.cookie)).statusCode).toBe(200);

      const wang = await signUpConsumer(ctx.app);
      const { customerId } = await addCustomer(ctx.app, plain, wang);
      await drain();
      const conversationId = (await customerOf(plain, customerId)).conversationId as string;
      const messages = await messagesOf(wang, conversationId);
      expect(messages.map((m) => m.kind)).toEqual(['text', 'image']);
      expect(messages[1]).toMatchObject({ sender: { kind: 'member', id: plain.id }, body: { fileId: banner.id } });
      expect((await call('GET', `/files/${banner.id}?as=consumer`, wang.cookie)).statusCode).toBe(200); // granted by the send
      await call('PUT', '/enterprise/welcome-message', a.cookie, { text: 'Hello from the store', attachments: [] });
    });
  });

  describe('sending', () => {
    it('sends the member’s own welcome once, after the add, as the member; a retried job sends nothing new', async () => {
      const lin = await signUpConsumer(ctx.app);
      const { customerId } = await addCustomer(ctx.app, guide, lin);
      const { conversationId } = await customerOf(guide, customerId);
      expect(conversationId).toBeTruthy();
      expect(await messagesOf(lin, conversationId as string)).toEqual([]); // nothing before the job runs
      await drain();
      const messages = await messagesOf(lin, conversationId as string);
      expect(messages.map((m) => m.kind)).toEqual(['text', 'image', 'link']);
      expect(messages[0]).toMatchObject({ body: { text: 'Welcome to Acme 🌸' }, sender: { kind: 'member', id: guide.id } });
      expect(messages[2].body).toEqual(link.body);

      // the job runs again (a worker died before marking it done): replays, sends nothing
      const db = ctx.app.platform.db;
      const jobs = await db.selectFrom('jobs').select(['id', 'status']).where('dedupe_key', 'like', `welcome:${customerId}:%`).execute();
      expect(jobs).toHaveLength(1);
      expect(jobs[0].status).toBe('done');
      await db.updateTable('jobs').set({ status: 'pending', run_at: 0, attempts: 0 }).where('id', '=', jobs[0].id).execute();
      await drain();
      expect(await messagesOf(lin, conversationId as string)).toHaveLength(3);
    });

    it('falls back to the enterprise default when the member has none', async () => {
      const wang = await signUpConsumer(ctx.app);
      const { customerId } = await addCustomer(ctx.app, plain, wang);
      await drain();
      const messages = await messagesOf(wang, (await customerOf(plain, customerId)).conversationId as string);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ kind: 'text', body: { text: 'Hello from the store' }, sender: { kind: 'member', id: plain.id } });
    });

    it('sends nothing when no welcome message is configured', async () => {
      const guideB = await makeContactReadyMember(ctx.app, b);
      const zhao = await signUpConsumer(ctx.app);
      const { customerId } = await addCustomer(ctx.app, guideB, zhao);
      await drain();
      expect(await messagesOf(zhao, (await customerOf(guideB, customerId)).conversationId as string)).toEqual([]);
    });

    it('sends again only on a new add: deleted then re-added gets one more welcome in the reopened conversation', async () => {
      const chen = await signUpConsumer(ctx.app);
      const { customerId } = await addCustomer(ctx.app, guide, chen);
      await drain();
      const conversationId = (await customerOf(guide, customerId)).conversationId as string;
      expect(await messagesOf(chen, conversationId)).toHaveLength(3);
      expect((await call('DELETE', `/contacts/enterprise/${guide.id}`, chen.cookie)).statusCode).toBe(200);
      await drain();
      expect(await messagesOf(chen, conversationId)).toHaveLength(3);
      const again = await addCustomer(ctx.app, guide, chen);
      expect(again.customerId).toBe(customerId);
      expect((await customerOf(guide, customerId)).conversationId).toBe(conversationId);
      await drain();
      await drain();
      expect((await messagesOf(chen, conversationId)).map((m) => m.kind)).toEqual(['text', 'image', 'link', 'text', 'image', 'link']);
    });

    it('sends nothing to a customer lost before the job ran, and the job ends', async () => {
      const li = await signUpConsumer(ctx.app);
      const { customerId } = await addCustomer(ctx.app, guide, li);
      const conversationId = (await customerOf(guide, customerId)).conversationId as string;
      expect((await call('POST', `/contacts/enterprise/${guide.id}/block`, li.cookie)).statusCode).toBe(200);
      await drain();
      expect(await messagesOf(li, conversationId)).toEqual([]);
      const job = await ctx.app.platform.db
        .selectFrom('jobs')
        .select('status')
        .where('dedupe_key', 'like', `welcome:${customerId}:%`)
        .executeTakeFirstOrThrow();
      expect(job.status).toBe('done');
    });
  });
});
