import type { IncomingMessage, ServerResponse } from 'node:http';
import { REALTIME_PATH } from '@rapport/shared';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrincipalKind } from '../auth/actor.js';
import { tokenOf } from '../auth/guard.js';
import { resolveSession } from '../auth/sessions.js';
import type { Config } from '../config/config.js';
import type { Platform } from '../context.js';
import type { App } from '../http/app-types.js';
import { AppError } from '../http/errors.js';
import { type HubOptions, RealtimeHub } from './hub.js';

const WsQuery = Type.Object(
  {
    /** Which session cookie authenticates the socket. */
    as: Type.Union([Type.Literal('member'), Type.Literal('consumer'), Type.Literal('operator')]),
    /** Resume at once: replay events after this seq right after `hello`. */
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);
type WsQueryT = Static<typeof WsQuery>;

declare module 'fastify' {
  interface FastifyInstance {
    /** This node's WebSocket hub (tests and benchmarks read its counters). */
    realtime: RealtimeHub;
  }
}

/** The origins allowed to open the WebSocket: PUBLIC_URL's and ALLOWED_ORIGINS. */
export function allowedOriginsOf(config: Config): Set<string> {
  const origins = new Set<string>();
  for (const value of [config.publicUrl, ...config.allowedOrigins]) {
    const origin = normaliseOrigin(value);
    if (origin) origins.add(origin);
  }
  return origins;
}

function normaliseOrigin(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * GET /api/v1/ws?as=<kind>[&after=<seq>]: the WebSocket endpoint (protocol v1,
 * docs/realtime-protocol.md). The Origin is checked (403) and the session resolved (401)
 * before the upgrade, so a refused client never gets a socket. Registers the hub as `app.realtime`.
 */
export function registerRealtime(app: App, platform: Platform, options: HubOptions = {}): RealtimeHub {
  const hub = new RealtimeHub(platform, options);
  const origins = allowedOriginsOf(platform.config);
  const upgrades = new WeakMap<IncomingMessage, ServerResponse>();
  app.decorate('realtime', hub);
  app.addHook('onClose', async () => hub.close());

  app.get<{ Querystring: WsQueryT }>(
    REALTIME_PATH,
    {
      websocket: true,
      schema: { hide: true, querystring: WsQuery },
      // Browsers always send Origin on WebSocket upgrades; a missing one is a non-browser client.
      onRequest: async (request) => {
        const origin = request.headers.origin;
        if (origin !== undefined && !origins.has(normaliseOrigin(origin) ?? '')) {
          throw new AppError('FORBIDDEN', 'This origin may not open the WebSocket');
        }
      },
      preHandler: async (request: FastifyRequest<{ Querystring: WsQueryT }>, reply: FastifyReply) => {
        const kind: PrincipalKind = request.query.as;
        const token = tokenOf(request, kind);
        const actor = token ? await resolveSession(platform, token, kind) : undefined;
        if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
        request.actor = actor;
        upgrades.set(request.raw, reply.raw);
      },
    },
    (socket, request) => {
      // The upgrade's ServerResponse stays attached to the TCP socket and, through its listeners,
      // keeps the Fastify request and reply alive (~3 KB a connection): nothing is written to it
      // again, so detach it.
      upgrades.get(request.raw)?.detachSocket(request.raw.socket);
      upgrades.delete(request.raw);
      const actor = request.actor;
      if (!actor) return void socket.terminate();
      hub.attach(socket, actor, request.query.after);
    },
  );
  return hub;
}
