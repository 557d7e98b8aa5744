// Client child for bench/chat.mjs: holds whole pairs of consumers (both ends in this process, so
// send and receive times come from one clock), sends `message.send` commands at a fixed rate from
// random members of its pairs to their peers, and measures each peer's `message.created` arrival.
import WebSocket from 'ws';
import { serveCommands } from './ipc.mjs';

const now = () => performance.timeOrigin + performance.now();
const PAD = 'x'.repeat(100);
const clients = []; // { id, socket, conversationId }
let phase = 0;
let stats;
const resetStats = () => {
  stats = { sent: 0, acked: 0, errors: 0, errorCodes: {}, received: 0, latencies: [], closed: 0 };
};
resetStats();

function onFrames(me, data) {
  const parsed = JSON.parse(data.toString());
  const frames = Array.isArray(parsed) ? parsed : [parsed];
  for (const f of frames) {
    if (f.t === 'ack') {
      if (f.id.startsWith(`${phase}.`)) stats.acked++;
    } else if (f.t === 'error') {
      stats.errors++;
      const code = f.error?.code ?? 'unknown';
      stats.errorCodes[code] = (stats.errorCodes[code] ?? 0) + 1;
    } else if (f.t === 'event' && f.type === 'message.created' && f.data.sender.id !== me.id) {
      // Body text: "p=<phase>;t=<send time ms>;xxxx…"
      const text = f.data.body.text;
      const semi = text.indexOf(';');
      if (Number(text.slice(2, semi)) !== phase) continue;
      stats.received++;
      stats.latencies.push(now() - Number.parseFloat(text.slice(semi + 3, text.indexOf(';', semi + 1))));
    }
  }
}

function open(url, client) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${client.token}` }, perMessageDeflate: false });
    const me = { id: client.id, socket, conversationId: client.conversationId, next: 0 };
    socket.once('message', () => resolve(me)); // hello
    socket.on('message', (data) => onFrames(me, data));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    socket.on('error', reject);
    socket.on('close', () => stats.closed++);
  });
}

serveCommands({
  /** pairs: [{ conversationId, a: { id, token }, b: { id, token } }] */
  async connect({ url, pairs, concurrency = 100 }) {
    const todo = pairs.flatMap((p) => [
      { ...p.a, conversationId: p.conversationId },
      { ...p.b, conversationId: p.conversationId },
    ]);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) clients.push(await open(url, todo[next++]));
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { open: clients.length };
  },

  /** Sends `rate` messages/s for `seconds` (ticks of 5 ms, like xmppload), then waits `drainMs`. */
  async run({ rate, seconds, drainMs = 1500, catchUpLimitMs = 120_000 }) {
    phase++;
    resetStats();
    const perTick = (rate * 5) / 1000;
    const end = now() + seconds * 1000;
    let acc = 0;
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        if (now() > end) {
          clearInterval(timer);
          resolve();
          return;
        }
        acc += perTick;
        while (acc >= 1) {
          acc -= 1;
          const c = clients[(Math.random() * clients.length) | 0];
          const id = `${phase}.${c.next++}`;
          const text = `p=${phase};t=${now().toFixed(3)};${PAD}`.slice(0, 100);
          c.socket.send(
            JSON.stringify({
              t: 'cmd',
              id,
              name: 'message.send',
              data: { conversationId: c.conversationId, clientId: `${c.id}.${id}`, kind: 'text', body: { text } },
            }),
          );
          stats.sent++;
        }
      }, 5);
    });
    await new Promise((r) => setTimeout(r, drainMs));
    const { latencies, ...rest } = stats;
    const result = { ...rest, latencies: [...latencies] };
    // Let a saturated server finish this rate's backlog before the next one starts.
    const catchUpStarted = performance.now();
    while (stats.acked + stats.errors < stats.sent && performance.now() - catchUpStarted < catchUpLimitMs) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return { ...result, catchUpMs: Math.round(performance.now() - catchUpStarted) };
  },

  async closeAll() {
    await Promise.all(
      clients.splice(0).map(
        (c) =>
          new Promise((resolve) => {
            if (c.socket.readyState === WebSocket.CLOSED) return resolve();
            c.socket.once('close', resolve);
            c.socket.close();
          }),
      ),
    );
  },
});
