// Client child for bench/chat.mjs: holds whole pairs of consumers (both ends in this process, so
// send and receive times come from one clock), sends `message.send` commands at a fixed rate from
// random members of its pairs to their peers, and measures each peer's `message.created` arrival.
//
// Like ../shared/peers/xmppload.js it is a cheap raw-socket client, so that the load generator takes
// as little as possible of the CPU it shares with the server under test: the WebSocket handshake and
// framing are written by hand (frames masked with a zero key, which the server unmasks all the same)
// and incoming frames are scanned for what is counted rather than parsed as JSON.
import crypto from 'node:crypto';
import net from 'node:net';
import { serveCommands } from './ipc.mjs';

const now = () => performance.timeOrigin + performance.now();
const PAD = 'x'.repeat(100);
const clients = []; // { index, id, conversationId, socket, pending, next }
let phase = 0;
let stats;
const resetStats = () => {
  stats = { sent: 0, acked: 0, errors: 0, errorCodes: {}, received: 0, latencies: [], closed: 0 };
};
resetStats();

/** A client frame: FIN + opcode, the mask bit with the length, a zero mask key, the payload as is. */
function clientFrame(opcode, payload) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const length = body.length;
  const head = length < 126 ? 6 : 8;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  }
  frame.writeUInt32BE(0, head - 4);
  body.copy(frame, head);
  return frame;
}

/** Counts what one server message carries: acks and errors of this phase, the peer's messages and their latency. */
function onText(me, text) {
  for (let p = text.indexOf('"t":"ack"'); p >= 0; p = text.indexOf('"t":"ack"', p + 9)) {
    if (text.startsWith(`"id":"${phase}.`, p + 10)) stats.acked++;
  }
  for (let p = text.indexOf('"t":"error"'); p >= 0; p = text.indexOf('"t":"error"', p + 11)) {
    stats.errors++;
    const at = text.indexOf('"code":"', p);
    const code = at < 0 ? 'unknown' : text.slice(at + 8, text.indexOf('"', at + 8));
    stats.errorCodes[code] = (stats.errorCodes[code] ?? 0) + 1;
  }
  // Body text "p=<phase>;s=<sender's index>;t=<send time ms>;xxxx…"; the sender's own ack and echo are skipped.
  const mark = `"p=${phase};s=`;
  for (let p = text.indexOf(mark); p >= 0; p = text.indexOf(mark, p + mark.length)) {
    const s = p + mark.length;
    const semi = text.indexOf(';', s);
    if (Number(text.slice(s, semi)) === me.index) continue;
    stats.received++;
    stats.latencies.push(now() - Number.parseFloat(text.slice(semi + 3, text.indexOf(';', semi + 3))));
  }
}

/** Splits the socket's bytes into server frames (never masked): text is counted, a ping answered. */
function onData(me, chunk) {
  let buf = me.pending ? Buffer.concat([me.pending, chunk]) : chunk;
  for (;;) {
    if (buf.length < 2) break;
    let length = buf[1] & 0x7f;
    let head = 2;
    if (length === 126) {
      if (buf.length < 4) break;
      length = buf.readUInt16BE(2);
      head = 4;
    } else if (length === 127) {
      if (buf.length < 10) break;
      length = Number(buf.readBigUInt64BE(2));
      head = 10;
    }
    if (buf.length < head + length) break;
    const opcode = buf[0] & 0x0f;
    const payload = buf.subarray(head, head + length);
    // The first text frame is `hello`: the socket is ready. Everything after it is counted.
    if (opcode === 0x1 && me.greeted) onText(me, payload.toString('latin1'));
    else if (opcode === 0x1) {
      me.greeted = true;
      me.onHello();
    } else if (opcode === 0x9) me.socket.write(clientFrame(0xa, payload));
    buf = buf.subarray(head + length);
  }
  me.pending = buf.length ? Buffer.from(buf) : null;
}

/** Opens an authenticated WebSocket by hand and resolves once the server's `hello` has arrived. */
function open(port, path, client, index) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const me = { index, id: client.id, conversationId: client.conversationId, socket, pending: null, next: 0, greeted: false };
    me.onHello = () => resolve(me);
    let handshake = Buffer.alloc(0);
    socket.on('connect', () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Authorization: Bearer ${client.token}\r\n\r\n`,
      ),
    );
    const onHandshake = (chunk) => {
      handshake = Buffer.concat([handshake, chunk]);
      const end = handshake.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = handshake.subarray(0, handshake.indexOf('\r\n')).toString();
      if (!status.includes(' 101 ')) {
        reject(new Error(`refused: ${status}`));
        socket.destroy();
        return;
      }
      socket.off('data', onHandshake);
      socket.on('data', (data) => onData(me, data));
      const rest = handshake.subarray(end + 4);
      if (rest.length) onData(me, Buffer.from(rest));
    };
    socket.on('data', onHandshake);
    socket.on('error', reject);
    socket.on('close', () => stats.closed++);
  });
}

serveCommands({
  /** pairs: [{ conversationId, a: { id, token }, b: { id, token } }] */
  async connect({ url, pairs, concurrency = 100 }) {
    const { port, pathname, search } = new URL(url);
    const todo = pairs.flatMap((p) => [
      { ...p.a, conversationId: p.conversationId },
      { ...p.b, conversationId: p.conversationId },
    ]);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const index = next++;
        clients.push(await open(Number(port), pathname + search, todo[index], index));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { open: clients.length };
  },

  /** Sends `rate` messages/s for `seconds` (ticks of 5 ms, like xmppload), then waits `drainMs`. */
  async run({ rate, seconds, drainMs = 1500, catchUpLimitMs = 120_000 }) {
    phase++;
    resetStats();
    const cpuStart = process.cpuUsage();
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
          const text = `p=${phase};s=${c.index};t=${now().toFixed(3)};${PAD}`.slice(0, 100);
          c.socket.write(
            clientFrame(
              0x1,
              `{"t":"cmd","id":"${id}","name":"message.send","data":{"conversationId":"${c.conversationId}","clientId":"${c.id}.${id}","kind":"text","body":{"text":"${text}"}}}`,
            ),
          );
          stats.sent++;
        }
      }, 5);
    });
    await new Promise((r) => setTimeout(r, drainMs));
    const { latencies, ...rest } = stats;
    const cpu = process.cpuUsage(cpuStart);
    const result = { ...rest, latencies: [...latencies], clientCpuUs: cpu.user + cpu.system };
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
            if (c.socket.destroyed) return resolve();
            c.socket.once('close', resolve);
            c.socket.end(clientFrame(0x8, Buffer.from([0x03, 0xe8])));
          }),
      ),
    );
  },
});
