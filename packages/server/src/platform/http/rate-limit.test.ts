import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './rate-limit.js';

const request = (ip: string) => ({ ip }) as FastifyRequest;
const reply = () => {
  const headers: Record<string, string> = {};
  return {
    headers,
    header(name: string, value: string) {
      headers[name] = value;
    },
  };
};

describe('rateLimit', () => {
  it('lets `limit` requests per key and window through, then refuses with RATE_LIMITED and Retry-After', async () => {
    let now = 1_000_000;
    const guard = rateLimit({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) await guard(request('10.0.0.1'), reply());
    const refused = reply();
    await expect(guard(request('10.0.0.1'), refused)).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } });
    expect(refused.headers['retry-after']).toBe('60');
    await guard(request('10.0.0.2'), reply()); // another key has its own window
    now += 60_000;
    await guard(request('10.0.0.1'), reply()); // a new window
  });

  it('remembers at most maxKeys keys, dropping the oldest', async () => {
    const guard = rateLimit({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    await guard(request('a'), reply());
    await guard(request('b'), reply());
    await guard(request('c'), reply()); // forgets a
    await guard(request('a'), reply());
    await expect(guard(request('c'), reply())).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
