import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import { REALTIME_LIMITS } from '@rapport/shared';
import Fastify from 'fastify';
import { chatRoutes, registerChatRealtime } from './modules/chat/index.js';
import { consumerRoutes } from './modules/consumers/index.js';
import { contactWayRoutes } from './modules/contact-ways/index.js';
import { customerRoutes } from './modules/customers/index.js';
import { filesRoutes, registerFileJobs } from './modules/files/index.js';
import { friendRoutes } from './modules/friends/index.js';
import { identityRoutes } from './modules/identity/index.js';
import { operatorRoutes } from './modules/operator/index.js';
import { organisationRoutes } from './modules/organisation/index.js';
import { quickReplyRoutes } from './modules/quick-replies/index.js';
import { tagRoutes } from './modules/tags/index.js';
import { registerWelcomeJobs, welcomeRoutes } from './modules/welcome/index.js';
import type { Config } from './platform/config/config.js';
import { createPlatform, type Platform } from './platform/context.js';
import { type Database, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { type Bus, InProcessBus } from './platform/events/bus.js';
import { RedisBus } from './platform/events/redis-bus.js';
import type { App } from './platform/http/app-types.js';
import { errorHandler } from './platform/http/error-handler.js';
import { type JobRunner, registerMaintenance } from './platform/jobs/index.js';
import type { HubOptions } from './platform/realtime/hub.js';
import { registerRealtime } from './platform/realtime/realtime.routes.js';
import type { BlobStore } from './platform/storage/index.js';

export interface BuildOptions {
  /** Reuse an open database (tests, the CLI); otherwise one is opened from config.databaseUrl. */
  database?: Database;
  bus?: Bus;
  /** Run migrations before serving (tests; `main start` migrates explicitly). */
  migrate?: boolean;
  logger?: boolean;
  /** WebSocket hub tuning (tests shorten the heartbeat). */
  realtime?: HubOptions;
  /** Where file contents go; a local-disk store under config.filesDir by default. */
  storage?: BlobStore;
}

export type RapportApp = App & { platform: Platform };

const WEB_DIST_DEFAULT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const SURFACES = ['admin', 'work', 'app', 'operator'];

/** Builds the whole server (REST, WebSocket, web app) without listening. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<RapportApp> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    // Router-level failures (over-long params, bad URLs) get the same error shape as everything else.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = options.database ?? openDatabase(config.databaseUrl);
  if (options.migrate) await migrateToLatest(database.db);
  // Several nodes share events through Redis; one node needs nothing but itself.
  const bus =
    options.bus ??
    (config.redisUrl
      ? new RedisBus(config.redisUrl, { prefix: config.redisPrefix, onError: (err, context) => app.log.error({ err }, context) })
      : new InProcessBus());
  const platform = createPlatform(config, database, bus, app.log, options.storage);
  app.decorate('platform', platform);
  app.addHook('onClose', async () => {
    if (!options.bus) await bus.close();
    if (!options.database) await database.close();
  });

  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: REALTIME_LIMITS.maxPayloadBytes, perMessageDeflate: false } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Rapport API', version: '1', description: 'REST API of Rapport. Errors are `{ error: { code, message } }`.' },
      servers: [{ url: config.publicUrl }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await database.db.selectFrom('enterprises').select('id').limit(1).execute();
    return { status: 'ok', database: database.dialect };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const hub = registerRealtime(app as unknown as App, platform, options.realtime);
  registerChatRealtime(hub, platform);
  await app.register(
    async (api) => {
      const v1 = api as unknown as App;
      identityRoutes(v1, platform);
      organisationRoutes(v1, platform);
      operatorRoutes(v1, platform);
      consumerRoutes(v1, platform);
      customerRoutes(v1, platform);
      chatRoutes(v1, platform);
      friendRoutes(v1, platform);
      tagRoutes(v1, platform);
      quickReplyRoutes(v1, platform);
      welcomeRoutes(v1, platform);
      contactWayRoutes(v1, platform);
      filesRoutes(v1, platform);
    },
    { prefix: '/api/v1' },
  );

  await serveWebApp(app as unknown as App, config.webDist ?? WEB_DIST_DEFAULT);
  return app as unknown as RapportApp;
}

/** Registers every module's job handlers (and the platform's maintenance) on a runner. */
export function registerJobHandlers(runner: JobRunner): JobRunner {
  return registerFileJobs(registerWelcomeJobs(registerMaintenance(runner)));
}

/** Serves the built web app; each surface's deep links fall back to index.html. */
async function serveWebApp(app: App, dist: string) {
  const hasDist = fs.existsSync(path.join(dist, 'index.html'));
  if (hasDist) await app.register(fastifyStatic, { root: dist, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0];
    const surface = pathname.split('/')[1];
    if (request.method === 'GET' && hasDist && (pathname === '/' || SURFACES.includes(surface))) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${pathname}` } });
  });
}
