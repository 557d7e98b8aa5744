// Load-generator child: keeps `connections` keep-alive TCP connections busy with one request
// each (no pipelining) for `durationMs`, and reports throughput and latency percentiles.
// A raw socket client: it writes pre-serialised request bytes and reads responses by
// Content-Length, so the generator costs far less CPU than the servers it measures.
import net from 'node:net';
import { serveCommands } from './ipc.mjs';

function requestBytes({ method, path, headers = {}, body }) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: keep-alive'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${payload}`);
}

function runConnection(port, bytes, stats, until) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    let buffer = Buffer.alloc(0);
    let started = 0;
    const send = () => {
      if (performance.now() >= until) {
        socket.end();
        resolve();
        return;
      }
      started = performance.now();
      socket.write(bytes);
    };
    socket.on('connect', send);
    socket.on('error', () => {
      stats.errors++;
      resolve();
    });
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const head = buffer.subarray(0, headerEnd).toString('latin1');
        const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!match) {
          stats.errors++;
          socket.destroy();
          resolve();
          return;
        }
        const total = headerEnd + 4 + Number(match[1]);
        if (buffer.length < total) return;
        const status = Number(head.slice(9, 12));
        if (status < 200 || status >= 300) {
          stats.non2xx++;
          if (!stats.sample) stats.sample = `${head.split('\r\n')[0]} ${buffer.subarray(headerEnd + 4, total).toString()}`;
        }
        stats.latencies.push(performance.now() - started);
        buffer = buffer.subarray(total);
        send();
      }
    });
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Results accumulate per key across runs, so interleaved slices of two servers add up. */
const byKey = new Map();

serveCommands({
  async run({ key, port, request, connections = 32, durationMs = 5000, record = true }) {
    const bytes = requestBytes(request);
    const stats = { latencies: [], errors: 0, non2xx: 0, sample: undefined };
    const start = performance.now();
    const until = start + durationMs;
    await Promise.all(Array.from({ length: connections }, () => runConnection(port, bytes, stats, until)));
    const elapsedMs = performance.now() - start;
    if (stats.errors || stats.non2xx) throw new Error(`${key}: ${stats.non2xx} non-2xx, ${stats.errors} errors (${stats.sample})`);
    if (record) {
      const total = byKey.get(key) ?? { latencies: [], elapsedMs: 0 };
      total.latencies.push(...stats.latencies);
      total.elapsedMs += elapsedMs;
      byKey.set(key, total);
    }
    return { requests: stats.latencies.length };
  },

  report({ key }) {
    const total = byKey.get(key);
    const sorted = total.latencies.sort((a, b) => a - b);
    return {
      requests: sorted.length,
      rps: Math.round(sorted.length / (total.elapsedMs / 1000)),
      p50: Number(percentile(sorted, 50).toFixed(2)),
      p99: Number(percentile(sorted, 99).toFixed(2)),
    };
  },
});
