#!/usr/bin/env node
// WebSocket capacity: N authenticated connections held by one server process (clients in other
// processes), memory per connection, and a broadcast of one event to every connection, versus a
// bare `ws` server driven by the same client harness in the same run.
// With Redis reachable at 127.0.0.1:6379 (or BENCH_REDIS_URL) it also measures the app with the
// Redis bus, where every event makes a round trip through Redis pub/sub.
//   node bench/ws.mjs [--connections=10000] [--rounds=10] [--client-procs=1] [--no-redis]
import net from 'node:net';
import { machineNote, round, startChild } from './lib/ipc.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const n = arg('connections', 10_000);
const rounds = arg('rounds', 10);
const clientProcs = arg('client-procs', 1);
const redisUrl = new URL(process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379');
const redisReachable = () =>
  new Promise((resolve) => {
    const socket = net.connect({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    socket.setTimeout(500);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Starts a server and its clients, connects everything and measures memory; returns a round runner. */
async function prepare(mode) {
  const server = startChild('lib/ws-server.mjs', { args: [mode], tsx: true, gc: true });
  const clients = Array.from({ length: clientProcs }, () => startChild('lib/ws-clients.mjs'));
  const share = (i) => [Math.floor((i * n) / clientProcs), Math.floor(((i + 1) * n) / clientProcs)];
  const stop = () => Promise.all([server.stop(), ...clients.map((c) => c.stop())]);
  try {
    const { port, tokens } = await server.call('start', { n });
    const url = mode === 'raw' ? `ws://127.0.0.1:${port}/` : `ws://127.0.0.1:${port}/api/v1/ws?as=consumer`;

    // Warm the connection path up, then take the baseline with nobody connected.
    await clients[0].call('connect', { url, tokens, from: 0, to: Math.min(200, n) });
    await clients[0].call('closeAll');
    await new Promise((r) => setTimeout(r, 200));
    const before = await server.call('memory');
    const connectStarted = performance.now();
    await Promise.all(clients.map((c, i) => c.call('connect', { url, tokens, from: share(i)[0], to: share(i)[1] })));
    const connectMs = performance.now() - connectStarted;
    const after = await server.call('memory');
    if (after.connections !== n) throw new Error(`${mode}: ${after.connections} of ${n} connected`);

    const broadcastRound = async (command) => {
      const arrived = Promise.all(clients.map((c, i) => c.call('expect', { count: share(i)[1] - share(i)[0] })));
      const started = performance.now();
      const answer = await server.call(command);
      await arrived;
      return { ms: performance.now() - started, ...answer };
    };
    // Ours: the full path once (one transaction appends an event to every stream, then fan-out).
    const committed = mode === 'raw' ? undefined : await broadcastRound('commitBroadcast');
    for (let i = 0; i < 2; i++) await broadcastRound('broadcast'); // warm-up
    return {
      mode,
      round: () => broadcastRound('broadcast'),
      async finish(measured) {
        const totalMs = measured.reduce((sum, r) => sum + r.ms, 0);
        const stats = await server.call('stats');
        await Promise.all(clients.map((c) => c.call('closeAll')));
        await server.call('stop');
        await stop();
        return {
          mode,
          connections: n,
          connectPerSec: Math.round(n / (connectMs / 1000)),
          rssPerConnKB: round1((after.rss - before.rss) / n / 1024),
          heapPerConnKB: round1((after.heapUsed - before.heapUsed) / n / 1024),
          externalPerConnKB: round((after.external - before.external) / n / 1024, 2),
          rssMB: round(after.rss / 2 ** 20),
          deliveriesPerSec: Math.round((n * measured.length) / (totalMs / 1000)),
          medianRoundMs: round1(median(measured.map((r) => r.ms))),
          medianServerSendMs: round1(median(measured.map((r) => r.sendMs))),
          committed: committed && {
            ms: round1(committed.ms),
            commitMs: round1(committed.commitMs),
            deliveriesPerSec: Math.round(n / (committed.ms / 1000)),
          },
          hub: stats && { messages: stats.messages, frames: stats.frames, slowConsumers: stats.slowConsumers, gapFills: stats.gapFills },
        };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${mode}: ${error.message}`);
  }
}
const round1 = (x) => round(x, 1);

// All servers hold their connections at once; their broadcast rounds alternate, so load from
// anything else on the machine falls on each alike.
const modes = ['ours', 'raw'];
if (!process.argv.includes('--no-redis') && (await redisReachable())) modes.push('ours-redis');
const prepared = [];
const results = {};
try {
  for (const mode of modes) prepared.push(await prepare(mode));
  const measured = prepared.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < prepared.length; k++) {
      const i = (k + r) % prepared.length; // rotate who goes first
      measured[i].push(await prepared[i].round());
    }
  }
  for (let i = 0; i < prepared.length; i++) results[prepared[i].mode] = await prepared[i].finish(measured[i]);
} finally {
  await Promise.all(prepared.map((p) => p.stop()));
}
const ours = results.ours;
const raw = results.raw;
const withRedis = results['ours-redis'] ?? null;

const summary = {
  bench: 'ws',
  date: new Date().toISOString(),
  machine: await machineNote(),
  connections: n,
  rounds,
  clientProcs,
  ours,
  raw,
  oursRedis: withRedis,
  ratios: {
    deliveries: round(ours.deliveriesPerSec / raw.deliveriesPerSec, 2),
    deliveriesRedis: withRedis && round(withRedis.deliveriesPerSec / raw.deliveriesPerSec, 2),
    serverSend: round(raw.medianServerSendMs / ours.medianServerSendMs, 2),
    rssPerConn: round(ours.rssPerConnKB / raw.rssPerConnKB, 2),
  },
  targets: { rssPerConnKB: '≤ 20', deliveriesVsRaw: '≥ 0.5' },
};
console.log(JSON.stringify(summary));
console.log(`\nWebSocket, ${n} connections, broadcast = one event frame to every connection, ${rounds} rounds`);
const row = (r) => ({
  'connects/s': r.connectPerSec,
  'RSS/conn KB': r.rssPerConnKB,
  'heap/conn KB': r.heapPerConnKB,
  'deliveries/s': r.deliveriesPerSec,
  'round ms (median)': r.medianRoundMs,
  // Through Redis the writes happen when the messages come back, after the command returned.
  'server send ms': r.mode === 'ours-redis' ? 'n/a (async)' : r.medianServerSendMs,
});
const table = { 'Rapport, in-process bus': row(ours) };
if (withRedis) table['Rapport, Redis bus'] = row(withRedis);
table['raw ws (baseline)'] = row(raw);
console.table(table);
console.log(
  `ours/raw deliveries ${summary.ratios.deliveries}${withRedis ? ` (Redis bus ${summary.ratios.deliveriesRedis})` : ''} (target ≥ 0.5); RSS per connection ${ours.rssPerConnKB} KB (target ≤ 20); ` +
    `committed broadcast (one transaction appending ${n} events, then fan-out): ${ours.committed.ms} ms, of which commit ${ours.committed.commitMs} ms`,
);
