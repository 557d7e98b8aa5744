/**
 * Integration-test harness: a real, migrated database per test file, on SQLite always and on
 * PostgreSQL too when TEST_DATABASE_URL is set. `describeEngines` runs a suite once per engine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type BuildOptions, buildApp, type RapportApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/config.js';

export type Engine = 'sqlite' | 'postgres';

export const engines = (): Engine[] => (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']);

/** Creates a fresh database and returns its URL and a function that drops it. */
export async function freshDatabaseUrl(engine: Engine): Promise<{ url: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'));
    return { url: `sqlite:${path.join(dir, 'test.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL as string;
  const name = `rapport_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // pool.end() resolves before the backends exit; a backend killed by a forced drop makes its
      // ending client emit an unhandled error, so wait for them to go first.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestContext {
  engine: Engine;
  app: RapportApp;
  dataDir: string;
}

/** Builds the app on a fresh migrated database of `engine`. */
export async function createTestApp(engine: Engine, env: Record<string, string> = {}, options: BuildOptions = {}) {
  const { url, drop } = await freshDatabaseUrl(engine);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(config, { migrate: true, logger: false, ...options });
  await app.ready();
  return {
    app,
    dataDir,
    url,
    close: async () => {
      await app.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `suite` once per engine with an app built before and closed after. */
export function describeEngines(name: string, suite: (ctx: TestContext) => void) {
  for (const engine of engines()) {
    describe(`${name} [${engine}]`, () => {
      const ctx = { engine } as TestContext;
      let close: () => Promise<void>;
      beforeAll(async () => {
        const built = await createTestApp(engine);
        ctx.app = built.app;
        ctx.dataDir = built.dataDir;
        close = built.close;
      }, 60_000);
      afterAll(async () => close?.());
      suite(ctx);
    });
  }
}

/** The `name=value` of a Set-Cookie header, to send back as a Cookie header. */
export function cookieOf(response: LightMyRequestResponse, name: string): string {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in response (${response.statusCode}: ${response.body})`);
  return found.split(';')[0];
}
