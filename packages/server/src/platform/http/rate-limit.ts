import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export interface RateLimitOptions {
  /** Requests allowed per key and window. */
  limit: number;
  windowMs: number;
  /** The key of a request: the client address by default. */
  keyOf?: (request: FastifyRequest) => string;
  /** Keys remembered at most; the oldest window is dropped first, so memory stays bounded. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * A fixed-window request limit per key, in this process's memory: a cheap guard for public endpoints
 * (a link anyone can open) against scraping and hammering. Each node counts on its own, so across N
 * nodes a client gets at most N × limit — fine for abuse protection; login throttling, which must be
 * exact, lives in the database. Over the limit: 429 RATE_LIMITED with Retry-After.
 */
export function rateLimit(options: RateLimitOptions) {
  const { limit, windowMs, keyOf = (request) => request.ip, maxKeys = 100_000, now = Date.now } = options;
  const windows = new Map<string, { startedAt: number; count: number }>();
  return async (request: FastifyRequest, reply: { header(name: string, value: string): unknown }) => {
    const at = now();
    const key = keyOf(request);
    let window = windows.get(key);
    if (!window || at - window.startedAt >= windowMs) {
      windows.delete(key);
      if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
      window = { startedAt: at, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfterSeconds = Math.ceil((window.startedAt + windowMs - at) / 1000);
      reply.header('retry-after', String(retryAfterSeconds));
      throw new AppError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  };
}
