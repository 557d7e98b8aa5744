/**
 * Two server processes on one PostgreSQL database and one Redis: a member on node A and their
 * customer on node B chat in real time, every event crossing the Redis bus. Needs PostgreSQL
 * (TEST_DATABASE_URL, as CI sets) and Redis (REDIS_URL_TEST, default redis://127.0.0.1:6379).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { textMessage } from './factories.js';
import { freshDatabaseUrl } from './harness.js';
import {
  addContactReadyMember,
  addCustomer,
  api,
  connect,
  type Frame,
  type LiveSocket,
  type LiveUser,
  messageEvent,
  readAllMessages,
  type ServerProcess,
  signInMember,
  signUpConsumer,
  signUpEnterprise,
  startServer,
} from './live-client.js';

const PG = process.env.TEST_DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';
const TITLE = 'two server nodes on PostgreSQL + Redis';

type Event = Frame<'event'>;
const isEvent = (type: string) => (f: { t: string }) => f.t === 'event' && (f as Event).type === type;
/** The read receipt of a reader of `kind`. */
const readBy = (kind: 'member' | 'consumer') => (f: { t: string }) =>
  isEvent('conversation.read')(f) && ((f as Event).data as { reader: { kind: string } }).reader.kind === kind;

/** The events a socket received, checked to be the gap-free continuation of its `hello`. */
const gapFreeEvents = (socket: LiveSocket) => {
  const events = socket.events();
  expect(
    events.map((e) => e.seq),
    'a live stream never skips nor repeats a seq',
  ).toEqual(events.map((_, i) => socket.hello.seq + i + 1));
  return events;
};

if (!PG)
  console.warn(`multi-node.test.ts skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run ${TITLE}`);

