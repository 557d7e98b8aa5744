/**
 * Shared vocabulary of the property tests: strings that break naive code (control characters,
 * NUL, BOM, LIKE wildcards, full-width digits, very long text), bodies with one field spoiled, and
 * the assertion every generated request must pass — a coded 4xx at worst, never a 5xx.
 */

import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0008', '\u001b', '\u007f', 'a', '中', ' ', '\n', '-', '1'), maxLength: 10 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uFEFF', '%', '_', '\\', '"', "'", ';', '/', '../etc', '<script>', '=cmd|x', '０'),
  fc.string({ minLength: 200, maxLength: 3000 }),
);

export const noise = fc.oneof(fc.anything(), fc.jsonValue(), fc.object());

export const phoneish = fc.oneof(nasty, fc.stringMatching(/^\+?[0-9]{5,15}$/));

/**
 * A valid body with one field replaced by something nasty (or removed, or an extra field added):
 * this is what reaches the services and the database, where pure noise stops at the schema.
 */
export const mutated = (valid: fc.Arbitrary<Record<string, unknown>>, keys: string[]) =>
  fc
    .tuple(
      valid,
      fc.constantFrom(...keys, 'extra'),
      fc.oneof({ weight: 4, arbitrary: nasty }, { weight: 1, arbitrary: noise }),
      fc.boolean(),
    )
    .map(([body, key, value, remove]) => {
      const copy: Record<string, unknown> = { ...body };
      if (remove && key in copy) delete copy[key];
      else copy[key] = value;
      return copy;
    });

/** A generated request was answered without a 5xx, and any error carries a code. */
export function expectNo5xx(res: LightMyRequestResponse, body: unknown) {
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)} for ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) expect(typeof res.json().error.code).toBe('string');
}
