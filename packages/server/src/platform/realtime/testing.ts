/** Test helpers of the platform's real-time and jobs suites: a `ws` client that records frames. */
import { parseServerMessage, type ServerFrame } from '@rapport/shared';
import WebSocket from 'ws';

export interface TestClient {
  socket: WebSocket;
  frames: ServerFrame[];
  /** WebSocket messages received (a batch counts once). */
  messages: number;
  closed: Promise<{ code: number; reason: string; at: number }>;
  send(frame: unknown): void;
  waitFor<T extends ServerFrame>(predicate: (frame: ServerFrame) => frame is T, timeoutMs?: number): Promise<T>;
  waitFor(predicate: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  events(): Extract<ServerFrame, { t: 'event' }>[];
  close(): Promise<void>;
}

/** Opens a socket and resolves once it is open (rejects with the HTTP status if refused). */
export function connectClient(url: string, options: { headers?: Record<string, string>; autoPong?: boolean } = {}): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: options.headers, autoPong: options.autoPong ?? true, perMessageDeflate: false });
    const waiters = new Set<() => void>();
    const client: TestClient = {
      socket,
      frames: [],
      messages: 0,
      closed: new Promise((done) => socket.on('close', (code, reason) => done({ code, reason: reason.toString(), at: Date.now() }))),
      send: (frame) => socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame)),
      waitFor: ((predicate: (frame: ServerFrame) => boolean, timeoutMs = 3000) =>
        new Promise<ServerFrame>((done, fail) => {
          let seen = 0;
          const check = () => {
            for (; seen < client.frames.length; seen++) {
              if (predicate(client.frames[seen])) {
                waiters.delete(check);
                clearTimeout(timer);
                done(client.frames[seen]);
                return;
              }
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`timed out; frames: ${JSON.stringify(client.frames).slice(0, 500)}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        })) as TestClient['waitFor'],
      events: () => client.frames.filter((f): f is Extract<ServerFrame, { t: 'event' }> => f.t === 'event'),
      close: async () => {
        if (socket.readyState === WebSocket.CLOSED) return;
        socket.close();
        await client.closed;
      },
    };
    socket.on('message', (data) => {
      client.messages++;
      client.frames.push(...parseServerMessage(data.toString()));
      for (const w of [...waiters]) w();
    });
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => {
      reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode }));
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

/** The HTTP status of a refused upgrade. */
export async function refusedStatus(url: string, headers?: Record<string, string>): Promise<number> {
  try {
    const client = await connectClient(url, { headers });
    await client.close();
    return 101;
  } catch (error) {
    return (error as { status?: number }).status ?? 0;
  }
}
