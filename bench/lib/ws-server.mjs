// Server child for bench/ws.mjs (run with tsx and --expose-gc).
//   ours: the real app on a temp SQLite file; N consumers with one session each, inserted directly.
//   ours-redis: the same with REDIS_URL set, so every event goes through Redis pub/sub and back.
//   raw:  a bare `ws` server (no auth, no protocol) — the baseline.
// Both answer `memory` (settled RSS/heap) and `broadcast` (one event frame to every connection).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serveCommands, settledMemory } from './ipc.mjs';
import { insertConsumersWithSessions } from './seed.mjs';

const mode = process.argv[2];
let app;
let dataDir;
const principals = [];
let seq = 0;
let raw;

async function startOurs({ n }) {
  const { buildApp } = await import('../../packages/server/src/app.ts');
  const { loadConfig } = await import('../../packages/server/src/platform/config/config.ts');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-ws-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' };
  let bus;
  if (mode === 'ours-redis') {
    // What buildApp does with REDIS_URL, with errors on stderr instead of the (silenced) log.
    const { RedisBus } = await import('../../packages/server/src/platform/events/redis-bus.ts');
    env.REDIS_URL = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
    bus = new RedisBus(env.REDIS_URL, { onError: (error, context) => console.error(`redis bus: ${context}: ${error.message}`) });
  }
  app = await buildApp(loadConfig(env), { migrate: true, logger: false, bus });
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  await app.platform.bus.ready?.();

  const clients = await insertConsumersWithSessions(app, n, 'bench');
  for (const { id } of clients) principals.push(`consumer:${id}`);
  const tokens = clients.map((c) => c.token);
  return { port: app.server.address().port, tokens };
}

async function startRaw() {
  const { WebSocketServer } = await import('ws');
  const server = http.createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 16 * 1024 });
  wss.on('connection', (socket) => {
    socket.on('error', () => socket.terminate());
    socket.send(JSON.stringify({ t: 'hello', v: 1, seq: 0 }));
  });
  await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  raw = { server, wss };
  return { port: server.address().port, tokens: null };
}

serveCommands({
  start: (data) => (mode === 'raw' ? startRaw(data) : startOurs(data)),

  async memory() {
    const memory = await settledMemory();
    return { ...memory, connections: app ? app.realtime.size : raw.wss.clients.size };
  },

  /** Ours: one user event per principal published on the bus (what a service's after-commit does). */
  async broadcast() {
    seq++;
    const started = performance.now();
    const at = Date.now();
    if (app) {
      const { USER_EVENT_TOPIC } = await import('../../packages/server/src/platform/realtime/user-events.ts');
      const bus = app.platform.bus;
      for (let i = 0; i < principals.length; i++) {
        void bus.publish(USER_EVENT_TOPIC, { principal: principals[i], seq, type: 'bench.tick', at, payload: JSON.stringify({ i }) });
      }
    } else {
      let i = 0;
      for (const socket of raw.wss.clients) socket.send(JSON.stringify({ t: 'event', seq, type: 'bench.tick', data: { i: i++ }, at }));
    }
    // Ours writes in the setImmediate after publishing: wait for it so both figures include every write.
    await new Promise((resolve) => setImmediate(resolve));
    return { seq, sendMs: performance.now() - started };
  },

  /** Ours only: the full path — one transaction appends an event to every principal's stream, then fan-out. */
  async commitBroadcast() {
    const { appendUserEvent } = await import('../../packages/server/src/platform/realtime/user-events.ts');
    seq++;
    const started = performance.now();
    await app.platform.transaction((uow) => appendUserEvent(uow, app.platform.bus, principals, 'bench.tick', { committed: true }));
    return { seq, commitMs: performance.now() - started };
  },

  async snapshot({ file }) {
    await settledMemory();
    (await import('node:v8')).writeHeapSnapshot(file);
  },

  stats: () => (app ? app.realtime.stats : null),

  async stop() {
    if (app) await app.close();
    await app?.platform.bus.close();
    if (raw) {
      for (const socket of raw.wss.clients) socket.terminate();
      raw.server.close();
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  },
});
