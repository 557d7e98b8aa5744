/**
 * Tests of real server processes (crash, multi-node): spawn `main.ts start`, kill it, and talk to it
 * the way users do — HTTP with session cookies and WebSockets — since `inject()` cannot cross a
 * process boundary.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { parseServerMessage, type ServerFrame } from '@rapport/shared';
import { connectClient, type TestClient } from '../src/platform/realtime/testing.js';
import { PASSWORD, unique } from './factories.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Waits until `check()` holds, polling; throws `what` on timeout. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcess {
  port: number;
  baseUrl: string;
  wsUrl: string;
  child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node --import tsx packages/server/src/main.ts start` with `env` on a free port and resolves
 * once /api/health answers. The child is the server itself (no npm wrapper), so SIGKILL hits it.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  // The free port may be taken by someone else before the child listens: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, await freePort(), timeoutMs);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(env: Record<string, string>, port: number, timeoutMs: number): Promise<ServerProcess> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const server: ServerProcess = {
    port,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/api/v1/ws`,
    child,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (!gone) child.kill(signal);
      await exited;
    },
  };
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the server exited before it was ready:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) {
      await server.stop('SIGKILL');
      throw new Error(`the server did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test code reads whatever JSON the route answered
  body: any;
  /** The session cookie a sign-up or sign-in set (`rapport_<kind>=…`). */
  cookie?: string;
}

/** One HTTP call to `/api/v1<url>` of a node with a session cookie. */
export async function api(baseUrl: string, method: string, url: string, cookie?: string, payload?: unknown): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, ...sessionCookie(response) };
}

/** The `rapport_<kind>=…` pair a sign-up or sign-in set, as a cookie header. */
function sessionCookie(response: Response): { cookie?: string } {
  const pair = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('rapport_'));
  return pair ? { cookie: pair } : {};
}

const expectStatus = (reply: Reply, status: number, what: string) => {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
};

export interface LiveEnterprise {
  enterpriseId: string;
  code: string;
  rootDepartmentId: string;
  /** The admin's cookie header. */
  cookie: string;
}

export interface LiveUser {
  kind: 'member' | 'consumer';
  id: string;
  account: string;
  cookie: string;
}

export async function signUpEnterprise(baseUrl: string): Promise<LiveEnterprise> {
  const code = unique('ent-');
  const reply = expectStatus(
    await api(baseUrl, 'POST', '/enterprises', undefined, {
      enterpriseName: `Store ${code}`,
      shortName: 'Store',
      code,
      adminName: 'Admin',
      account: 'admin',
      password: PASSWORD,
    }),
    201,
    'enterprise sign-up',
  );
  return {
    enterpriseId: reply.body.enterprise.id,
    code,
    rootDepartmentId: reply.body.member.departmentIds[0],
    cookie: reply.cookie as string,
  };
}

/**
 * The admin adds a signed-in member who may contact consumers: real-name verified with customer-contact
 * permission, in an enterprise still on its unverified trial (no operator needed for a few customers).
 */
export async function addContactReadyMember(baseUrl: string, ent: LiveEnterprise, name = 'Guide'): Promise<LiveUser> {
  const account = unique('m');
  const created = expectStatus(
    await api(baseUrl, 'POST', '/members', ent.cookie, {
      account,
      password: PASSWORD,
      name,
      departmentIds: [ent.rootDepartmentId],
      realNameVerified: true,
      customerContact: true,
    }),
    201,
    'member creation',
  );
  return { kind: 'member', id: created.body.id, account, cookie: await signInMember(baseUrl, ent.code, account) };
}

/** A fresh member session (another device); returns its cookie header. */
export async function signInMember(baseUrl: string, enterpriseCode: string, account: string): Promise<string> {
  const reply = expectStatus(
    await api(baseUrl, 'POST', '/sessions/member', undefined, { enterprise: enterpriseCode, login: account, password: PASSWORD }),
    200,
    'member sign-in',
  );
  return reply.cookie as string;
}

export async function signUpConsumer(baseUrl: string, nickname = 'Lin'): Promise<LiveUser> {
  const account = unique('c');
  const reply = expectStatus(
    await api(baseUrl, 'POST', '/consumers', undefined, { account, nickname, password: PASSWORD }),
    201,
    'consumer sign-up',
  );
  return { kind: 'consumer', id: reply.body.consumer.id, account, cookie: reply.cookie as string };
}

/**
 * The member requests (on `memberNode`) and the consumer accepts (on `consumerNode`): the consumer becomes
 * a customer and their conversation opens. Returns the customer and conversation ids.
 */
