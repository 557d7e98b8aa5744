// Client child for bench/ws.mjs: holds many WebSocket connections (its own process, so its
// memory and CPU are not the server's), counts event frames and reports when a target is met.
import WebSocket from 'ws';
import { serveCommands } from './ipc.mjs';

const sockets = [];
let events = 0;
let target = Number.POSITIVE_INFINITY;
let onTarget;

function countFrames(data) {
  const parsed = JSON.parse(data.toString());
  const frames = Array.isArray(parsed) ? parsed : [parsed];
  let n = 0;
  for (const f of frames) if (f.t === 'event') n++;
  return n;
}

function open(url, headers) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.once('message', () => resolve(socket)); // hello
    socket.on('message', (data) => {
      const n = countFrames(data);
      if (!n) return;
      events += n;
      if (events >= target && onTarget) {
        const done = onTarget;
        onTarget = undefined;
        done();
      }
    });
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

serveCommands({
  /** Opens connections `from`..`to` (tokens[i] as Bearer when given), `concurrency` handshakes at a time. */
  async connect({ url, tokens, from = 0, to, concurrency = 200 }) {
    const started = performance.now();
    let next = from;
    const worker = async () => {
      while (next < to) {
        const i = next++;
        sockets.push(await open(url, tokens ? { authorization: `Bearer ${tokens[i]}` } : {}));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { open: sockets.length, ms: Math.round(performance.now() - started) };
  },

  /** Resolves when `count` more event frames have arrived. */
  expect({ count, timeoutMs = 60_000 }) {
    target = events + count;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${events - (target - count)} of ${count} events`)), timeoutMs);
      onTarget = () => {
        clearTimeout(timer);
        resolve({ events });
      };
      if (events >= target) onTarget();
    });
  },

  async closeAll() {
    const closing = sockets.splice(0).map(
      (s) =>
        new Promise((resolve) => {
          if (s.readyState === WebSocket.CLOSED) return resolve();
          s.once('close', resolve);
          s.close();
        }),
    );
    await Promise.all(closing);
    return { open: sockets.length };
  },
});
