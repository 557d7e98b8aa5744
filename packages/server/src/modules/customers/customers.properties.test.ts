/**
 * Property tests: whatever JSON a member sends to POST /customer-requests and PATCH /customers/:id,
 * the API answers with a 2xx or a 4xx carrying an error code — never a 5xx. Bodies mix pure noise
 * and valid bodies with one field mutated (control characters, huge strings, wrong types), which is
 * what gets past the schemas to the service and the database.
 */
import fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { addCustomer, type CreatedMember, makeContactReadyMember, signUpConsumer, signUpEnterprise } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { expectNo5xx, mutated, noise, phoneish } from '../../../test/properties.js';

const runs = (examples: Array<[unknown]> = []) => ({ numRuns: 60, examples });

describeEngines('customers input properties', (ctx) => {
  let guide: CreatedMember;
  let consumerIds: string[];
  let customerId: string;

  beforeAll(async () => {
    const ent = await signUpEnterprise(ctx.app);
    guide = await makeContactReadyMember(ctx.app, ent);
    const consumers = await Promise.all([0, 1, 2].map(() => signUpConsumer(ctx.app)));
    consumerIds = consumers.map((c) => c.id);
    customerId = (await addCustomer(ctx.app, guide, consumers[0])).customerId;
  });

  const inject = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    ctx.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: guide.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify(payload) ?? 'null',
    });

  it('POST /customer-requests never answers 5xx', async () => {
    const valid = fc.record({
      consumerId: fc.constantFrom(...consumerIds, '01hnobody00000000000000000'),
      message: fc.string({ maxLength: 100 }),
      source: fc.constantFrom('search_phone', 'search_account'),
    });
    const body = fc.oneof(noise, mutated(valid, ['consumerId', 'message', 'source']));
    await fc.assert(
      fc.asyncProperty(body, async (payload) => expectNo5xx(await inject('POST', '/customer-requests', payload), payload)),
      runs([
        [{ consumerId: consumerIds[1], message: 'a\u0000b' }],
        [{ consumerId: 'a\u0000b' }],
        [{ consumerId: consumerIds[2], source: 'x' }],
      ]),
    );
  }, 60_000);

  it('PATCH /customers/:id never answers 5xx', async () => {
    const valid = fc.record({
      remark: fc.string({ maxLength: 20 }),
      description: fc.string({ maxLength: 150 }),
      remarkPhones: fc.array(phoneish, { maxLength: 6 }),
      company: fc.string({ maxLength: 100 }),
    });
    const body = fc.oneof(noise, mutated(valid, ['remark', 'description', 'remarkPhones', 'company']));
    await fc.assert(
      fc.asyncProperty(body, async (payload) => expectNo5xx(await inject('PATCH', `/customers/${customerId}`, payload), payload)),
      runs([
        [{ remark: 'a\u0000b' }],
        [{ description: 'a\u0000b' }],
        [{ company: 'a\u0000b' }],
        [{ remarkPhones: ['a\u0000b'] }],
        [{ remarkPhones: ['1380013800\u0000'] }],
      ]),
    );
  }, 60_000);
});
