#!/usr/bin/env node
// `npm run bench` runs every benchmark in bench/*.mjs; `npm run bench -- ws` runs one; extra
// `--flags` are passed through (e.g. `npm run bench -- ws --connections=2000`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, ROOT } from './lib/ipc.mjs';

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const available = fs
  .readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();

const selected = names.length ? names : available;
const unknown = selected.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of selected) {
  console.log(`\n=== bench ${name}`);
  const result = spawnSync(process.execPath, [path.join(BENCH_DIR, `${name}.mjs`), ...flags], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench ${name} failed (${result.status ?? result.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
