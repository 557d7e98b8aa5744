#!/usr/bin/env node
// 1:1 chat through the real WebSocket protocol with persistence on (issue 3): N connected consumers
// in N/2 friend pairs, `message.send` commands at fixed aggregate offered rates, ~100-byte text bodies
// carrying the send time; delivered/s and p50/p99/max latency (the peer's `message.created` arrival
// minus send). Then, in the same run, the peers ejabberd and ejabberd-mam (../shared/peers) driven by
// their own load generator with the same shape of load, and both sides printed together.
//   node bench/chat.mjs [--clients=1000] [--rates=1000,5000,10000] [--seconds=5] [--db=sqlite|postgres]
//                       [--client-procs=1] [--no-peers] [--cpu-prof=<file>]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { machineNote, ROOT, round, startChild } from './lib/ipc.mjs';

const flag = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const n = Number(flag('clients', 1000));
const rates = String(flag('rates', '1000,5000,10000')).split(',').map(Number);
const seconds = Number(flag('seconds', 5));
const db = flag('db', 'sqlite');
const clientProcs = Number(flag('client-procs', 1));
const withPeers = !process.argv.includes('--no-peers');
const peersDir = path.resolve(ROOT, process.env.BENCH_PEERS_DIR || '../shared/peers');
if (n < 2 || n % 2) throw new Error('--clients must be an even number ≥ 2');
if (!['sqlite', 'postgres'].includes(db)) throw new Error('--db is sqlite or postgres');

const quantile = (sorted, p) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))], 2) : null);

async function runOurs() {
  const server = startChild('lib/chat-server.mjs', { args: [db], tsx: true });
  const procs = Array.from({ length: clientProcs }, () => startChild('lib/chat-clients.mjs'));
  try {
    const setupStarted = performance.now();
    const { port, clients, conversations } = await server.call('start', { n });
    const setupMs = Math.round(performance.now() - setupStarted);
    const pairs = conversations.map((conversationId, k) => ({ conversationId, a: clients[2 * k], b: clients[2 * k + 1] }));
    const url = `ws://127.0.0.1:${port}/api/v1/ws?as=consumer`;
    const share = (i) => pairs.slice(Math.floor((i * pairs.length) / clientProcs), Math.floor(((i + 1) * pairs.length) / clientProcs));
    const connectStarted = performance.now();
    await Promise.all(procs.map((p, i) => p.call('connect', { url, pairs: share(i) })));
    const connectMs = Math.round(performance.now() - connectStarted);
    await new Promise((r) => setTimeout(r, 1000));

    // --cpu-prof=<file>: a CPU profile of the server over the measured rates (node:inspector).
    const profileFile = flag('cpu-prof', '');
    if (profileFile) await server.call('profileStart');
    const results = [];
    for (const rate of rates) {
      const { sendBatches: before, cpuUs: cpuBefore, loopUs: loopBefore } = await server.call('stats');
      const parts = await Promise.all(
        procs.map((p, i) => p.call('run', { rate: (rate * share(i).length) / pairs.length, seconds, drainMs: 1500 })),
      );
      const sum = (k) => parts.reduce((s, r) => s + r[k], 0);
      const latencies = parts.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const errorCodes = {};
      for (const r of parts) for (const [code, count] of Object.entries(r.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + count;
      const { sendBatches: after, cpuUs: cpuAfter, loopUs: loopAfter } = await server.call('stats');
      const batches = after.batches - before.batches;
      results.push({
        offered: rate,
        // Group commit: transactions run for this rate's sends, their mean size, the largest so far.
        // The server's CPU time per message of this rate (send, persist, deliver; every one is acknowledged by the
        // end of the catch-up): steadier than rates on a shared machine; 1e6 / it is what one core could carry.
        serverCpuUsPerMsg: sum('sent') ? round((cpuAfter - cpuBefore) / sum('sent'), 1) : null,
        // The main thread's busy time per message: what limits one process (checkpoints run beside it).
        serverLoopUsPerMsg: sum('sent') ? round((loopAfter - loopBefore) / sum('sent'), 1) : null,
        clientCpuUsPerMsg: sum('sent') ? round(sum('clientCpuUs') / sum('sent'), 1) : null,
        sendBatches: {
          batches,
          meanItems: batches ? round((after.items - before.items) / batches, 1) : 0,
          largest: after.largest,
          retried: after.retried - before.retried,
        },
        sent: sum('sent'),
        acked: sum('acked'),
        received: sum('received'),
        // As xmppload counts: everything received by the end of the 1.5 s drain, over the sending time.
        deliveredPerSec: Math.round(sum('received') / seconds),
        p50ms: quantile(latencies, 0.5),
        p99ms: quantile(latencies, 0.99),
        maxms: quantile(latencies, 1),
        errors: sum('errors'),
        errorCodes,
        closedSockets: sum('closed'),
        // Saturated: time after the drain until every message of this rate was acknowledged (so the
        // next rate starts on an idle server); sent / (seconds + drain + catch-up) is then the capacity.
        catchUpMs: Math.max(...parts.map((r) => r.catchUpMs)),
        sustainedPerSec: parts.some((r) => r.catchUpMs > 0)
          ? Math.round(sum('sent') / (seconds + 1.5 + Math.max(...parts.map((r) => r.catchUpMs)) / 1000))
          : null,
      });
    }
    if (profileFile) await server.call('profileStop', { file: path.resolve(profileFile) });
    const { messages } = await server.call('counts');
    const hub = await server.call('stats');
    await Promise.all(procs.map((p) => p.call('closeAll')));
    await server.call('stop');
    return { server: `rapport-${db}`, N: n, setupMs, connectMs, persistedMessages: messages, slowConsumers: hub.slowConsumers, results };
  } finally {
    await Promise.all([server.stop(), ...procs.map((p) => p.stop())]);
  }
}

/** Starts a peer (3 minutes at most, it may apt-install), drives it with xmppload, stops it. */
function runPeer(peer) {
  const script = path.join(peersDir, 'peer.sh');
  if (!fs.existsSync(script)) return { peer, skipped: `no ${script}` };
  const started = spawnSync('bash', [script, 'start', peer], { encoding: 'utf8', timeout: 180_000 });
  try {
    if (started.status !== 0 || !/ up on /.test(started.stdout)) {
      const why =
        started.error?.code === 'ETIMEDOUT'
          ? 'start took over 3 minutes'
          : (started.stderr || started.stdout || '').trim().split('\n').pop();
      return { peer, skipped: `could not start ${peer}: ${why || `exit ${started.status}`}` };
    }
    const load = spawnSync(
      process.execPath,
      [path.join(peersDir, 'xmppload.js'), '5223', 'localhost', String(n), rates.join(','), String(seconds)],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    const line = load.stdout.trim().split('\n').pop();
    if (load.status !== 0 || !line?.startsWith('{'))
      return { peer, skipped: `xmppload failed: ${(load.stderr || '').trim().split('\n').pop()}` };
    return { peer, ...JSON.parse(line) };
  } finally {
    spawnSync('bash', [script, 'stop', peer], { encoding: 'utf8', timeout: 60_000 });
  }
}

/** `peer.sh stop` returns before the Erlang node is down; the next start fails until it is. */
async function portClosed(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!open) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 3000)); // epmd and the node name
}

