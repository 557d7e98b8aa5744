import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

let server: ChildProcess | undefined;

export const OPERATOR = { account: 'operator', password: 'operator-pass-1' };

/**
 * Starts the real server (built web app, fresh SQLite database) once for all browser tests and
 * hands its URL to the tests; the operator account is OPERATOR.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  // WEB_DIST lets parallel work test its own build; by default the one `npm run build` makes.
  const webDist = process.env.WEB_DIST || path.join(root, 'packages/web/dist');
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(`${webDist} is missing: run \`npm run build\` first (npm run test:e2e does)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts', 'start'], {
    cwd: root,
    env: { ...process.env, WEB_DIST: webDist, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const setupToken = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/operator\/setup\?token=([A-Za-z0-9_-]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    server?.stdout?.on('data', onData);
    server?.stderr?.on('data', onData);
    server?.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Redeem the one-time setup link so every test can sign in as the operator.
  const response = await fetch(`${baseUrl}/api/v1/operators`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: setupToken, ...OPERATOR }),
  });
  if (response.status !== 201) throw new Error(`operator setup failed: ${response.status} ${await response.text()}`);
  project.provide('baseUrl', baseUrl);
  return async () => {
    server?.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