/** Fails fast, with a clear message, when the Redis the nodes need is not there. */
async function assertRedisReachable() {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${REDIS_URL} is not reachable (set REDIS_URL_TEST): ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(!PG)(PG ? TITLE : `${TITLE} — skipped: set TEST_DATABASE_URL to a PostgreSQL it may create databases on`, () => {
  let drop: () => Promise<void> = async () => {};
  const nodes: ServerProcess[] = [];
  const sockets: LiveSocket[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let member: LiveUser;
  let consumer: LiveUser;
  let conversationId: string;
  /** The member on node A, the same member's second device on node B, the customer on node B. */
  let memberOnA: LiveSocket;
  let memberOnB: LiveSocket;
  let consumerOnB: LiveSocket;

  beforeAll(async () => {
    await assertRedisReachable();
    const fresh = await freshDatabaseUrl('postgres');
    drop = fresh.drop;
    // Migrate once, so the two nodes start side by side on an up-to-date schema.
    const database = openDatabase(fresh.url);
    await migrateToLatest(database.db);
    await database.close();
    // A channel prefix of this run's own: parallel runs on the same Redis do not hear each other.
    const env = {
      DATABASE_URL: fresh.url,
      REDIS_URL,
      REDIS_PREFIX: `rapport-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`,
    };
    const started = await Promise.allSettled([startServer(env), startServer(env)]);
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    [a, b] = nodes;

    const ent = await signUpEnterprise(a.baseUrl);
    member = await addContactReadyMember(a.baseUrl, ent, 'Guide Wang');
    consumer = await signUpConsumer(b.baseUrl, 'Lin');
    ({ conversationId } = await addCustomer(a.baseUrl, member, b.baseUrl, consumer));
    const secondDevice = await signInMember(b.baseUrl, ent.code, member.account);
    memberOnA = await connect(a.wsUrl, member);
    memberOnB = await connect(b.wsUrl, member, secondDevice);
    consumerOnB = await connect(b.wsUrl, consumer);
    sockets.push(memberOnA, memberOnB, consumerOnB);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await Promise.all(nodes.map((n) => n.stop()));
    await drop();
  }, 60_000);

  const send = async (socket: LiveSocket, text: string) => {
    const reply = await socket.command('message.send', { conversationId, ...textMessage(text) });
    expect(reply, JSON.stringify(reply)).toMatchObject({ t: 'ack' });
    return (reply as Frame<'ack'>).data as { seq: number; id: string };
  };

  it('carries messages both ways live: member on A ↔ customer on B, and the member’s device on B sees its own', async () => {
    for (let round = 0; round < 3; round++) {
      const mine = await send(memberOnA, `Hello Lin (${round})`);
      // Received without any sync: only the bus can have brought it to node B.
      const atConsumer = (await consumerOnB.waitFor(messageEvent(conversationId, mine.seq), 10_000)) as Event;
      expect(atConsumer.data).toMatchObject({
        id: mine.id,
        sender: { kind: 'member', id: member.id },
        body: { text: `Hello Lin (${round})` },
      });
      const atOtherDevice = (await memberOnB.waitFor(messageEvent(conversationId, mine.seq), 10_000)) as Event;
      expect(atOtherDevice.data).toEqual(atConsumer.data);

      const theirs = await send(consumerOnB, `Hi! (${round})`);
      expect(theirs.seq).toBe(mine.seq + 1);
      const atMember = (await memberOnA.waitFor(messageEvent(conversationId, theirs.seq), 10_000)) as Event;
      expect(atMember.data).toMatchObject({ id: theirs.id, sender: { kind: 'consumer', id: consumer.id } });
      await memberOnB.waitFor(messageEvent(conversationId, theirs.seq), 10_000);
    }
  }, 40_000);

  it('numbers concurrent sends from both nodes gap-free, and every socket receives each once, in order', async () => {
    const before = (await api(a.baseUrl, 'GET', `/conversations/${conversationId}?as=member`, member.cookie)).body.lastSeq as number;
    const burst = 15;
    const sendAll = (socket: LiveSocket, who: string) => Promise.all(Array.from({ length: burst }, (_, i) => send(socket, `${who} ${i}`)));
    const [fromA, fromB] = await Promise.all([sendAll(memberOnA, 'member'), sendAll(consumerOnB, 'customer')]);
    // Each socket's sends are numbered in the order it sent them; together they fill the range.
    for (const acks of [fromA, fromB]) expect(acks.map((m) => m.seq)).toEqual([...acks.map((m) => m.seq)].sort((x, y) => x - y));
    const seqs = [...fromA, ...fromB].map((m) => m.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 2 * burst }, (_, i) => before + i + 1));
    const last = before + 2 * burst;
    for (const socket of [memberOnA, memberOnB, consumerOnB]) {
      await socket.waitFor(messageEvent(conversationId, last), 10_000);
      const received = socket
        .events()
        .filter((e) => e.type === 'message.created' && (e.data as { seq: number }).seq > before)
        .map((e) => (e.data as { seq: number }).seq);
      expect(received).toEqual(seqs);
    }
    const stored = await readAllMessages(b.baseUrl, consumer, conversationId);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  }, 40_000);

  it('carries read receipts across: the customer’s read reaches the member on A, the member’s the customer on B', async () => {
    const { lastSeq } = (await api(b.baseUrl, 'GET', `/conversations/${conversationId}?as=consumer`, consumer.cookie)).body as {
      lastSeq: number;
    };
    expect(await consumerOnB.command('conversation.read', { conversationId, seq: lastSeq })).toMatchObject({ t: 'ack' });
    for (const socket of [memberOnA, memberOnB]) {
      const receipt = (await socket.waitFor(readBy('consumer'), 10_000)) as Event;
      expect(receipt.data).toEqual({ conversationId, reader: { kind: 'consumer', id: consumer.id }, seq: lastSeq });
    }
    expect(await memberOnA.command('conversation.read', { conversationId, seq: lastSeq })).toMatchObject({ t: 'ack' });
    const receipt = (await consumerOnB.waitFor(readBy('member'), 10_000)) as Event;
    expect(receipt.data).toEqual({ conversationId, reader: { kind: 'member', id: member.id }, seq: lastSeq });
    const seen = (await api(b.baseUrl, 'GET', `/conversations/${conversationId}?as=consumer`, consumer.cookie)).body;
    expect(seen.peers.find((p: { kind: string }) => p.kind === 'member').readSeq).toBe(lastSeq);
  }, 40_000);

  it('keeps each user’s event seq gap-free across the nodes, both of the member’s devices seeing the same stream', async () => {
    // Let the last read receipt reach every socket before comparing.
    await memberOnB.waitFor(readBy('member'), 10_000);
    const onA = gapFreeEvents(memberOnA);
    const onB = gapFreeEvents(memberOnB);
    gapFreeEvents(consumerOnB);
    expect(memberOnB.hello.seq).toBeGreaterThanOrEqual(memberOnA.hello.seq);
    // Same stream, same seqs: from where the later socket joined, the two devices saw identical events.
    const fromB = onA.filter((e) => e.seq > memberOnB.hello.seq);
    expect(onB.map((e) => [e.seq, e.type, e.data])).toEqual(fromB.map((e) => [e.seq, e.type, e.data]));
  }, 40_000);

  it('tells the member on A at once when the customer on B deletes them; the next send fails with CUSTOMER_LOST', async () => {
    const deleted = await api(b.baseUrl, 'DELETE', `/contacts/enterprise/${member.id}`, consumer.cookie);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    for (const socket of [memberOnA, memberOnB]) {
      const closed = (await socket.waitFor(isEvent('conversation.closed'), 10_000)) as Event;
      expect(closed.data).toMatchObject({ conversationId });
    }
    const lastBefore = (await readAllMessages(b.baseUrl, consumer, conversationId)).length;
    expect(await memberOnA.command('message.send', { conversationId, ...textMessage('are you there?') })).toMatchObject({
      t: 'error',
      error: { code: 'CUSTOMER_LOST' },
    });
    const rest = await api(a.baseUrl, 'POST', `/conversations/${conversationId}/messages?as=member`, member.cookie, textMessage('hello?'));
    expect(rest.status).toBe(409);
    expect(rest.body.error.code).toBe('CUSTOMER_LOST');
    expect((await readAllMessages(b.baseUrl, consumer, conversationId)).length).toBe(lastBefore);
    gapFreeEvents(memberOnA);
    gapFreeEvents(memberOnB);
  }, 40_000);
});
