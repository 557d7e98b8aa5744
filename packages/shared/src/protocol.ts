/**
 * The WebSocket frame protocol, version 1 (documented in docs/realtime-protocol.md).
 * Every frame is one JSON object with a type `t`. Server frames carrying user events have a
 * per-user, gap-free `seq` so a reconnecting client asks for everything after the last it saw.
 *
 * Batching: the server coalesces the frames of one event-loop tick into one WebSocket message.
 * A server message is therefore either a single frame object or a JSON array of frames, in
 * order; `parseServerMessage` turns either into a list. Client messages are one frame each.
 */
import type { ErrorCode } from './errors.js';

export const PROTOCOL_VERSION = 1;

/** The path of the endpoint; `?as=member|consumer|operator` picks the session cookie, `&after=N` resumes at once. */
export const REALTIME_PATH = '/api/v1/ws';

export type ClientFrame =
  /** Replay my events with seq > after (one page); answered by events then `synced`. */
  | { t: 'sync'; after: number; id?: string }
  /** Application-level liveness check (browsers cannot see WebSocket ping frames); answered by `pong`. */
  | { t: 'ping'; id?: string }
  /** A command registered by a module (`message.send`, …); answered by `ack` or `error` with the same id. */
  | { t: 'cmd'; id: string; name: string; data: unknown };

export type EventFrame = { t: 'event'; seq: number; type: string; data: unknown; at: number };

export type ServerFrame =
  /** First frame of every connection: who you are and the head of your stream. */
  | { t: 'hello'; v: number; principal: { kind: string; id: string }; seq: number; heartbeatMs: number }
  | EventFrame
  /** End of one replay page: `seq` is the last seq replayed (or `after` if none); `more` asks for another `sync`. */
  | { t: 'synced'; id?: string; seq: number; more: boolean }
  | { t: 'pong'; id?: string; at: number }
  /** A command succeeded (and, for mutations, is durable): `data` is its result. */
  | { t: 'ack'; id: string; data: unknown }
  | { t: 'error'; id?: string; error: { code: ErrorCode; message: string } };

/** Sizes and paces of the protocol, shared by server and clients. */
export const REALTIME_LIMITS = {
  /** Largest client message the server reads; larger ones get an error frame (and beyond maxPayload, close 1009). */
  clientFrameBytes: 4096,
  /** Largest `cmd` frame (a 4,000-character message fits). */
  commandFrameBytes: 16 * 1024,
  /** Length of a command name. */
  commandNameLength: 64,
  /** The WebSocket maxPayload of the server. */
  maxPayloadBytes: 16 * 1024,
  /** Events per replay page. */
  syncPage: 500,
  /** The server pings every heartbeat and terminates a socket that did not answer the previous ping. */
  heartbeatMs: 25_000,
  /** Length of an `id` correlation field. */
  idLength: 64,
} as const;

/** User event types delivered over the WebSocket. */
export const USER_EVENTS = {
  memberUpdated: 'member.updated',
  cardUpdated: 'card.updated',
  enterpriseUpdated: 'enterprise.updated',
  enterpriseVerified: 'enterprise.verified',
  enterpriseUnverified: 'enterprise.unverified',
  consumerUpdated: 'consumer.updated',
  messageCreated: 'message.created',
  messageRecalled: 'message.recalled',
  conversationRead: 'conversation.read',
  conversationOpened: 'conversation.opened',
  conversationClosed: 'conversation.closed',
  conversationReopened: 'conversation.reopened',
  friendRequested: 'friend.requested',
  friendAccepted: 'friend.accepted',
} as const;

/** WebSocket commands (`{ t: 'cmd', name }`) and their data schemas in schemas.ts. */
export const COMMANDS = {
  /** data: SendMessageCommand → ack data: ChatMessage (replayed resend: the original). */
  messageSend: 'message.send',
  /** data: MarkReadCommand → ack data: ReadState. */
  conversationRead: 'conversation.read',
  /** data: RecallCommand → ack data: ChatMessage. */
  messageRecall: 'message.recall',
} as const;

/**
 * WebSocket close codes used by the server. 4001 and 4401 mean "sign in again"; every other
 * code means "reconnect with back-off and sync after your last seq".
 */
export const CLOSE_CODES = {
  /** The session was signed out, expired, or its account disabled: do not reconnect. */
  sessionRevoked: 4001,
  /** Reserved: the upgrade is refused with HTTP 401 before a socket exists. */
  unauthenticated: 4401,
  /** Reserved: the upgrade is refused with HTTP 403 before a socket exists. */
  badOrigin: 4403,
  /** Too many malformed or excess frames. */
  protocolError: 4400,
  /** The client did not read fast enough; its queue was dropped. Reconnect and sync. */
  slowConsumer: 4008,
  /** The server is shutting down (standard 1001). Reconnect and sync. */
  goingAway: 1001,
} as const;

/** Splits one server message into its frames (a batch is a JSON array, a lone frame an object). */
export function parseServerMessage(text: string): ServerFrame[] {
  const parsed = JSON.parse(text) as ServerFrame | ServerFrame[];
  return Array.isArray(parsed) ? parsed : [parsed];
}
