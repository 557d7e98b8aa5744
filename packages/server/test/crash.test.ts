/**
 * kill -9 in the middle of chat traffic: clients keep sending over WebSockets and REST, the server
 * process is SIGKILLed, restarted on the same database, and then nothing acknowledged may be
 * missing, nothing may be doubled, and resending what was never acknowledged stores it once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Engine, engines, freshDatabaseUrl } from './harness.js';
import {
  addContactReadyMember,
  addCustomer,
  api,
  connect,
  type Frame,
  type LiveSocket,
  type LiveUser,
  readAllMessages,
  readUserStream,
  type ServerProcess,
  type StoredMessage,
  signUpConsumer,
  signUpEnterprise,
  startServer,
  until,
} from './live-client.js';

const PAIRS = 4;
/** Commands in flight per socket (pipelined), and requests in flight per REST sender. */
const WS_WINDOW = 6;
const REST_WINDOW = 3;
/** Per socket: stays below the hub's 200 frames per 10 s, so no send is refused as RATE_LIMITED. */
const WS_CAP = 150;
/** The kill comes once this many sends are acknowledged. */
const KILL_AFTER_ACKS = 150;

interface Sent {
  clientId: string;
  conversationId: string;
  sender: LiveUser;
  text: string;
  via: 'ws' | 'rest';
  /** The acknowledged message (WS ack or REST 201/200), if one came back. */
  ack?: { id: string; seq: number };
  /** A refusal (error frame or 4xx): never expected. */
  refused?: string;
}

interface Pair {
  member: LiveUser;
  consumer: LiveUser;
  conversationId: string;
}

