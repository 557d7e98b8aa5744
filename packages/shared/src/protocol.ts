/**
 * The WebSocket frame protocol, version 1 (documented in docs/realtime-protocol.md).
 * Every frame is one JSON object with a type `t`. Server frames carrying user events have a
 * per-user, gap-free `seq` so a reconnecting client asks for everything after the last it saw.
 */
export const PROTOCOL_VERSION = 1;

export type ClientFrame = { t: 'sync'; after: number; id?: string } | { t: 'ping'; id?: string };

export type ServerFrame =
  | { t: 'hello'; v: number; principal: { kind: string; id: string }; seq: number; heartbeatMs: number }
  | { t: 'event'; seq: number; type: string; data: unknown; at: number }
  | { t: 'synced'; id?: string; seq: number; more: boolean }
  | { t: 'pong'; id?: string; at: number }
  | { t: 'error'; id?: string; error: { code: string; message: string } };

/** User event types delivered over the WebSocket. */
export const USER_EVENTS = {
  memberUpdated: 'member.updated',
  cardUpdated: 'card.updated',
  enterpriseUpdated: 'enterprise.updated',
  enterpriseVerified: 'enterprise.verified',
  enterpriseUnverified: 'enterprise.unverified',
  consumerUpdated: 'consumer.updated',
} as const;

/** WebSocket close codes used by the server. */
export const CLOSE_CODES = {
  sessionRevoked: 4001,
  unauthenticated: 4401,
  badOrigin: 4403,
  protocolError: 4400,
  slowConsumer: 4008,
} as const;
