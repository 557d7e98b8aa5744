import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite under DATA_DIR on port 3000', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/rapport-x' });
    expect(config.databaseUrl).toBe('sqlite:/tmp/rapport-x/rapport.db');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect([...config.services]).toEqual(['web', 'worker']);
    expect(config.cookieSecure).toBe(false);
    expect(config.redisPrefix).toBe('rapport:');
  });

  it('lists every problem at once with the variable names', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        PUBLIC_URL: 'not a url',
        SERVICES: 'web,cron',
        LOG_LEVEL: 'loud',
        REDIS_PREFIX: 'has space',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'PUBLIC_URL', 'SERVICES', 'LOG_LEVEL', 'REDIS_PREFIX']) expect(problems).toContain(name);
  });

  it('uses secure cookies behind an https PUBLIC_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://rapport.example.com/some/path' });
    expect(config.publicUrl).toBe('https://rapport.example.com');
    expect(config.cookieSecure).toBe(true);
  });
});