for (const engine of engines()) {
  describe(`kill -9 during chat [${engine}]`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }, 60_000);

    it('loses no acknowledged message, doubles none, keeps seqs gap-free, and stores each unacknowledged resend once', async () => {
      const env = await databaseEnv(engine, cleanups);
      let server = await startServer(env);
      cleanups.push(() => server.stop('SIGKILL'));

      const ent = await signUpEnterprise(server.baseUrl);
      const pairs: Pair[] = [];
      for (let i = 0; i < PAIRS; i++) {
        const member = await addContactReadyMember(server.baseUrl, ent, `Guide ${i}`);
        const consumer = await signUpConsumer(server.baseUrl, `Customer ${i}`);
        const { conversationId } = await addCustomer(server.baseUrl, member, server.baseUrl, consumer);
        pairs.push({ member, consumer, conversationId });
      }

      // Traffic: both sides of every pair pipeline over WebSockets; two more senders post over REST.
      const sent: Sent[] = [];
      const traffic = new Traffic(sent);
      for (const [i, pair] of pairs.entries()) {
        for (const user of [pair.member, pair.consumer]) {
          traffic.overWebSocket(await connect(server.wsUrl, user), user, pair.conversationId, `ws${i}${user.kind[0]}`);
        }
      }
      traffic.overRest(server, pairs[0].member, pairs[0].conversationId, 'rest0m');
      traffic.overRest(server, pairs[1].consumer, pairs[1].conversationId, 'rest1c');

      // The kill comes in the same tick as an ack, so a server that acked before committing is caught
      // with its batch still uncommitted.
      let inFlightAtKill = 0;
      let ackedAtKill = 0;
      const killed = server;
      traffic.onAck(() => {
        if (ackedAtKill || traffic.acked() < KILL_AFTER_ACKS) return;
        ackedAtKill = traffic.acked();
        inFlightAtKill = sent.filter((s) => !s.ack && !s.refused).length;
        killed.child.kill('SIGKILL');
      });
      await until(() => ackedAtKill > 0, `${KILL_AFTER_ACKS} acks`, 30_000);
      const exit = await server.exited;
      expect(exit.signal).toBe('SIGKILL');
      await traffic.stop();
      expect(inFlightAtKill, 'the kill came mid-stream').toBeGreaterThan(0);
      expect(
        sent.filter((s) => s.refused),
        'no send was refused',
      ).toEqual([]);

      server = await startServer(env);
      const acked = sent.filter((s) => s.ack);
      const unacked = sent.filter((s) => !s.ack);

      // 1. Every acknowledged message is there with its acknowledged seq; nothing twice; seqs gap-free.
      const stored = await readConversations(server, pairs);
      const byClientId = new Map<string, StoredMessage>();
      for (const messages of stored.values()) {
        expect(
          messages.map((m) => m.seq),
          'seqs are 1..n',
        ).toEqual(messages.map((_, i) => i + 1));
        for (const m of messages) {
          expect(byClientId.has(m.clientId), `clientId ${m.clientId} stored twice`).toBe(false);
          byClientId.set(m.clientId, m);
        }
      }
      const missing = acked.filter((s) => byClientId.get(s.clientId)?.id !== s.ack?.id || byClientId.get(s.clientId)?.seq !== s.ack?.seq);
      expect(
        missing.map((s) => ({ clientId: s.clientId, via: s.via, ack: s.ack, stored: byClientId.get(s.clientId) ?? null })),
        'acknowledged messages lost or changed',
      ).toEqual([]);
      const sentIds = new Set(sent.map((s) => s.clientId));
      expect(
        [...byClientId.keys()].filter((id) => !sentIds.has(id)),
        'nothing stored that was not sent',
      ).toEqual([]);
      for (const [i, pair] of pairs.entries()) {
        const conversation = await api(server.baseUrl, 'GET', `/conversations/${pair.conversationId}?as=member`, pair.member.cookie);
        expect(conversation.body.lastSeq, `lastSeq of pair ${i}`).toBe(stored.get(pair.conversationId)?.length);
      }
      const committedUnacked = unacked.filter((s) => byClientId.has(s.clientId)).length;

      // 2. Resending what was never acknowledged (same clientId, same transport, as a reconnecting client
      // does) answers the stored original, or stores it now.
      const resends = await Promise.all(
        [...new Set(unacked.map((s) => s.sender))].map((sender) =>
          resend(
            server,
            sender,
            unacked.filter((s) => s.sender === sender),
          ),
        ),
      );
      for (const { s, message, status } of resends.flat()) {
        const original = byClientId.get(s.clientId);
        if (original) {
          expect(message, `the resend of ${s.clientId} answers the stored original`).toMatchObject({ id: original.id, seq: original.seq });
          if (s.via === 'rest') expect(status).toBe(200);
        } else if (s.via === 'rest') {
          expect(status, `${s.clientId} is stored by its resend`).toBe(201);
        }
      }
      const after = await readConversations(server, pairs);
      const counts = new Map<string, number>();
      for (const messages of after.values()) {
        expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
        for (const m of messages) counts.set(m.clientId, (counts.get(m.clientId) ?? 0) + 1);
      }
      expect(
        sent.filter((s) => counts.get(s.clientId) !== 1).map((s) => [s.clientId, counts.get(s.clientId) ?? 0]),
        'every sent message is stored exactly once',
      ).toEqual([]);
      expect(counts.size).toBe(sent.length);

      // 3. Each participant's event stream is gap-free and announces every message exactly once.
      for (const pair of pairs) {
        const seqs = (after.get(pair.conversationId) ?? []).map((m) => m.seq);
        for (const user of [pair.member, pair.consumer]) {
          const { head, events } = await readUserStream(server.wsUrl, user);
          expect(
            events.map((e) => e.seq),
            `${user.kind} stream is 1..head`,
          ).toEqual(Array.from({ length: head }, (_, i) => i + 1));
          const announced = events
            .filter((e) => e.type === 'message.created')
            .map((e) => e.data as { conversationId: string; seq: number })
            .filter((m) => m.conversationId === pair.conversationId)
            .map((m) => m.seq)
            .sort((x, y) => x - y);
          expect(announced, `${user.kind}: one message.created per message`).toEqual(seqs);
        }
      }

      const report = {
        engine,
        sent: sent.length,
        ackedAtKill,
        acked: acked.length,
        inFlightAtKill,
        unacked: unacked.length,
        committedButUnacked: committedUnacked,
        storedOnResend: unacked.length - committedUnacked,
      };
      console.log(`kill -9 during chat: ${JSON.stringify(report)}`);
    }, 150_000);
  });
}

/** A fresh database of `engine`, and the environment that points a server process at it. */
async function databaseEnv(engine: Engine, cleanups: Array<() => Promise<void>>): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-crash-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (engine === 'sqlite') return { DATA_DIR: dataDir, DATABASE_URL: '' };
  const { url, drop } = await freshDatabaseUrl('postgres');
  cleanups.push(drop);
  return { DATA_DIR: dataDir, DATABASE_URL: url };
}

