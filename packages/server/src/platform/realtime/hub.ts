import { CLOSE_CODES, type ErrorCode, type EventFrame, PROTOCOL_VERSION, REALTIME_LIMITS, type ServerFrame } from '@rapport/shared';
import type { RawData, WebSocket } from 'ws';
import type { Actor, PrincipalKind } from '../auth/actor.js';
import { SESSION_REVOKED_TOPIC, type SessionRevokedMessage } from '../auth/sessions.js';
import { findSession } from '../auth/sessions.repository.js';
import type { Platform } from '../context.js';
import { AppError } from '../http/errors.js';
import { CommandRegistry } from './commands.js';
import { ackText, decodeClientFrame, eventText } from './frames.js';
import {
  lastUserSeq,
  listUserEventsAfter,
  type PrincipalKey,
  principalKey,
  USER_EVENT_TOPIC,
  type UserEventMessage,
  UserEventRefs,
} from './user-events.js';

export interface HubOptions {
  /** Interval of server pings; a socket that has not answered the previous ping is terminated. */
  heartbeatMs?: number;
  /** bufferedAmount + queued bytes above which a socket is a slow consumer (closed 4008). */
  maxBufferedBytes?: number;
  /** Events per replay page. */
  syncPageSize?: number;
  /** Malformed or excess frames tolerated per window before closing 4400. */
  maxBadFrames?: number;
  /** Client frames accepted per window; more are answered RATE_LIMITED (and count as bad). */
  maxFramesPerWindow?: number;
  windowMs?: number;
}

export interface HubStats {
  /** WebSocket messages written (each carries one frame or a batch). */
  messages: number;
  /** Frames written inside those messages. */
  frames: number;
  slowConsumers: number;
  revoked: number;
  gapFills: number;
}

const OPEN = 1;

/**
 * One live socket. Kept deliberately small: a few numbers, two strings shared with the hub's
 * maps, and an outgoing queue that exists only between a delivery and the next flush.
 */
class Connection {
  /** Highest seq queued to this socket in gap-free order (the client's position as the server sees it). */
  cursor = 0;
  /** Highest seq seen on the bus for this principal. */
  maxSeen = 0;
  /** hello not sent yet, a replay running, or waiting for the client's next page: live events are only noted. */
  ready = false;
  replaying = false;
  paced = false;
  pendingSync: { after: number; id?: string } | null = null;
  queue: string[] | null = null;
  queuedBytes = 0;
  dirty = false;
  closed = false;
  alive = true;
  /** Set when the queue was dropped: the client must resync (it is told so by close 4008). */
  needsResync = false;
  windowStart = 0;
  framesInWindow = 0;
  badInWindow = 0;
  expiresAt = Number.POSITIVE_INFINITY;
  /** Commands of one socket run one after another, so a client's sends keep their order. */
  commands: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: WebSocket,
    /** The authenticated actor, passed to command handlers. */
    readonly actor: Actor,
    readonly kind: PrincipalKind,
    readonly principalId: string,
    readonly principal: PrincipalKey,
    readonly sessionId: string,
  ) {}
}

/**
 * Holds this node's sockets by principal and by session, delivers user events from the bus in
 * per-user seq order, replays missed events from the database, and closes revoked sessions.
 *
 * Outgoing frames are serialised once per payload, queued per socket and written once per
 * event-loop tick (a lone frame as an object, several as a JSON array). A socket whose unsent
 * bytes exceed `maxBufferedBytes` loses its queue and is closed 4008; the client resyncs by seq.
 */
export class RealtimeHub {
  readonly stats: HubStats = { messages: 0, frames: 0, slowConsumers: 0, revoked: 0, gapFills: 0 };
  /** Modules register their WebSocket commands here (`hub.commands.register('message.send', …)`). */
  readonly commands = new CommandRegistry();
  /** Modules register how to read back the events they store by reference (`message.created` → its message). */
  readonly eventRefs = new UserEventRefs();
  private readonly connections = new Set<Connection>();
  private readonly byPrincipal = new Map<PrincipalKey, Set<Connection>>();
  private readonly bySession = new Map<string, Set<Connection>>();
  private dirty: Connection[] = [];
  private flushScheduled = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;
  private readonly heartbeatMs: number;
  private readonly maxBufferedBytes: number;
  private readonly syncPageSize: number;
  private readonly maxBadFrames: number;
  private readonly maxFramesPerWindow: number;
  private readonly windowMs: number;

