// Server child for bench/http.mjs: `ours` is the real app (every plugin, auth, SQLite on a temp
// file); `bare` is a bare Fastify with the same TypeBox schemas and no database or auth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveCommands } from './ipc.mjs';

const mode = process.argv[2];
let app;
let dataDir;

async function startOurs() {
  const { buildApp } = await import('../../packages/server/src/app.ts');
  const { loadConfig } = await import('../../packages/server/src/platform/config/config.ts');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-http-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0' });
  app = await buildApp(config, { migrate: true, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const signUp = await app.inject({
    method: 'POST',
    url: '/api/v1/consumers',
    payload: { account: 'bench', nickname: 'Bench', password: 'correct-horse-1' },
  });
  if (signUp.statusCode !== 201) throw new Error(`sign-up failed: ${signUp.body}`);
  const setCookie = [signUp.headers['set-cookie']].flat().find((c) => c.startsWith('rapport_consumer='));
  return { port: app.server.address().port, cookie: setCookie.split(';')[0] };
}

async function startBare() {
  const { default: Fastify } = await import('fastify');
  const { Consumer, UpdateConsumerBody } = await import('../../packages/shared/src/index.ts');
  app = Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });
  const consumer = {
    id: '01bench0000000000000000000',
    account: 'bench',
    phone: null,
    nickname: 'Bench',
    avatarUrl: null,
    createdAt: Date.now(),
  };
  app.get('/bare/me', { schema: { response: { 200: Consumer } } }, async () => consumer);
  app.patch('/bare/me', { schema: { body: UpdateConsumerBody, response: { 200: Consumer } } }, async (request) => ({
    ...consumer,
    ...request.body,
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port, cookie: '' };
}

serveCommands({
  start: () => (mode === 'ours' ? startOurs() : startBare()),
  async stop() {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  },
});