/** Resends one sender's messages in order over their original transports; answers each with the stored message. */
async function resend(server: ServerProcess, sender: LiveUser, messages: Sent[]) {
  const socket = messages.some((s) => s.via === 'ws') ? await connect(server.wsUrl, sender) : undefined;
  const answers: Array<{ s: Sent; message: { id: string; seq: number }; status?: number }> = [];
  try {
    for (const s of messages) {
      const data = { clientId: s.clientId, kind: 'text', body: { text: s.text } };
      if (s.via === 'ws' && socket) {
        const reply = await socket.command('message.send', { conversationId: s.conversationId, ...data });
        expect(reply, JSON.stringify(reply)).toMatchObject({ t: 'ack' });
        answers.push({ s, message: (reply as Frame<'ack'>).data as { id: string; seq: number } });
      } else {
        const reply = await api(
          server.baseUrl,
          'POST',
          `/conversations/${s.conversationId}/messages?as=${sender.kind}`,
          sender.cookie,
          data,
        );
        expect([200, 201], JSON.stringify(reply.body)).toContain(reply.status);
        answers.push({ s, message: reply.body, status: reply.status });
      }
    }
  } finally {
    await socket?.close();
  }
  return answers;
}

async function readConversations(server: ServerProcess, pairs: Pair[]): Promise<Map<string, StoredMessage[]>> {
  const result = new Map<string, StoredMessage[]>();
  for (const pair of pairs) result.set(pair.conversationId, await readAllMessages(server.baseUrl, pair.member, pair.conversationId));
  return result;
}

/** Senders that keep a window of sends in flight until stopped (or their socket dies), recording every ack. */
class Traffic {
  private stopped = false;
  private readonly running: Array<Promise<void>> = [];
  private ackCount = 0;
  private ackListener: () => void = () => {};

  constructor(private readonly sent: Sent[]) {}

  acked() {
    return this.ackCount;
  }

  /** Calls `listener` right after each ack is recorded. */
  onAck(listener: () => void) {
    this.ackListener = listener;
  }

  overWebSocket(socket: LiveSocket, sender: LiveUser, conversationId: string, prefix: string) {
    const pending = new Map<string, Sent>();
    let n = 0;
    const pump = () => {
      while (!this.stopped && socket.isOpen() && pending.size < WS_WINDOW && n < WS_CAP) {
        const s = this.record(sender, conversationId, `${prefix}-${n++}`, 'ws');
        pending.set(s.clientId, s);
        socket.send({
          t: 'cmd',
          id: s.clientId,
          name: 'message.send',
          data: { conversationId, clientId: s.clientId, kind: 'text', body: { text: s.text } },
        });
      }
    };
    socket.onFrame((frame) => {
      if ((frame.t !== 'ack' && frame.t !== 'error') || !frame.id) return;
      const s = pending.get(frame.id);
      if (!s) return;
      pending.delete(frame.id);
      if (frame.t === 'ack') {
        const message = frame.data as { id: string; seq: number; clientId: string };
        s.ack = { id: message.id, seq: message.seq };
        this.ackCount++;
        this.ackListener();
      } else {
        s.refused = frame.error.code;
      }
      pump();
    });
    pump();
    this.running.push(socket.closed.then(() => undefined));
  }

  overRest(server: ServerProcess, sender: LiveUser, conversationId: string, prefix: string) {
    let n = 0;
    const worker = async () => {
      while (!this.stopped) {
        const s = this.record(sender, conversationId, `${prefix}-${n++}`, 'rest');
        try {
          const reply = await api(server.baseUrl, 'POST', `/conversations/${conversationId}/messages?as=${sender.kind}`, sender.cookie, {
            clientId: s.clientId,
            kind: 'text',
            body: { text: s.text },
          });
          if (reply.status === 201 || reply.status === 200) {
            s.ack = { id: reply.body.id, seq: reply.body.seq };
            this.ackCount++;
            this.ackListener();
          } else {
            s.refused = `${reply.status} ${JSON.stringify(reply.body)}`;
          }
        } catch {
          return; // the server is gone: this send stays unacknowledged
        }
      }
    };
    for (let i = 0; i < REST_WINDOW; i++) this.running.push(worker());
  }

  /** Stops sending and waits until every socket has closed and every request has settled. */
  async stop() {
    this.stopped = true;
    await Promise.all(this.running);
  }

  private record(sender: LiveUser, conversationId: string, clientId: string, via: 'ws' | 'rest'): Sent {
    const s: Sent = { clientId, conversationId, sender, text: `${clientId} from ${sender.kind}`, via };
    this.sent.push(s);
    return s;
  }
}
