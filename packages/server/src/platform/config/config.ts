import path from 'node:path';

/** Validated server configuration. Every field comes from an environment variable (see README). */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** Where uploaded attachments are stored (local-disk blob store). */
  filesDir: string;
  /** `sqlite:<file>` (default, under DATA_DIR) or `postgres://…` */
  databaseUrl: string;
  redisUrl: string | undefined;
  /** Prefix of the Redis bus channels, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** Extra origins allowed to open the WebSocket besides PUBLIC_URL's. */
  allowedOrigins: string[];
  sessionTtlDays: number;
  /** `web` serves HTTP + WebSocket, `worker` runs jobs. One process runs both by default. */
  services: Set<'web' | 'worker'>;
  webDist: string | undefined;
  logLevel: string;
  cookieSecure: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR || path.join(process.cwd(), 'data'));

  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, 'rapport.db')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with sqlite: or postgres:// (got "${databaseUrl}")`);
  }

  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// (got "${redisUrl}")`);
  const redisPrefix = env.REDIS_PREFIX || 'rapport:';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisPrefix)) {
    problems.push(`REDIS_PREFIX may hold up to 64 letters, digits and _ . : - (got "${redisPrefix}")`);
  }

  let publicUrl = env.PUBLIC_URL || `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  try {
    publicUrl = new URL(publicUrl).origin;
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL such as https://rapport.example.com (got "${publicUrl}")`);
  }

  const allowedOrigins = (env.ALLOWED_ORIGINS || '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

  const services = new Set<'web' | 'worker'>();
  for (const s of (env.SERVICES || 'web,worker').split(',').map((x) => x.trim())) {
    if (s === 'web' || s === 'worker') services.add(s);
    else problems.push(`SERVICES may list web and worker (got "${s}")`);
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host,
    publicUrl,
    dataDir,
    filesDir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
    databaseUrl,
    redisUrl,
    redisPrefix,
    allowedOrigins,
    sessionTtlDays: int('SESSION_TTL_DAYS', 30, 1, 365),
    services,
    webDist: env.WEB_DIST || undefined,
    logLevel,
    cookieSecure: publicUrl.startsWith('https://'),
    ...overrides,
  };
}