const ours = await runOurs();
const peers = [];
if (withPeers) {
  for (const peer of ['ejabberd', 'ejabberd-mam']) {
    const result = runPeer(peer);
    await portClosed(5223);
    if (result.skipped) console.log(`note: ${peer} skipped — ${result.skipped}`);
    peers.push(result);
  }
} else console.log('note: peers skipped (--no-peers)');

console.log(
  JSON.stringify({
    bench: 'chat',
    date: new Date().toISOString(),
    machine: await machineNote(),
    clients: n,
    rates,
    seconds,
    db,
    clientProcs,
    ours,
    peers,
    target: 'SQLite: 10,000 persisted messages/s at p99 ≤ 50 ms',
  }),
);

console.log(`\n1:1 chat, ${n} clients in ${n / 2} pairs, ${seconds} s per offered rate, latency = peer's receive − send`);
const table = [];
const sides = [
  { name: `Rapport (${db}, persisted)`, results: ours.results },
  ...peers
    .filter((p) => !p.skipped)
    .map((p) => ({ name: p.peer === 'ejabberd' ? 'ejabberd (in memory)' : 'ejabberd-mam (archived)', results: p.results })),
];
for (const rate of rates) {
  for (const side of sides) {
    const r = side.results.find((x) => x.offered === rate);
    if (!r) continue;
    table.push({
      server: side.name,
      'offered/s': rate,
      sent: r.sent,
      'delivered/s': r.deliveredPerSec,
      'p50 ms': r.p50ms,
      'p99 ms': r.p99ms,
      'max ms': r.maxms,
      errors: r.errors ?? '',
      'catch-up s': r.catchUpMs === undefined ? '' : round(r.catchUpMs / 1000, 1),
      'sends/tx': r.sendBatches ? r.sendBatches.meanItems : '',
      'server µs/msg': r.serverCpuUsPerMsg ?? '',
      'loop µs/msg': r.serverLoopUsPerMsg ?? '',
      'client µs/msg': r.clientCpuUsPerMsg ?? '',
    });
  }
}
console.table(table);
console.log(
  `Rapport: ${ours.persistedMessages} messages persisted, setup ${ours.setupMs} ms, connect ${ours.connectMs} ms, slow-consumer closes ${ours.slowConsumers}` +
    `; target on SQLite: 10,000 persisted messages/s at p99 ≤ 50 ms`,
);
