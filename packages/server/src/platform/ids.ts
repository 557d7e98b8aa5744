import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A 26-character, time-ordered, URL-safe id (ULID-like, lower-case Crockford base32). */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[randomByte() % 32];
  return time + rand;
}

// Random bytes drawn from a pool refilled 4 KB at a time: one call into the CSPRNG per 256 ids, not one per id.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomByte(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++];
}

/** A random secret token (sessions, setup links), base64url. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
