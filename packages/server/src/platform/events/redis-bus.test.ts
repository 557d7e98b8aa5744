import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLOSE_CODES } from '@rapport/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpConsumer } from '../../../test/factories.js';
import { createTestApp, engines } from '../../../test/harness.js';
import { buildApp, type RapportApp } from '../../app.js';
import { loadConfig } from '../config/config.js';
import { connectClient } from '../realtime/testing.js';
import { appendUserEvent, principalKey } from '../realtime/user-events.js';
import { RedisBus } from './redis-bus.js';

// Redis runs at 127.0.0.1:6379 here and in CI (.ci/run starts it).
const REDIS_URL = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';
const prefix = () => `rapport-test-${process.pid}-${Math.random().toString(36).slice(2)}:`;
const until = async (check: () => boolean, timeoutMs = 2000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('RedisBus', () => {
  it('carries a JSON message from one instance to another (and to itself), per topic', async () => {
    const p = prefix();
    const a = new RedisBus(REDIS_URL, { prefix: p });
    const b = new RedisBus(REDIS_URL, { prefix: p });
    try {
      const gotA: unknown[] = [];
      const gotB: unknown[] = [];
      const other: unknown[] = [];
      a.subscribe('t1', (d) => gotA.push(d));
      b.subscribe('t1', (d) => gotB.push(d));
      b.subscribe('t2', (d) => other.push(d));
      await Promise.all([a.ready(), b.ready()]);
      await a.publish('t1', { hello: 'world', n: 1 });
      await until(() => gotA.length === 1 && gotB.length === 1);
      expect(gotB).toEqual([{ hello: 'world', n: 1 }]);
      expect(gotA).toEqual([{ hello: 'world', n: 1 }]);
      expect(other).toEqual([]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('subscribes correctly when asked during the connection handshake (ioredis "subscriber mode" bug)', async () => {
    const p = prefix();
    const errors: string[] = [];
    const a = new RedisBus(REDIS_URL, { prefix: p, onError: (e, context) => errors.push(`${context}: ${(e as Error).message}`) });
    const got: unknown[] = [];
    // 'connect' fires after the TCP connect and before the handshake: the window in which a
    // SUBSCRIBE written straight away breaks the INFO ready check.
    const subscriber = (a as unknown as { subscriber: Redis }).subscriber;
    await new Promise<void>((resolve) =>
      subscriber.once('connect', () => {
        a.subscribe('t', (d) => got.push(d));
        resolve();
      }),
    );
    try {
      await a.ready();
      await a.publish('t', 'after handshake');
      await until(() => got.length === 1);
      expect(errors).toEqual([]);
    } finally {
      await a.close();
    }
  });

  it('batches the publishes of one tick and keeps their order', async () => {
    const p = prefix();
    const a = new RedisBus(REDIS_URL, { prefix: p });
    const b = new RedisBus(REDIS_URL, { prefix: p });
    try {
      const got: number[] = [];
      b.subscribe('many', (d) => got.push(d as number));
      await b.ready();
      for (let i = 0; i < 2500; i++) void a.publish('many', i);
      await until(() => got.length === 2500);
      expect(got).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('stops delivering after unsubscribe, isolates prefixes, and survives malformed messages', async () => {
    const p = prefix();
    const errors: string[] = [];
    const a = new RedisBus(REDIS_URL, { prefix: p, onError: (_e, context) => errors.push(context) });
    const foreign = new RedisBus(REDIS_URL, { prefix: prefix() });
    const raw = new Redis(REDIS_URL);
    try {
      const got: unknown[] = [];
      const off = a.subscribe('t', (d) => got.push(d));
      const leaked: unknown[] = [];
      foreign.subscribe('t', (d) => leaked.push(d));
      await Promise.all([a.ready(), foreign.ready()]);
      await raw.publish(`${p}t`, '{not json');
      await raw.publish(`${p}t`, '{"not":"a batch"}');
      await a.publish('t', 1);
      await until(() => got.length === 1);
      expect(errors.filter((c) => c.startsWith('malformed'))).toHaveLength(2);
      off();
      await a.ready();
      await a.publish('t', 2);
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toEqual([1]);
      expect(leaked).toEqual([]);
    } finally {
      raw.disconnect();
      await Promise.all([a.close(), foreign.close()]);
    }
  });
});

for (const engine of engines()) {
  describe(`two nodes over Redis [${engine}]`, () => {
    let nodeA: RapportApp;
    let nodeB: RapportApp;
    let closeA: () => Promise<void>;
    let dataDir: string;

    beforeAll(async () => {
      const built = await createTestApp(engine, { REDIS_URL });
      nodeA = built.app;
      closeA = () => built.close();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-node-b-'));
      const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: built.url, REDIS_URL, LOG_LEVEL: 'silent' });
      nodeB = await buildApp(config, { logger: false });
      await nodeB.listen({ port: 0, host: '127.0.0.1' });
      expect(nodeA.platform.bus).toBeInstanceOf(RedisBus);
      await (nodeA.platform.bus as RedisBus).ready();
      await (nodeB.platform.bus as RedisBus).ready();
    }, 60_000);
    afterAll(async () => {
      await nodeB?.close();
      await closeA?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('delivers an event committed on node A to a socket on node B, and a sign-out on A closes it', async () => {
      const c = await signUpConsumer(nodeA);
      const address = nodeB.server.address();
      if (!address || typeof address === 'string') throw new Error('not listening');
      const client = await connectClient(`ws://127.0.0.1:${address.port}/api/v1/ws?as=consumer`, { headers: { cookie: c.cookie } });
      await client.waitFor((f) => f.t === 'hello');
      await nodeA.platform.transaction((uow) =>
        appendUserEvent(uow, nodeA.platform.bus, [principalKey('consumer', c.id)], 'consumer.updated', { via: 'redis' }),
      );
      expect(await client.waitFor((f) => f.t === 'event')).toMatchObject({ seq: 1, data: { via: 'redis' } });
      const start = Date.now();
      await nodeA.inject({ method: 'DELETE', url: '/api/v1/sessions/consumer/current', headers: { cookie: c.cookie } });
      const closed = await client.closed;
      expect(closed.code).toBe(CLOSE_CODES.sessionRevoked);
      expect(closed.at - start).toBeLessThan(1000);
    });
  });
}
