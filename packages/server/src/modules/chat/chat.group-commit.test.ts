import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMember, openChat, signUpConsumer, signUpEnterprise, unique } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { caller } from '../../../test/http.js';
import { AppError } from '../../platform/http/errors.js';
import { listUserEventsAfter, type PrincipalKey, principalKey } from '../../platform/realtime/user-events.js';
import { BODY_CHECKS } from './chat.body-checks.js';
import { closeConversation, type SendInput, sendMessage } from './index.js';

/** Settles a send as the transports see it: its message, or its error code. */
const settle = (p: Promise<{ message: { seq: number; conversationId: string }; replayed: boolean }>) =>
  p.then(
    (r) => ({ seq: r.message.seq, conversationId: r.message.conversationId, replayed: r.replayed }),
    (e: unknown) => ({ code: e instanceof AppError ? e.code : String(e) }),
  );

const text = (conversationId: string, body: string, clientId = unique('cid-')): SendInput => ({
  conversationId,
  clientId,
  kind: 'text',
  body: { text: body },
});

describeEngines('chat group commit', (ctx) => {
  const call = caller(() => ctx.app);
  const db = () => ctx.app.platform.db;
  afterEach(() => vi.restoreAllMocks());

  async function pair() {
    const a = await signUpConsumer(ctx.app);
    const b = await signUpConsumer(ctx.app);
    const pa = principalKey('consumer', a.id);
    const pb = principalKey('consumer', b.id);
    return { a, b, pa, pb, conversationId: await openChat(ctx.app, [pa, pb]) };
  }
  const messagesOf = (conversationId: string) =>
    db().selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).orderBy('seq').execute();
  /** The principal's `message.created` events as a replay reads them back. */
  const createdEvents = async (principal: string) =>
    (await listUserEventsAfter(db(), principal as PrincipalKey, 0, 10_000, ctx.app.realtime.eventRefs)).filter(
      (e) => e.type === 'message.created',
    );

  it('applies the sends of one tick in one transaction and answers each on its own, the bad ones failing alone', async () => {
    const platform = ctx.app.platform;
    const { pa, pb, conversationId } = await pair();
    const closed = await pair();
    const stranger = principalKey('consumer', (await signUpConsumer(ctx.app)).id);
    await sendMessage(platform, pa, text(conversationId, 'first', 'already-sent'));
    await platform.transaction((uow) => closeConversation(platform, uow, closed.conversationId, 'CUSTOMER_LOST'));
    const other = await pair();
    const eventsBefore = (await createdEvents(pb)).length;

    const transaction = vi.spyOn(platform, 'transaction');
    const results = await Promise.all(
      [
        sendMessage(platform, pa, text(conversationId, 'ok 1')),
        sendMessage(platform, stranger, text(conversationId, 'not mine')),
        sendMessage(platform, closed.pa, text(closed.conversationId, 'to a lost customer')),
        sendMessage(platform, pb, { ...text(conversationId, 'bad quote'), quoteSeq: 99 }),
        sendMessage(platform, pa, text(conversationId, 'resent', 'already-sent')),
        sendMessage(platform, pa, text(other.conversationId, 'reused id', 'already-sent')),
        sendMessage(platform, pb, { conversationId, clientId: unique('k'), kind: 'card', body: { memberId: 'nobody' } }),
        sendMessage(platform, pb, { ...text(conversationId, 'quotes ok 1'), quoteSeq: 2 }),
        sendMessage(platform, other.pb, text(other.conversationId, 'elsewhere')),
      ].map(settle),
    );
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(results).toEqual([
      { seq: 2, conversationId, replayed: false },
      { code: 'CONVERSATION_NOT_FOUND' },
      { code: 'CUSTOMER_LOST' },
      { code: 'QUOTED_MESSAGE_NOT_FOUND' },
      { seq: 1, conversationId, replayed: true },
      { code: 'CONFLICT' },
      { code: 'CARD_MEMBER_NOT_FOUND' },
      { seq: 3, conversationId, replayed: false },
      { seq: 1, conversationId: other.conversationId, replayed: false },
    ]);
    // Gap-free: the refusals burnt no seq; the closed conversation got nothing.
    expect((await messagesOf(conversationId)).map((m) => [m.seq, JSON.parse(m.body).text])).toEqual([
      [1, 'first'],
      [2, 'ok 1'],
      [3, 'quotes ok 1'],
    ]);
    expect(await messagesOf(closed.conversationId)).toEqual([]);
    expect(await createdEvents(closed.pb)).toEqual([]);
    const delivered = (await createdEvents(pb)).slice(eventsBefore).map((e) => (e.data as { seq: number }).seq);
    expect(delivered).toEqual([2, 3]);
  });

  it('collapses the same clientId sent twice in one batch onto one message', async () => {
    const platform = ctx.app.platform;
    const { pa, pb, conversationId } = await pair();
    const input = text(conversationId, 'twice', unique('dup-'));
    const [x, y, z] = await Promise.all([
      sendMessage(platform, pa, input),
      sendMessage(platform, pa, input),
      sendMessage(platform, pa, input),
    ]);
    expect([x.replayed, y.replayed, z.replayed]).toEqual([false, true, true]);
    expect(y.message).toEqual(x.message);
    expect(z.message).toEqual(x.message);
    expect(await messagesOf(conversationId)).toHaveLength(1);
    expect(await createdEvents(pb)).toHaveLength(1);
    expect(await createdEvents(pa)).toHaveLength(1);
    // the same clientId in another conversation of the same batch is a conflict, not a replay
    const other = await openChat(ctx.app, [pa, principalKey('consumer', (await signUpConsumer(ctx.app)).id)]);
    const clash = { ...input, clientId: unique('dup-') };
    const results = await Promise.all(
      [sendMessage(platform, pa, clash), sendMessage(platform, pa, { ...clash, conversationId: other })].map(settle),
    );
    expect(results).toEqual([{ seq: 2, conversationId, replayed: false }, { code: 'CONFLICT' }]);
    expect(await messagesOf(other)).toEqual([]);
  });

  it('keeps each conversation in send order under concurrent senders across many batches', async () => {
    const platform = ctx.app.platform;
    const pairs = await Promise.all([pair(), pair(), pair()]);
    const sent: Array<Promise<{ message: { seq: number; conversationId: string; body: unknown } }>> = [];
    const order = new Map<string, string[]>();
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 40; i++) {
        const p = pairs[(i * 7 + round) % 3];
        const label = `r${round}-${i}`;
        order.set(p.conversationId, [...(order.get(p.conversationId) ?? []), label]);
        sent.push(sendMessage(platform, i % 2 ? p.pa : p.pb, text(p.conversationId, label)));
      }
      await new Promise((r) => setImmediate(r)); // the next round lands in a later batch
    }
    const results = await Promise.all(sent);
    for (const p of pairs) {
      const labels = order.get(p.conversationId) ?? [];
      const rows = await messagesOf(p.conversationId);
      expect(rows.map((m) => Number(m.seq))).toEqual(labels.map((_, k) => k + 1));
      expect(rows.map((m) => JSON.parse(m.body).text)).toEqual(labels);
      for (const principal of [p.pa, p.pb] as PrincipalKey[]) {
        const events = (await createdEvents(principal)).map((e) => e.data as { seq: number; body: { text: string } });
        expect(events.map((e) => e.seq)).toEqual(labels.map((_, k) => k + 1));
        expect(events.map((e) => e.body.text)).toEqual(labels);
      }
    }
    expect(results.every((r) => r.message.seq > 0)).toBe(true);
  });

  it('stores the body a kind’s check returns, and a refusal there fails that send alone', async () => {
    const platform = ctx.app.platform;
    const { pa, conversationId } = await pair();
    const seen: Array<{ conversation: string; now: number }> = [];
    BODY_CHECKS.location = async (check, body) => {
      seen.push({ conversation: check.conversation.id, now: check.now });
      if (body.name === 'refuse') throw new AppError('VALIDATION_FAILED', 'body.name: refused');
      return { ...body, name: String(body.name).toUpperCase() };
    };
    try {
      const place = (name: string): SendInput => ({
        conversationId,
        clientId: unique('loc-'),
        kind: 'location',
        body: { lat: 1, lng: 2, name },
      });
      const results = await Promise.all(
        [
          sendMessage(platform, pa, place('store'), { now: 1_000 }),
          sendMessage(platform, pa, place('refuse')),
          sendMessage(platform, pa, place('depot')),
        ].map(settle),
      );
      expect(results).toEqual([
        { seq: 1, conversationId, replayed: false },
        { code: 'VALIDATION_FAILED' },
        { seq: 2, conversationId, replayed: false },
      ]);
      expect(seen[0]).toEqual({ conversation: conversationId, now: 1_000 });
      expect((await messagesOf(conversationId)).map((m) => JSON.parse(m.body).name)).toEqual(['STORE', 'DEPOT']);
    } finally {
      delete BODY_CHECKS.location;
    }
  });

  describe('business cards', () => {
    it('shows only an active member of the conversation’s enterprise; a friend chat may pass on any active member', async () => {
      const ent = await signUpEnterprise(ctx.app);
      const guide = await createMember(ctx.app, ent, {}, { signIn: true });
      const colleague = await createMember(ctx.app, ent);
      const leaver = await createMember(ctx.app, ent);
      const off = await createMember(ctx.app, ent);
      const outsider = await createMember(ctx.app, await signUpEnterprise(ctx.app));
      expect((await call('POST', `/members/${leaver.id}/resign`, ent.cookie)).statusCode).toBe(200);
      expect((await call('POST', `/members/${off.id}/disable`, ent.cookie)).statusCode).toBe(200);
      const consumer = await signUpConsumer(ctx.app);
      const customerChat = await openChat(ctx.app, [principalKey('member', guide.id), principalKey('consumer', consumer.id)], {
        kind: 'customer',
        enterpriseId: ent.enterpriseId,
      });
      const card = (memberId: string) => ({ clientId: unique('card-'), kind: 'card', body: { memberId } });
      const ok = await call('POST', `/conversations/${customerChat}/messages?as=member`, guide.cookie, card(colleague.id));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ kind: 'card', body: { memberId: colleague.id }, seq: 1 });
      for (const memberId of [leaver.id, off.id, outsider.id, 'no-such-member']) {
        for (const [as, cookie] of [
          ['member', guide.cookie],
          ['consumer', consumer.cookie],
        ]) {
          const res = await call('POST', `/conversations/${customerChat}/messages?as=${as}`, cookie, card(memberId));
          expect(res.statusCode, `${as} → ${memberId}`).toBe(400);
          expect(res.json().error.code).toBe('CARD_MEMBER_NOT_FOUND');
        }
      }
      // A consumer passes a guide's card on to a friend (名片分享): any enterprise's active member.
      const { a, conversationId } = await pair();
      const shared = await call('POST', `/conversations/${conversationId}/messages?as=consumer`, a.cookie, card(outsider.id));
      expect(shared.statusCode, shared.body).toBe(201);
      const refused = await call('POST', `/conversations/${conversationId}/messages?as=consumer`, a.cookie, card(leaver.id));
      expect(refused.json().error.code).toBe('CARD_MEMBER_NOT_FOUND');
      expect((await messagesOf(customerChat)).map((m) => Number(m.seq))).toEqual([1]);
      expect((await messagesOf(conversationId)).map((m) => Number(m.seq))).toEqual([1]);
    });
  });
});
