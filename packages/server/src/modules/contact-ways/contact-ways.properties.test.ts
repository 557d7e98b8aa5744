/**
 * Property tests: whatever JSON an admin sends to POST /contact-ways (and a consumer to a link), the API
 * answers with a 2xx or a 4xx carrying an error code — never a 5xx. Bodies mix pure noise and valid
 * bodies with one field mutated.
 */
import fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { type CreatedMember, makeContactReadyMember, type SignedUpEnterprise, signUpEnterprise } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { expectNo5xx, mutated, nasty, noise } from '../../../test/properties.js';

const runs = (examples: Array<[unknown, boolean]> = []) => ({ numRuns: 80, examples });

describeEngines('contact ways input properties', (ctx) => {
  let ent: SignedUpEnterprise;
  let guide: CreatedMember;
  let other: CreatedMember;

  beforeAll(async () => {
    ent = await signUpEnterprise(ctx.app);
    guide = await makeContactReadyMember(ctx.app, ent);
    other = await makeContactReadyMember(ctx.app, ent);
  });

  const inject = (cookie: string, payload: unknown) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/contact-ways',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify(payload) ?? 'null',
    });

  it('POST /contact-ways never answers 5xx (admin and member)', async () => {
    const memberId = () => fc.constantFrom(guide.id, other.id, '01hnobody00000000000000000');
    const window = fc.record({
      weekday: fc.integer({ min: -1, max: 7 }),
      start: fc.constantFrom('00:00', '09:30', '24:00', '25:00', 'x'),
      end: fc.constantFrom('00:00', '18:00', '24:00', '9:00'),
    });
    const valid = fc.record({
      type: fc.constantFrom('single', 'multi'),
      memberIds: fc.array(memberId(), { minLength: 1, maxLength: 3 }),
      name: fc.string({ maxLength: 70 }),
      skipVerify: fc.boolean(),
      state: fc.string({ maxLength: 32 }),
      remark: fc.string({ maxLength: 22 }),
      tagIds: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
      welcome: fc.option(fc.record({ text: fc.string({ maxLength: 50 }), attachments: fc.constant([]) })),
      dailyCapPerMember: fc.integer({ min: -2, max: 20_000 }),
      schedules: fc.array(fc.record({ memberId: memberId(), windows: fc.array(window, { maxLength: 3 }) }), { maxLength: 2 }),
    });
    const keys = ['type', 'memberIds', 'name', 'skipVerify', 'state', 'remark', 'tagIds', 'welcome', 'dailyCapPerMember', 'schedules'];
    const body = fc.oneof(noise, mutated(valid, keys));
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (payload, asAdmin) =>
        expectNo5xx(await inject(asAdmin ? ent.cookie : guide.cookie, payload), payload),
      ),
      runs([
        [{ type: 'single', name: 'a\u0000b', memberIds: [guide.id] }, true],
        [{ type: 'single', name: 'x', state: 'a\u0000b', memberIds: [guide.id] }, true],
        [{ type: 'single', name: 'x', memberIds: ['a\u0000b'] }, true],
        [{ type: 'multi', name: 'x', memberIds: [guide.id], tagIds: ['a\u0000b'] }, true],
      ]),
    );
  }, 60_000);

  it('contact links never answer 5xx, whatever the token', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.string({ maxLength: 80 })), async (token) => {
        const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/contact-links/${encodeURIComponent(token)}` });
        expectNo5xx(res, token);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
