import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMember, openChat, signUpConsumer, signUpEnterprise, textMessage, unique, uploadFile } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { caller } from '../../../test/http.js';
import { listUserEventsAfter, type PrincipalKey, principalKey } from '../../platform/realtime/user-events.js';
import { oggOpus, pdf, png } from '../files/files.fixtures.js';
import { closeConversation, recallMessage, sendMessage } from './index.js';

describeEngines('chat', (ctx) => {
  const call = caller(() => ctx.app);
  const db = () => ctx.app.platform.db;

  /** Two consumers with a friend conversation between them. */
  async function pair() {
    const a = await signUpConsumer(ctx.app, { nickname: 'Ann' });
    const b = await signUpConsumer(ctx.app, { nickname: 'Bo' });
    const conversationId = await openChat(ctx.app, [principalKey('consumer', a.id), principalKey('consumer', b.id)]);
    return { a, b, conversationId };
  }

  /** The principal's events of one type as a replay reads them back. */
  const eventsOf = async (principal: string, type: string) =>
    (await listUserEventsAfter(db(), principal as PrincipalKey, 0, 10_000, ctx.app.realtime.eventRefs)).filter((e) => e.type === type);

  const send = (conversationId: string, cookie: string, payload: unknown, as = 'consumer') =>
    call('POST', `/conversations/${conversationId}/messages?as=${as}`, cookie, payload);

  describe('access', () => {
    it('requires a session on every route and a valid ?as', async () => {
      const { conversationId } = await pair();
      const routes: Array<['GET' | 'POST', string, unknown?]> = [
        ['GET', '/conversations?as=consumer'],
        ['GET', `/conversations/${conversationId}?as=consumer`],
        ['GET', `/conversations/${conversationId}/messages?as=consumer`],
        ['POST', `/conversations/${conversationId}/messages?as=consumer`, textMessage('hi')],
        ['POST', `/conversations/${conversationId}/read?as=consumer`, { seq: 1 }],
        ['POST', `/conversations/${conversationId}/messages/1/recall?as=consumer`, {}],
      ];
      for (const [method, url, payload] of routes) {
        const res = await call(method, url, undefined, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
      // a body that would fail validation still answers 401 first
      expect((await call('POST', `/conversations/${conversationId}/messages?as=consumer`, undefined, { junk: 1 })).statusCode).toBe(401);
      expect((await call('GET', '/conversations')).statusCode).toBe(400);
      expect((await call('GET', '/conversations?as=operator')).statusCode).toBe(400);
    });

    it('answers 404 CONVERSATION_NOT_FOUND to a stranger consumer and to members of any enterprise, and stores nothing', async () => {
      const { a, conversationId } = await pair();
      await send(conversationId, a.cookie, textMessage('private'));
      const stranger = await signUpConsumer(ctx.app);
      const ent = await signUpEnterprise(ctx.app);
      const member = await createMember(ctx.app, ent, {}, { signIn: true });
      for (const [cookie, as] of [
        [stranger.cookie, 'consumer'],
        [ent.cookie, 'member'],
        [member.cookie, 'member'],
      ]) {
        const q = `as=${as}`;
        for (const res of [
          await call('GET', `/conversations/${conversationId}?${q}`, cookie),
          await call('GET', `/conversations/${conversationId}/messages?${q}`, cookie),
          await call('POST', `/conversations/${conversationId}/messages?${q}`, cookie, textMessage('intrude')),
          await call('POST', `/conversations/${conversationId}/read?${q}`, cookie, { seq: 1 }),
          await call('POST', `/conversations/${conversationId}/messages/1/recall?${q}`, cookie),
        ]) {
          expect(res.statusCode).toBe(404);
          expect(res.json().error.code).toBe('CONVERSATION_NOT_FOUND');
        }
        const list = await call('GET', `/conversations?${q}`, cookie);
        expect(list.json().data).toEqual([]);
      }
      const rows = await db().selectFrom('messages').select('seq').where('conversation_id', '=', conversationId).execute();
      expect(rows).toHaveLength(1);
    });

    it('keeps a member↔consumer conversation of one enterprise away from another enterprise', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const other = await signUpEnterprise(ctx.app);
      const consumer = await signUpConsumer(ctx.app);
      const conversationId = await openChat(ctx.app, [principalKey('member', ent.adminId), principalKey('consumer', consumer.id)], {
        kind: 'customer',
        enterpriseId: ent.enterpriseId,
      });
      const ok = await send(conversationId, ent.cookie, textMessage('hello from the store'), 'member');
      expect(ok.statusCode, ok.body).toBe(201);
      const res = await call('GET', `/conversations/${conversationId}/messages?as=member`, other.cookie);
      expect(res.statusCode).toBe(404);
      const mine = await call('GET', `/conversations/${conversationId}/messages?as=consumer`, consumer.cookie);
      expect(mine.json().data.map((m: { body: { text: string } }) => m.body.text)).toEqual(['hello from the store']);
    });
  });

  describe('sending', () => {
    it('stores, acknowledges and delivers a message to every participant (the sender’s devices too)', async () => {
      const { a, b, conversationId } = await pair();
      const res = await send(conversationId, a.cookie, textMessage('你好 👋 hello'));
      expect(res.statusCode, res.body).toBe(201);
      const message = res.json();
      expect(message).toMatchObject({
        conversationId,
        seq: 1,
        sender: { kind: 'consumer', id: a.id },
        kind: 'text',
        body: { text: '你好 👋 hello' },
        quoteSeq: null,
        recalledAt: null,
      });
      for (const who of [a, b]) {
        const events = await eventsOf(principalKey('consumer', who.id), 'message.created');
        expect(events).toHaveLength(1);
        expect(events[0].data).toEqual(message);
      }
    });

    it('accepts every message kind and refuses bad bodies with VALIDATION_FAILED', async () => {
      const { a, conversationId } = await pair();
      const guide = await createMember(ctx.app, await signUpEnterprise(ctx.app)); // a card shows a real member
      const upload = async (kind: 'image' | 'file' | 'voice', name: string, bytes: Buffer) =>
        (await uploadFile(ctx.app, a, { as: 'consumer', kind, name }, bytes)).attachment;
      const good: Array<[string, unknown]> = [
        ['text', { text: '😀'.repeat(2000) }],
        ['image', await upload('image', 'p.png', await png(640, 480))],
        ['file', await upload('file', 'a.pdf', pdf())],
        ['voice', await upload('voice', 'v.ogg', oggOpus(3000))],
        ['link', { url: 'https://example.com/x', title: 'Spring sale', description: 'Up to 50%', imageUrl: 'https://example.com/i.png' }],
        ['location', { lat: 31.2304, lng: 121.4737, name: 'Store', address: '1 Nanjing Rd' }],
        ['card', { memberId: guide.id }],
      ];
      for (const [kind, body] of good) {
        const res = await send(conversationId, a.cookie, { clientId: unique('k'), kind, body });
        expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
        expect(res.json().body).toEqual(body);
      }
      const bad: unknown[] = [
        { clientId: 'x1', kind: 'text', body: { text: 'a'.repeat(4001) } },
        { clientId: 'x2', kind: 'text', body: { text: '   ' } },
        { clientId: 'x3', kind: 'text', body: { text: 'hi', extra: 1 } },
        { clientId: 'x4', kind: 'sticker', body: { text: 'hi' } },
        { clientId: 'x5', kind: 'image', body: { text: 'hi' } },
        { clientId: 'x6', kind: 'location', body: { lat: 91, lng: 0 } },
        { clientId: 'x7', kind: 'link', body: { url: 'javascript:alert(1)', title: 't' } },
        { clientId: '', kind: 'text', body: { text: 'hi' } },
        { kind: 'text', body: { text: 'hi' } },
        { clientId: 'x8', kind: 'text', body: { text: 'hi' }, quoteSeq: 0 },
      ];
      for (const payload of bad) {
        const res = await send(conversationId, a.cookie, payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
      const count = await db().selectFrom('messages').select('seq').where('conversation_id', '=', conversationId).execute();
      expect(count).toHaveLength(good.length);
    });

    it('attachments: only a file the sender may send, of the kind, stored as measured; the other side may then download it', async () => {
      const { a, b, conversationId } = await pair();
      const photo = await uploadFile(ctx.app, a, { as: 'consumer', kind: 'image', name: 'p.png' }, await png(64, 32));
      expect((await call('GET', `/files/${photo.id}?as=consumer`, b.cookie)).statusCode).toBe(404); // not sent yet
      const refusals: Array<[unknown, string]> = [
        [{ kind: 'image', body: { ...photo.attachment, fileId: 'nosuchfile' } }, 'FILE_NOT_FOUND'],
        [{ kind: 'file', body: photo.attachment }, 'FILE_KIND_MISMATCH'],
      ];
      for (const [payload, code] of refusals) {
        const res = await send(conversationId, a.cookie, { clientId: unique('f'), ...(payload as object) });
        expect(res.json().error.code, res.body).toBe(code);
      }
      // b cannot send a's upload before it was sent to them
      expect(
        (await send(conversationId, b.cookie, { clientId: unique('f'), kind: 'image', body: photo.attachment })).json().error.code,
      ).toBe('FILE_NOT_FOUND');
      const claimed = { ...photo.attachment, name: 'other.png', width: 9999, size: 1 };
      const sent = await send(conversationId, a.cookie, { clientId: unique('f'), kind: 'image', body: claimed });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json().body).toEqual(photo.attachment);
      expect((await call('GET', `/files/${photo.id}?as=consumer`, b.cookie)).statusCode).toBe(200);
      // now b may forward it
      expect((await send(conversationId, b.cookie, { clientId: unique('f'), kind: 'image', body: photo.attachment })).statusCode).toBe(201);
    });

    it('makes a resend with the same clientId idempotent: one row, the same seq, one delivery', async () => {
      const { a, b, conversationId } = await pair();
      const payload = textMessage('only once');
      const first = await send(conversationId, a.cookie, payload);
      const again = await send(conversationId, a.cookie, payload);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      const [x, y] = await Promise.all([send(conversationId, a.cookie, payload), send(conversationId, a.cookie, payload)]);
      expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
      const rows = await db().selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).execute();
      expect(rows).toHaveLength(1);
      expect(await eventsOf(principalKey('consumer', b.id), 'message.created')).toHaveLength(1);
      // the same clientId in another conversation is a conflict, not a silent replay
      const c = await signUpConsumer(ctx.app);
      const other = await openChat(ctx.app, [principalKey('consumer', a.id), principalKey('consumer', c.id)]);
      const clash = await send(other, a.cookie, payload);
      expect(clash.statusCode).toBe(409);
    });

    it('keeps seqs gap-free and in order under 50 concurrent senders', async () => {
      const { a, b, conversationId } = await pair();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => send(conversationId, i % 2 ? a.cookie : b.cookie, textMessage(`m${i}`))),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
      const seqs = results.map((r) => r.json().seq).sort((x: number, y: number) => x - y);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const history = await call('GET', `/conversations/${conversationId}/messages?as=consumer&limit=200`, a.cookie);
      expect(history.json().data.map((m: { seq: number }) => m.seq)).toEqual(seqs);
      expect(history.json()).toMatchObject({ more: false, lastSeq: 50 });
      const delivered = await eventsOf(principalKey('consumer', b.id), 'message.created');
      expect(delivered.map((e) => (e.data as { seq: number }).seq).sort((x, y) => x - y)).toEqual(seqs);
    });

    it('pages history by seq: after for sync, before for older messages', async () => {
      const { a, conversationId } = await pair();
      for (let i = 1; i <= 7; i++) await send(conversationId, a.cookie, textMessage(`m${i}`));
      const seqs = async (query: string) => {
        const res = await call('GET', `/conversations/${conversationId}/messages?as=consumer&${query}`, a.cookie);
        expect(res.statusCode, res.body).toBe(200);
        return { seqs: res.json().data.map((m: { seq: number }) => m.seq), more: res.json().more };
      };
      expect(await seqs('after=4')).toEqual({ seqs: [5, 6, 7], more: false });
      expect(await seqs('after=0&limit=3')).toEqual({ seqs: [1, 2, 3], more: true });
      expect(await seqs('before=6&limit=2')).toEqual({ seqs: [4, 5], more: true });
      expect(await seqs('before=3&limit=5')).toEqual({ seqs: [1, 2], more: false });
      expect(await seqs('after=2&before=5')).toEqual({ seqs: [3, 4], more: false });
      expect((await call('GET', `/conversations/${conversationId}/messages?as=consumer&limit=0`, a.cookie)).statusCode).toBe(400);
    });

    it('quotes a message of the same conversation only', async () => {
      const { a, b, conversationId } = await pair();
      await send(conversationId, a.cookie, textMessage('question'));
      const reply = await send(conversationId, b.cookie, { ...textMessage('answer'), quoteSeq: 1 });
      expect(reply.statusCode).toBe(201);
      expect(reply.json().quoteSeq).toBe(1);
      for (const quoteSeq of [3, 4, 99]) {
        const bad = await send(conversationId, b.cookie, { ...textMessage('nope'), quoteSeq });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.code).toBe('QUOTED_MESSAGE_NOT_FOUND');
      }
      const after = await call('GET', `/conversations/${conversationId}/messages?as=consumer`, a.cookie);
      expect(after.json().data.map((m: { seq: number }) => m.seq)).toEqual([1, 2]); // no seq burnt by refusals
    });

    it('refuses sends to a closed conversation with CONVERSATION_CLOSED, storing and delivering nothing', async () => {
      const { a, b, conversationId } = await pair();
      await send(conversationId, a.cookie, textMessage('before'));
      await ctx.app.platform.transaction((uow) => closeConversation(ctx.app.platform, uow, conversationId, 'friendship ended'));
      const eventsBefore = await eventsOf(principalKey('consumer', b.id), 'message.created');
      const res = await send(conversationId, a.cookie, textMessage('after'));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONVERSATION_CLOSED');
      const rows = await db().selectFrom('messages').select('seq').where('conversation_id', '=', conversationId).execute();
      expect(rows).toHaveLength(1);
      expect(await eventsOf(principalKey('consumer', b.id), 'message.created')).toHaveLength(eventsBefore.length);
      expect(await eventsOf(principalKey('consumer', b.id), 'conversation.closed')).toHaveLength(1);
      const conv = await call('GET', `/conversations/${conversationId}?as=consumer`, b.cookie);
      expect(conv.json()).toMatchObject({ status: 'closed', closedReason: 'friendship ended', lastSeq: 1 });
    });
  });

  describe('read receipts and unread counts', () => {
    it('counts the others’ unread messages, moves read positions forward only and tells the participants', async () => {
      const { a, b, conversationId } = await pair();
      for (let i = 0; i < 3; i++) await send(conversationId, a.cookie, textMessage(`a${i}`));
      await send(conversationId, b.cookie, textMessage('b0'));
      const listOf = async (cookie: string) => (await call('GET', '/conversations?as=consumer', cookie)).json().data[0];
      expect(await listOf(b.cookie)).toMatchObject({ id: conversationId, unread: 3, readSeq: 0, lastSeq: 4, lastMessage: { seq: 4 } });
      expect(await listOf(a.cookie)).toMatchObject({ unread: 1, peers: [{ kind: 'consumer', id: b.id, name: 'Bo', readSeq: 0 }] });

      const read = await call('POST', `/conversations/${conversationId}/read?as=consumer`, b.cookie, { seq: 2 });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toEqual({ conversationId, reader: { kind: 'consumer', id: b.id }, seq: 2 });
      expect(await listOf(b.cookie)).toMatchObject({ unread: 1, readSeq: 2 });
      const receipts = await eventsOf(principalKey('consumer', a.id), 'conversation.read');
      expect(receipts.map((e) => e.data)).toEqual([read.json()]);

      // never backwards, never past the end, and no event when nothing moved
      expect((await call('POST', `/conversations/${conversationId}/read?as=consumer`, b.cookie, { seq: 1 })).json().seq).toBe(2);
      expect((await call('POST', `/conversations/${conversationId}/read?as=consumer`, b.cookie, { seq: 99 })).json().seq).toBe(4);
      expect(await listOf(b.cookie)).toMatchObject({ unread: 0, readSeq: 4 });
      expect(await listOf(a.cookie)).toMatchObject({ peers: [{ readSeq: 4 }] });
      expect(await eventsOf(principalKey('consumer', a.id), 'conversation.read')).toHaveLength(2);
      expect((await call('POST', `/conversations/${conversationId}/read?as=consumer`, b.cookie, { seq: -1 })).statusCode).toBe(400);
    });

    it('lists my conversations most recent first with a cursor', async () => {
      const me = await signUpConsumer(ctx.app);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const other = await signUpConsumer(ctx.app);
        ids.push(await openChat(ctx.app, [principalKey('consumer', me.id), principalKey('consumer', other.id)]));
      }
      await sendMessage(ctx.app.platform, principalKey('consumer', me.id), { conversationId: ids[0], ...textMessage('x') } as never, {
        now: Date.now() + 60_000,
      });
      const first = await call('GET', '/conversations?as=consumer&limit=2', me.cookie);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().data.map((c: { id: string }) => c.id)[0]).toBe(ids[0]);
      expect(first.json().nextCursor).toEqual(expect.any(String));
      const second = await call('GET', `/conversations?as=consumer&limit=2&cursor=${first.json().nextCursor}`, me.cookie);
      const all = [...first.json().data, ...second.json().data].map((c: { id: string }) => c.id);
      expect(new Set(all)).toEqual(new Set(ids));
      expect(second.json().nextCursor).toBeNull();
      expect((await call('GET', '/conversations?as=consumer&cursor=garbage', me.cookie)).json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('recall', () => {
    const MIN2 = 2 * 60 * 1000;
    const H24 = 24 * 60 * 60 * 1000;

    async function sentAt(conversationId: string, sender: PrincipalKey, t0: number) {
      const { message } = await sendMessage(ctx.app.platform, sender, { conversationId, ...textMessage('oops') } as never, { now: t0 });
      return message.seq;
    }

    it('lets the sender recall within 2 minutes when a consumer takes part (edges inclusive)', async () => {
      const { a, b, conversationId } = await pair();
      const me = principalKey('consumer', a.id);
      const t0 = Date.now();
      const inside = await sentAt(conversationId, me, t0);
      const outside = await sentAt(conversationId, me, t0);
      const late = recallMessage(ctx.app.platform, me, conversationId, outside, { now: t0 + MIN2 + 1 });
      await expect(late).rejects.toMatchObject({ code: 'RECALL_WINDOW_PASSED' });
      const recalled = await recallMessage(ctx.app.platform, me, conversationId, inside, { now: t0 + MIN2 });
      expect(recalled).toMatchObject({ seq: inside, body: null, recalledAt: t0 + MIN2 });
      // the peer hears it, sees the marker, and the archive keeps the original
      const events = await eventsOf(principalKey('consumer', b.id), 'message.recalled');
      expect(events[0].data).toMatchObject({ seq: inside, body: null });
      const history = await call('GET', `/conversations/${conversationId}/messages?as=consumer`, b.cookie);
      expect(history.json().data[0]).toMatchObject({ seq: inside, body: null, recalledAt: t0 + MIN2 });
      const row = await db()
        .selectFrom('messages')
        .select('body')
        .where('conversation_id', '=', conversationId)
        .where('seq', '=', inside)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.body)).toEqual({ text: 'oops' });
    });

    it('lets members recall within 24 hours in a conversation without consumers (edges inclusive)', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const m = await createMember(ctx.app, ent, {}, { signIn: true });
      const admin = principalKey('member', ent.adminId);
      const conversationId = await openChat(ctx.app, [admin, principalKey('member', m.id)], {
        kind: 'customer',
        enterpriseId: ent.enterpriseId,
      });
      const t0 = Date.now() - H24 - 10_000;
      const inside = await sentAt(conversationId, admin, t0);
      const outside = await sentAt(conversationId, admin, t0);
      await expect(recallMessage(ctx.app.platform, admin, conversationId, outside, { now: t0 + H24 + 1 })).rejects.toMatchObject({
        code: 'RECALL_WINDOW_PASSED',
      });
      expect(await recallMessage(ctx.app.platform, admin, conversationId, inside, { now: t0 + H24 })).toMatchObject({ body: null });
      // over REST, now is more than 24 h after t0
      const res = await call('POST', `/conversations/${conversationId}/messages/${outside}/recall?as=member`, ent.cookie);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('RECALL_WINDOW_PASSED');
    });

    it('refuses a recall by anyone but the sender, and of a message that does not exist', async () => {
      const { a, b, conversationId } = await pair();
      await send(conversationId, a.cookie, textMessage('mine'));
      const notMine = await call('POST', `/conversations/${conversationId}/messages/1/recall?as=consumer`, b.cookie);
      expect(notMine.statusCode).toBe(403);
      expect(notMine.json().error.code).toBe('NOT_SENDER');
      const missing = await call('POST', `/conversations/${conversationId}/messages/9/recall?as=consumer`, a.cookie);
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('MESSAGE_NOT_FOUND');
      const ok = await call('POST', `/conversations/${conversationId}/messages/1/recall?as=consumer`, a.cookie);
      expect(ok.statusCode).toBe(200);
      const again = await call('POST', `/conversations/${conversationId}/messages/1/recall?as=consumer`, a.cookie);
      expect(again.json()).toEqual(ok.json());
      expect(await eventsOf(principalKey('consumer', b.id), 'message.recalled')).toHaveLength(1);
    });
  });

  describe('properties', () => {
    it('answers generated message payloads with 201/200 or a 4xx code, never a 5xx', async () => {
      const { a, conversationId } = await pair();
      const anyBody = fc.oneof(
        fc.record(
          { text: fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 50 }), fc.constant('\u0000')) },
          { requiredKeys: [] },
        ),
        fc.record({ fileId: fc.string(), name: fc.string(), size: fc.integer(), mime: fc.string() }, { requiredKeys: [] }),
        fc.record({ lat: fc.double(), lng: fc.double() }, { requiredKeys: [] }),
        fc.record({ url: fc.webUrl(), title: fc.string() }, { requiredKeys: [] }),
        fc.anything(),
      );
      const payload = fc.oneof(
        fc.record(
          {
            clientId: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
            kind: fc.oneof(fc.constantFrom('text', 'image', 'file', 'voice', 'link', 'location', 'card', 'x'), fc.string()),
            body: anyBody,
            quoteSeq: fc.oneof(fc.integer(), fc.double(), fc.string()),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      );
      await fc.assert(
        fc.asyncProperty(payload, async (p) => {
          const res = await send(conversationId, a.cookie, p);
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toEqual(expect.any(String));
        }),
        { numRuns: 150 },
      );
    });
  });
});
