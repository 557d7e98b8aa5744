#!/usr/bin/env node
// HTTP through the real stack (plugins, cookie session lookup, TypeBox validation, SQLite) versus
// a bare Fastify route with the same schemas, measured in the same run by the same load generator.
// The two servers run side by side and are measured in alternating slices, so load from anything
// else on the machine falls on both alike.
//   node bench/http.mjs [--duration=6000] [--slices=6] [--connections=32]
import { machineNote, startChild } from './lib/ipc.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const durationMs = arg('duration', 6000);
const slices = arg('slices', 6);
const connections = arg('connections', 32);

const body = { nickname: 'Bench two' };
const servers = {
  ours: startChild('lib/http-server.mjs', { args: ['ours'], tsx: true }),
  bare: startChild('lib/http-server.mjs', { args: ['bare'], tsx: true }),
};
const load = startChild('lib/http-load.mjs');
const requests = {
  ours: (cookie) => ({
    get: { method: 'GET', path: '/api/v1/consumers/me', headers: { Cookie: cookie } },
    post: { method: 'PATCH', path: '/api/v1/consumers/me', headers: { Cookie: cookie }, body },
  }),
  bare: () => ({ get: { method: 'GET', path: '/bare/me' }, post: { method: 'PATCH', path: '/bare/me', body } }),
};

const results = {};
try {
  const started = {};
  for (const [mode, server] of Object.entries(servers)) {
    const { port, cookie } = await server.call('start');
    started[mode] = { port, scenarios: requests[mode](cookie) };
  }
  for (const scenario of ['get', 'post']) {
    for (const mode of ['ours', 'bare']) {
      const { port, scenarios } = started[mode];
      await load.call('run', {
        key: `${mode}.${scenario}`,
        port,
        request: scenarios[scenario],
        connections,
        durationMs: 1500,
        record: false,
      });
    }
    for (let i = 0; i < slices; i++) {
      for (const mode of i % 2 ? ['bare', 'ours'] : ['ours', 'bare']) {
        const { port, scenarios } = started[mode];
        await load.call('run', {
          key: `${mode}.${scenario}`,
          port,
          request: scenarios[scenario],
          connections,
          durationMs: durationMs / slices,
        });
      }
    }
    for (const mode of ['ours', 'bare']) results[`${mode}.${scenario}`] = await load.call('report', { key: `${mode}.${scenario}` });
  }
  await Promise.all(Object.values(servers).map((s) => s.call('stop')));
} finally {
  await Promise.all([...Object.values(servers).map((s) => s.stop()), load.stop()]);
}

const rows = ['get', 'post'].map((name) => {
  const ours = results[`ours.${name}`];
  const bare = results[`bare.${name}`];
  return {
    scenario:
      name === 'get' ? 'GET /api/v1/consumers/me (cookie session)' : 'PATCH /api/v1/consumers/me (TypeBox body, SQLite write + user event)',
    oursRps: ours.rps,
    oursP50: ours.p50,
    oursP99: ours.p99,
    bareRps: bare.rps,
    bareP50: bare.p50,
    bareP99: bare.p99,
    ratio: Number((ours.rps / bare.rps).toFixed(2)),
  };
});

const summary = { bench: 'http', date: new Date().toISOString(), machine: await machineNote(), connections, durationMs, results: rows };
console.log(JSON.stringify(summary));
console.log(
  `\nHTTP, ${connections} keep-alive connections, ${durationMs / 1000} s per server and scenario in ${slices} alternating slices;`,
);
console.log('baseline = bare Fastify with the same TypeBox schemas, no auth, no database');
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
