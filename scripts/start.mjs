#!/usr/bin/env node
// `npm start` / `npm run demo`: build the web app if it has not been built, (seed the demo,) then
// start the server on the embedded SQLite database unless DATABASE_URL says otherwise.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/web/dist/index.html');
const demo = process.argv.includes('--demo');

const run = (args, options = {}) => {
  const result = spawnSync(args[0], args.slice(1), { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!fs.existsSync(dist) || process.env.REBUILD === '1') {
  console.log('Building the web app (first start only)…');
  run(['npm', 'run', 'build', '--silent']);
}

const server = [process.execPath, '--import', 'tsx', 'packages/server/src/main.ts'];
if (demo) run([...server, 'seed-demo']);
run([...server, 'start']);