export async function addCustomer(
  memberNode: string,
  member: LiveUser,
  consumerNode: string,
  consumer: LiveUser,
): Promise<{ customerId: string; conversationId: string }> {
  const request = expectStatus(
    await api(memberNode, 'POST', '/customer-requests', member.cookie, { consumerId: consumer.id }),
    201,
    'customer request',
  );
  expectStatus(await api(consumerNode, 'POST', `/customer-requests/${request.body.id}/accept`, consumer.cookie), 200, 'accept');
  const list = expectStatus(await api(memberNode, 'GET', '/customers?limit=200', member.cookie), 200, 'customer list');
  const customer = (list.body.data as Array<{ id: string; conversationId: string; consumer: { id: string } }>).find(
    (c) => c.consumer.id === consumer.id,
  );
  if (!customer?.conversationId) throw new Error(`no conversation for the new customer: ${JSON.stringify(list.body)}`);
  return { customerId: customer.id, conversationId: customer.conversationId };
}

export type Frame<T extends ServerFrame['t']> = Extract<ServerFrame, { t: T }>;

/** A user's WebSocket on one node, recording frames, with command helpers. */
export interface LiveSocket extends TestClient {
  hello: Frame<'hello'>;
  /** Sends a command and resolves with its `ack` or `error` frame. */
  command(name: string, data: unknown, timeoutMs?: number): Promise<Frame<'ack'> | Frame<'error'>>;
  /** Calls `listener` with every frame received from now on. */
  onFrame(listener: (frame: ServerFrame) => void): void;
  /** True while the socket is open. */
  isOpen(): boolean;
}

/** Opens `as=<kind>` on a node and waits for `hello`. The socket never syncs on its own: what arrives is live. */
export async function connect(wsUrl: string, user: LiveUser, cookie = user.cookie): Promise<LiveSocket> {
  const client = await connectClient(`${wsUrl}?as=${user.kind}`, { headers: { cookie } });
  const hello = (await client.waitFor((f) => f.t === 'hello', 10_000)) as Frame<'hello'>;
  return Object.assign(client, {
    hello,
    command: async (name: string, data: unknown, timeoutMs = 10_000) => {
      const id = unique('cmd-');
      client.send({ t: 'cmd', id, name, data });
      return (await client.waitFor((f) => (f.t === 'ack' || f.t === 'error') && f.id === id, timeoutMs)) as Frame<'ack'> | Frame<'error'>;
    },
    onFrame: (listener: (frame: ServerFrame) => void) => {
      client.socket.on('message', (data) => {
        for (const frame of parseServerMessage(data.toString())) listener(frame);
      });
    },
    isOpen: () => client.socket.readyState === client.socket.OPEN,
  });
}

/** Predicate: the `message.created` event of `seq` in `conversationId`. */
export const messageEvent = (conversationId: string, seq: number) => (f: ServerFrame) =>
  f.t === 'event' &&
  f.type === 'message.created' &&
  (f.data as { conversationId: string; seq: number }).conversationId === conversationId &&
  (f.data as { seq: number }).seq === seq;

export interface StoredMessage {
  id: string;
  seq: number;
  clientId: string;
  sender: { kind: string; id: string };
  body: { text?: string } | null;
}

/** Every message of a conversation, oldest first, read page by page with `after`. */
export async function readAllMessages(baseUrl: string, user: LiveUser, conversationId: string): Promise<StoredMessage[]> {
  const all: StoredMessage[] = [];
  for (let after = 0; ; ) {
    const page = expectStatus(
      await api(baseUrl, 'GET', `/conversations/${conversationId}/messages?as=${user.kind}&after=${after}&limit=200`, user.cookie),
      200,
      'history',
    );
    all.push(...(page.body.data as StoredMessage[]));
    if (!page.body.more || page.body.data.length === 0) return all;
    after = all[all.length - 1].seq;
  }
}

/** A user's whole event stream (replayed with `sync` pages from 0) and the head `hello` announced. */
export async function readUserStream(wsUrl: string, user: LiveUser): Promise<{ head: number; events: Frame<'event'>[] }> {
  const socket = await connect(wsUrl, user);
  try {
    for (let after = 0, page = 0; ; page++) {
      socket.send({ t: 'sync', after, id: `s${page}` });
      const synced = (await socket.waitFor((f) => f.t === 'synced' && f.id === `s${page}`, 10_000)) as Frame<'synced'>;
      if (!synced.more) return { head: socket.hello.seq, events: socket.events() };
      after = synced.seq;
    }
  } finally {
    await socket.close();
  }
}