  constructor(
    private readonly platform: Platform,
    options: HubOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? REALTIME_LIMITS.heartbeatMs;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.syncPageSize = options.syncPageSize ?? REALTIME_LIMITS.syncPage;
    this.maxBadFrames = options.maxBadFrames ?? 10;
    this.maxFramesPerWindow = options.maxFramesPerWindow ?? 200;
    this.windowMs = options.windowMs ?? 10_000;
    this.unsubscribe = [
      platform.bus.subscribe(USER_EVENT_TOPIC, (data) => this.onUserEvent(data as UserEventMessage)),
      platform.bus.subscribe(SESSION_REVOKED_TOPIC, (data) => this.closeSessions((data as SessionRevokedMessage).sessionIds)),
    ];
    this.heartbeat = setInterval(() => this.sweep(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Sockets currently held by this node. */
  get size(): number {
    return this.connections.size;
  }

  /** Sockets of one principal on this node. */
  socketsOf(kind: PrincipalKind, id: string): number {
    return this.byPrincipal.get(principalKey(kind, id))?.size ?? 0;
  }

  /**
   * Takes over an authenticated socket: registers it first (so no live event is missed), then
   * checks the session still exists, sends `hello` and, when `after` is given, replays from it.
   */
  attach(socket: WebSocket, actor: Actor, after?: number): void {
    const key = principalKey(actor.kind, actor.id);
    const conn = new Connection(socket, actor, actor.kind, actor.id, key, actor.sessionId);
    this.connections.add(conn);
    addTo(this.byPrincipal, key, conn);
    addTo(this.bySession, actor.sessionId, conn);
    // @fastify/websocket's error listener closes over the Fastify request and reply and would keep
    // them alive as long as the socket (with the upgrade's ServerResponse, detached in
    // realtime.routes.ts, ~3 KB a connection); ours keeps only the connection.
    socket.removeAllListeners('error');
    socket.on('error', () => {
      this.detach(conn);
      socket.terminate();
    });
    socket.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('close', () => this.detach(conn));
    void this.start(conn, after).catch((error) => this.fail(conn, error));
  }

  /** Closes every socket of the given sessions with 4001 (sign-out, password change, disabled account). */
  closeSessions(sessionIds: string[]): void {
    for (const id of sessionIds) {
      const set = this.bySession.get(id);
      if (!set) continue;
      for (const conn of [...set]) {
        this.stats.revoked++;
        this.closeConn(conn, CLOSE_CODES.sessionRevoked, 'session revoked');
      }
    }
  }

  /** Stops timers and bus subscriptions and closes every socket with 1001 (the clients reconnect elsewhere). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const off of this.unsubscribe) off();
    for (const conn of [...this.connections]) this.closeConn(conn, CLOSE_CODES.goingAway, 'server shutting down');
  }

  // ---- connection lifecycle ----

  private async start(conn: Connection, after: number | undefined) {
    const [head, session] = await Promise.all([
      lastUserSeq(this.platform.db, conn.principal),
      findSession(this.platform.db, conn.sessionId),
    ]);
    if (conn.closed) return;
    // Closes the race with a revocation published between authentication and registration.
    if (!session || Number(session.expires_at) <= Date.now()) {
      this.closeConn(conn, CLOSE_CODES.sessionRevoked, 'session revoked');
      return;
    }
    conn.expiresAt = Number(session.expires_at);
    conn.cursor = head;
    this.enqueue(
      conn,
      frameText({
        t: 'hello',
        v: PROTOCOL_VERSION,
        principal: { kind: conn.kind, id: conn.principalId },
        seq: head,
        heartbeatMs: this.heartbeatMs,
      }),
    );
    conn.ready = true;
    if (after !== undefined && after < head) conn.pendingSync = { after };
    await this.runReplays(conn);
  }

  private detach(conn: Connection) {
    if (!this.connections.delete(conn)) return;
    conn.closed = true;
    conn.queue = null;
    removeFrom(this.byPrincipal, conn.principal, conn);
    removeFrom(this.bySession, conn.sessionId, conn);
  }

  /** Closes a socket after writing what is queued for it (the error frame that explains a 4400, say). */
  private closeConn(conn: Connection, code: number, reason: string) {
    if (conn.closed) return;
    const { socket, queue } = conn;
    this.detach(conn);
    if (socket.readyState !== OPEN) {
      socket.terminate();
      return;
    }
    if (queue) socket.send(queue.length === 1 ? queue[0] : `[${queue.join(',')}]`);
    socket.close(code, reason);
  }

  private fail(conn: Connection, error: unknown) {
    this.platform.log.error({ err: error, principal: conn.principal }, 'realtime connection failed');
    this.closeConn(conn, 1011, 'internal error');
  }

  /** Heartbeat: terminate sockets that missed the last ping, ping the rest, end expired sessions. */
  private sweep() {
    const now = Date.now();
    for (const conn of this.connections) {
      if (!conn.alive) {
        this.detach(conn);
        conn.socket.terminate();
        continue;
      }
      if (conn.expiresAt <= now) {
        this.closeConn(conn, CLOSE_CODES.sessionRevoked, 'session expired');
        continue;
      }
      conn.alive = false;
      conn.socket.ping();
    }
  }

  // ---- incoming frames ----

  private onMessage(conn: Connection, data: RawData, isBinary: boolean) {
    if (conn.closed) return;
    conn.alive = true;
    const now = Date.now();
    if (now - conn.windowStart > this.windowMs) {
      conn.windowStart = now;
      conn.framesInWindow = 0;
      conn.badInWindow = 0;
    }
    if (++conn.framesInWindow > this.maxFramesPerWindow) {
      this.reject(conn, 'RATE_LIMITED', 'too many frames; slow down');
      return;
    }
    const decoded = decodeClientFrame(data, isBinary);
    if (!decoded.ok) {
      this.reject(conn, 'VALIDATION_FAILED', decoded.message, decoded.id);
      return;
    }
    const { frame } = decoded;
    if (frame.t === 'ping') {
      this.enqueue(conn, frameText(frame.id === undefined ? { t: 'pong', at: now } : { t: 'pong', id: frame.id, at: now }));
      return;
    }
    if (frame.t === 'cmd') {
      conn.commands = conn.commands.then(() => this.runCommand(conn, frame.id, frame.name, frame.data));
      return;
    }
    // sync: the latest request wins if one is already waiting.
    conn.pendingSync = frame.id === undefined ? { after: frame.after } : { after: frame.after, id: frame.id };
    if (conn.ready && !conn.replaying) void this.runReplays(conn).catch((error) => this.fail(conn, error));
  }

  /** Runs a registered command; answers `ack` with its result or `error` with its code (never closes the socket). */
  private async runCommand(conn: Connection, id: string, name: string, data: unknown) {
    try {
      const result = await this.commands.run(conn.actor, name, data);
      this.enqueue(conn, ackText(id, result));
    } catch (error) {
      if (error instanceof AppError) {
        this.enqueue(conn, frameText({ t: 'error', id, error: { code: error.code, message: error.message } }));
        return;
      }
      this.platform.log.error({ err: error, principal: conn.principal, command: name }, 'realtime command failed');
      this.enqueue(
        conn,
        frameText({ t: 'error', id, error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged' } }),
      );
    }
  }

  private reject(conn: Connection, code: ErrorCode, message: string, id?: string) {
    if (++conn.badInWindow > this.maxBadFrames) {
      this.closeConn(conn, CLOSE_CODES.protocolError, 'too many bad frames');
      return;
    }
    this.enqueue(
      conn,
      frameText(id === undefined ? { t: 'error', error: { code, message } } : { t: 'error', id, error: { code, message } }),
    );
  }

  // ---- delivery ----

  private onUserEvent(message: UserEventMessage) {
    const set = this.byPrincipal.get(message.principal);
    if (!set) return;
    const { seq } = message;
    let text: string | undefined; // made once for every socket of the principal
    for (const conn of set) {
      if (seq > conn.maxSeen) conn.maxSeen = seq;
      if (!conn.ready || conn.replaying || conn.paced || seq <= conn.cursor) continue;
      if (seq === conn.cursor + 1) {
        text ??= eventText(message, message.payload);
        conn.cursor = seq;
        this.enqueue(conn, text);
      } else {
        // A gap (publishes of concurrent commits can overtake each other): read it from the database.
        this.stats.gapFills++;
        void this.runReplays(conn).catch((error) => this.fail(conn, error));
      }
    }
  }

  /**
   * Runs the client's pending sync request (one page, then `synced`) and fills any gap between
   * the cursor and the newest seq seen live, until caught up. Only one runs per socket.
   */
  private async runReplays(conn: Connection) {
    if (conn.replaying) return;
    conn.replaying = true;
    try {
      for (;;) {
        if (conn.closed) return;
        const request = conn.pendingSync;
        if (request) {
          conn.pendingSync = null;
          conn.paced = false;
          conn.cursor = request.after;
          const more = await this.replayPage(conn, request.after);
          if (conn.closed) return;
          this.enqueue(conn, frameText({ t: 'synced', ...(request.id === undefined ? {} : { id: request.id }), seq: conn.cursor, more }));
          // The client paces a long replay: live events wait for its next sync.
          if (more) conn.paced = true;
          continue;
        }
        if (conn.paced || conn.maxSeen <= conn.cursor) return;
        const before = conn.cursor;
        await this.replayPage(conn, conn.cursor);
        if (conn.cursor === before) {
          // Seen on the bus but not in the database (a reset stream?): do not spin.
          this.platform.log.warn(
            { principal: conn.principal, cursor: conn.cursor, seen: conn.maxSeen },
            'realtime gap not found in database',
          );
          conn.maxSeen = conn.cursor;
          return;
        }
      }
    } finally {
      conn.replaying = false;
    }
  }

  /** Queues one page of events after `after`; returns whether more remain. */
  private async replayPage(conn: Connection, after: number): Promise<boolean> {
    const rows = await listUserEventsAfter(this.platform.db, conn.principal, after, this.syncPageSize + 1, this.eventRefs);
    if (conn.closed) return false;
    const more = rows.length > this.syncPageSize;
    const page = more ? rows.slice(0, this.syncPageSize) : rows;
    for (const frame of page) {
      if (conn.closed) return false;
      this.enqueue(conn, frameText(frame));
      conn.cursor = frame.seq;
    }
    return more;
  }

  private enqueue(conn: Connection, text: string) {
    if (conn.closed) return;
    // Approximate bytes by UTF-16 length: exact enough for a memory bound, and free.
    const pending = conn.socket.bufferedAmount + conn.queuedBytes + text.length;
    if (pending > this.maxBufferedBytes) {
      this.stats.slowConsumers++;
      conn.queue = null; // dropped, not flushed: the client resyncs by seq
      conn.queuedBytes = 0;
      conn.needsResync = true;
      const { socket } = conn;
      this.closeConn(conn, CLOSE_CODES.slowConsumer, 'slow consumer; reconnect and sync');
      // The close frame waits behind the unread bytes; do not wait ws's 30 s for it.
      setTimeout(() => socket.terminate(), 2000).unref();
      return;
    }
    if (conn.queue) conn.queue.push(text);
    else conn.queue = [text];
    conn.queuedBytes += text.length;
    if (!conn.dirty) {
      conn.dirty = true;
      this.dirty.push(conn);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flush);
      }
    }
  }

  /** Writes each dirty socket's queue as one message: the frame itself, or `[f1,f2,…]`. */
  private readonly flush = () => {
    const list = this.dirty;
    this.dirty = [];
    this.flushScheduled = false;
    for (const conn of list) {
      conn.dirty = false;
      const queue = conn.queue;
      conn.queue = null;
      conn.queuedBytes = 0;
      if (!queue || conn.closed || conn.socket.readyState !== OPEN) continue;
      conn.socket.send(queue.length === 1 ? queue[0] : `[${queue.join(',')}]`);
      this.stats.messages++;
      this.stats.frames += queue.length;
    }
  };
}

const frameText = (frame: ServerFrame | EventFrame) => JSON.stringify(frame);

function addTo<K>(map: Map<K, Set<Connection>>, key: K, conn: Connection) {
  const set = map.get(key);
  if (set) set.add(conn);
  else map.set(key, new Set([conn]));
}

function removeFrom<K>(map: Map<K, Set<Connection>>, key: K, conn: Connection) {
  const set = map.get(key);
  if (!set) return;
  set.delete(conn);
  if (set.size === 0) map.delete(key);
}
