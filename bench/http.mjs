#!/usr/bin/env node
// HTTP through the real stack (plugins, cookie session lookup, TypeBox validation, SQLite) versus
// a bare Fastify route with the same schemas, measured in the same run by the same load generator.
//   node bench/http.mjs [--duration=5000] [--connections=32]
import { machineNote, startChild } from './lib/ipc.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const durationMs = arg('duration', 5000);
const connections = arg('connections', 32);
const warmupMs = Math.min(2000, durationMs);

async function measure(mode, scenarios) {
  const server = startChild('lib/http-server.mjs', { args: [mode], tsx: true });
  const load = startChild('lib/http-load.mjs');
  try {
    const { port, cookie } = await server.call('start');
    const results = {};
    for (const [name, request] of Object.entries(scenarios(cookie))) {
      await load.call('run', { port, request, connections, durationMs: warmupMs });
      const result = await load.call('run', { port, request, connections, durationMs });
      if (result.non2xx || result.errors)
        throw new Error(`${mode} ${name}: ${result.non2xx} non-2xx, ${result.errors} errors (${result.sample})`);
      results[name] = result;
    }
    await server.call('stop');
    return results;
  } finally {
    await Promise.all([server.stop(), load.stop()]);
  }
}

const body = { nickname: 'Bench two' };
const ours = await measure('ours', (cookie) => ({
  get: { method: 'GET', path: '/api/v1/consumers/me', headers: { Cookie: cookie } },
  post: { method: 'PATCH', path: '/api/v1/consumers/me', headers: { Cookie: cookie }, body },
}));
const bare = await measure('bare', () => ({
  get: { method: 'GET', path: '/bare/me' },
  post: { method: 'PATCH', path: '/bare/me', body },
}));

const rows = ['get', 'post'].map((name) => ({
  scenario:
    name === 'get' ? 'GET /api/v1/consumers/me (cookie session)' : 'PATCH /api/v1/consumers/me (TypeBox body, SQLite write + user event)',
  oursRps: ours[name].rps,
  oursP50: ours[name].p50,
  oursP99: ours[name].p99,
  bareRps: bare[name].rps,
  bareP50: bare[name].p50,
  bareP99: bare[name].p99,
  ratio: Number((ours[name].rps / bare[name].rps).toFixed(2)),
}));

const summary = { bench: 'http', date: new Date().toISOString(), machine: await machineNote(), connections, durationMs, results: rows };
console.log(JSON.stringify(summary));
console.log(`\nHTTP, ${connections} keep-alive connections, ${durationMs / 1000} s each, baseline = bare Fastify with the same schemas`);
console.table(
  Object.fromEntries(
    rows.map((r) => [
      r.scenario,
      {
        'ours req/s': r.oursRps,
        'ours p50/p99 ms': `${r.oursP50} / ${r.oursP99}`,
        'bare req/s': r.bareRps,
        'bare p50/p99 ms': `${r.bareP50} / ${r.bareP99}`,
        'ours/bare': r.ratio,
      },
    ]),
  ),
);
