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

async function measure(mode) {
  const server = startChild('lib/ws-server.mjs', { args: [mode], tsx: true, gc: true });
  const clients = Array.from({ length: clientProcs }, () => startChild('lib/ws-clients.mjs'));
  const share = (i) => [Math.floor((i * n) / clientProcs), Math.floor(((i + 1) * n) / clientProcs)];
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

    let committed;
    if (mode !== 'raw') committed = await broadcastRound('commitBroadcast'); // the full path, once
    for (let i = 0; i < 2; i++) await broadcastRound('broadcast'); // warm-up
    const measured = [];
    for (let i = 0; i < rounds; i++) measured.push(await broadcastRound('broadcast'));
    const totalMs = measured.reduce((sum, r) => sum + r.ms, 0);
    const stats = await server.call('stats');
    await Promise.all(clients.map((c) => c.call('closeAll')));
    await server.call('stop');
    return {
      mode,
      connections: n,
      connectPerSec: Math.round(n / (connectMs / 1000)),
      rssPerConnKB: round((after.rss - before.rss) / n / 1024, 1),
      heapPerConnKB: round((after.heapUsed - before.heapUsed) / n / 1024, 1),
      externalPerConnKB: round((after.external - before.external) / n / 1024, 2),
      rssMB: round(after.rss / 2 ** 20),
      deliveriesPerSec: Math.round((n * rounds) / (totalMs / 1000)),
      medianRoundMs: round(median(measured.map((r) => r.ms)), 1),
      medianServerSendMs: round(median(measured.map((r) => r.sendMs)), 1),
      committed: committed && {
        ms: round(committed.ms, 1),
        commitMs: round(committed.commitMs, 1),
        deliveriesPerSec: Math.round(n / (committed.ms / 1000)),
      },
      hub: stats && { messages: stats.messages, frames: stats.frames, slowConsumers: stats.slowConsumers, gapFills: stats.gapFills },
    };
  } finally {
    await Promise.all([server.stop(), ...clients.map((c) => c.stop())]);
  }
}

const ours = await measure('ours');
const raw = await measure('raw');
const withRedis = !process.argv.includes('--no-redis') && (await redisReachable()) ? await measure('ours-redis') : null;
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
  'server send ms': r.medianServerSendMs,
});
const table = { 'Rapport, in-process bus': row(ours) };
if (withRedis) table['Rapport, Redis bus'] = row(withRedis);
table['raw ws (baseline)'] = row(raw);
console.table(table);
console.log(
  `ours/raw deliveries ${summary.ratios.deliveries}${withRedis ? ` (Redis bus ${summary.ratios.deliveriesRedis})` : ''} (target ≥ 0.5); RSS per connection ${ours.rssPerConnKB} KB (target ≤ 20); ` +
    `committed broadcast (one transaction appending ${n} events, then fan-out): ${ours.committed.ms} ms, of which commit ${ours.committed.commitMs} ms`,
);
