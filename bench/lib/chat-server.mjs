// Server child for bench/chat.mjs (run with tsx): the real app, persistence on, on a temp SQLite file
// (`sqlite`) or a fresh PostgreSQL database (`postgres`, BENCH_PG_URL or postgres://postgres@127.0.0.1:5432).
// N consumers with one session each and N/2 friend conversations (pairs 2k, 2k+1), inserted directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveCommands } from './ipc.mjs';
import { insertConsumersWithSessions } from './seed.mjs';

const mode = process.argv[2] ?? 'sqlite';
const pgAdminUrl = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
let app;
let dataDir;
let pgDatabase;

async function pgAdmin(sql) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: pgAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function start({ n }) {
  const { buildApp } = await import('../../packages/server/src/app.ts');
  const { loadConfig } = await import('../../packages/server/src/platform/config/config.ts');
  const { openConversation } = await import('../../packages/server/src/modules/chat/index.ts');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-chat-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' };
  if (mode === 'postgres') {
    pgDatabase = `rapport_bench_chat_${process.pid}_${Date.now()}`;
    await pgAdmin(`CREATE DATABASE ${pgDatabase}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${pgDatabase}`;
    env.DATABASE_URL = url.toString();
  }
  app = await buildApp(loadConfig(env), { migrate: true, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });

  const now = Date.now();
  const clients = await insertConsumersWithSessions(app, n, 'chat');
  const conversations = [];
  await app.platform.transaction(async (uow) => {
    // Friend conversations, as an accepted friend request opens them.
    for (let i = 0; i + 1 < n; i += 2) {
      const participants = [`consumer:${clients[i].id}`, `consumer:${clients[i + 1].id}`];
      const { id } = await openConversation(uow, { kind: 'friend', enterpriseId: null, participants, hasConsumer: true }, now);
      conversations.push(id);
    }
  });
  return { port: app.server.address().port, clients, conversations };
}

async function counts() {
  const db = app.platform.db;
  const messages = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { messages: Number(messages?.n ?? 0) };
}

let inspector;
const post = (method, params) =>
  new Promise((resolve, reject) => inspector.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

serveCommands({
  start,
  async profileStart() {
    const { Session } = await import('node:inspector');
    inspector = new Session();
    inspector.connect();
    await post('Profiler.enable');
    await post('Profiler.start');
  },
  async profileStop({ file }) {
    const { profile } = await post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    inspector.disconnect();
  },
  counts,
  async stats() {
    const { sendBatchStats } = await import('../../packages/server/src/modules/chat/index.ts');
    // cpu: the server process's CPU time so far (µs), so the bench can divide it by the messages of a rate.
    // loopUs: the time the main thread's event loop was busy (µs): the part of the CPU no other thread can take.
    const { user, system } = process.cpuUsage();
    const loopUs = performance.eventLoopUtilization().active * 1000;
    return { ...app.realtime.stats, sendBatches: sendBatchStats(app.platform), cpuUs: user + system, loopUs };
  },
  async stop() {
    if (app) await app.close();
    await app?.platform.bus.close?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgDatabase) await pgAdmin(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`).catch(() => {});
  },
});
