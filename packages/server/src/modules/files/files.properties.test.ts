/**
 * Property tests: whatever query parameters, headers and bytes reach POST /files (and whatever id, query and Range
 * reach a download), the API answers with a 2xx or a 4xx carrying an error code — never a 5xx — and a refused
 * upload leaves no temporary file behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createMember, type SignedUpEnterprise, signUpConsumer, signUpEnterprise } from '../../../test/factories.js';
import { describeEngines } from '../../../test/harness.js';
import { expectNo5xx, mutated, nasty } from '../../../test/properties.js';
import type { LocalDiskBlobStore } from '../../platform/storage/index.js';
import { exe, mp4Audio, oggOpus, pdf, png, webmAudio } from './files.fixtures.js';

describeEngines('files input properties', (ctx) => {
  let ent: SignedUpEnterprise;
  let member: string;
  let consumer: string;
  let pngBytes: Buffer;
  let fileId: string;

  beforeAll(async () => {
    ent = await signUpEnterprise(ctx.app);
    member = (await createMember(ctx.app, ent, {}, { signIn: true })).cookie;
    consumer = (await signUpConsumer(ctx.app)).cookie;
    pngBytes = await png(12, 8);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/files?as=member&kind=file&name=a.pdf',
      headers: { cookie: member, 'content-type': 'application/pdf' },
      payload: pdf(),
    });
    fileId = res.json().id;
  });

  // A valid query with one parameter spoiled (or dropped, or an extra one), or a valid one as it is.
  const valid = fc.record(
    {
      kind: fc.constantFrom('image', 'file', 'voice'),
      name: fc.constantFrom('photo.png', '语音.webm', '合同 (1).pdf', 'run.exe', '.', '..', '/etc/passwd', 'a\\b.txt', 'x'.repeat(255)),
      durationMs: fc.integer({ min: 1, max: 70_000 }),
    },
    { requiredKeys: ['kind', 'name'] },
  );
  const query = fc.oneof(valid, mutated(valid, ['kind', 'name', 'durationMs', 'as']));
  const body = fc.oneof(
    fc.constantFrom('png', 'pdf', 'exe', 'ogg', 'mp4', 'webm', 'empty', 'text'),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  );
  const bytesOf = (b: string | Buffer): Buffer => {
    if (Buffer.isBuffer(b)) return b;
    switch (b) {
      case 'png':
        return pngBytes;
      case 'pdf':
        return pdf();
      case 'exe':
        return exe();
      case 'ogg':
        return oggOpus(3000);
      case 'mp4':
        return mp4Audio(90_000);
      case 'webm':
        return webmAudio();
      case 'empty':
        return Buffer.alloc(0);
      default:
        return Buffer.from('hello\u0000world');
    }
  };
  const contentType = fc.constantFrom('application/octet-stream', 'image/png', 'application/json', 'text/plain', 'multipart/form-data', '');

  it('POST /files never answers 5xx and leaves no temporary file', async () => {
    await fc.assert(
      fc.asyncProperty(query, body, contentType, fc.boolean(), async (q, b, type, asMember) => {
        const search = new URLSearchParams(Object.entries({ as: asMember ? 'member' : 'consumer', ...q }).map(([k, v]) => [k, String(v)]));
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/files?${search}`,
          headers: { cookie: asMember ? member : consumer, ...(type ? { 'content-type': type } : {}) },
          payload: bytesOf(b),
        });
        expectNo5xx(res, { q, type });
      }),
      { numRuns: 150 },
    );
    const store = ctx.app.platform.storage as LocalDiskBlobStore;
    expect(fs.readdirSync(path.join(store.root, 'tmp'))).toEqual([]);
  }, 120_000);

  it('downloads never answer 5xx, whatever the id, query and Range', async () => {
    const id = fc.oneof(fc.constant(fileId), nasty, fc.string({ maxLength: 60 }));
    const q = fc.record(
      { as: fc.oneof(fc.constantFrom('member', 'consumer'), nasty), download: fc.oneof(fc.constantFrom('1', '0'), nasty) },
      { requiredKeys: [] },
    );
    const range = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=5-', 'bytes=99999999999999999999-', 'bytes=-0', 'bytes=1-0', 'bytes=0-1,2-3'),
      nasty.map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    );
    await fc.assert(
      fc.asyncProperty(id, q, range, fc.boolean(), fc.boolean(), async (fileIdOrNot, query, r, thumbnail, asMember) => {
        const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
        const res = await ctx.app.inject({
          method: 'GET',
          url: `/api/v1/files/${encodeURIComponent(fileIdOrNot)}${thumbnail ? '/thumbnail' : ''}?${search}`,
          headers: { cookie: asMember ? member : consumer, ...(r ? { range: r } : {}) },
        });
        expectNo5xx(res, { fileIdOrNot, query, r });
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
