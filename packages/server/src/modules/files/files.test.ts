import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FILE_LIMITS } from '@rapport/shared';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CreatedMember,
  createMember,
  openChat,
  type SignedUpEnterprise,
  signUpConsumer,
  signUpEnterprise,
} from '../../../test/factories.js';
import { createTestApp, describeEngines } from '../../../test/harness.js';
import { registerJobHandlers } from '../../app.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { type PrincipalKey, principalKey } from '../../platform/realtime/user-events.js';
import { LocalDiskBlobStore } from '../../platform/storage/index.js';
import { exe, gif, jpeg, mp4Audio, oggOpus, pdf, png, webmAudio, webp } from './files.fixtures.js';
import { attachFileToConversation, checkAttachment, deleteUnsentFiles, FILES_CLEANUP_JOB, grantFiles } from './index.js';

interface Uploaded {
  id: string;
  kind: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  url: string;
  thumbnailUrl: string | null;
  attachment: Record<string, unknown>;
}

describeEngines('files', (ctx) => {
  let a: SignedUpEnterprise;
  let b: SignedUpEnterprise;
  let guide: CreatedMember;
  let colleague: CreatedMember;
  let lin: { id: string; cookie: string };
  let stranger: { id: string; cookie: string };
  let customerChat: string;

  beforeAll(async () => {
    a = await signUpEnterprise(ctx.app);
    b = await signUpEnterprise(ctx.app);
    guide = await createMember(ctx.app, a, {}, { signIn: true });
    colleague = await createMember(ctx.app, a, {}, { signIn: true });
    lin = await signUpConsumer(ctx.app);
    stranger = await signUpConsumer(ctx.app);
    customerChat = await openChat(ctx.app, [principalKey('member', guide.id), principalKey('consumer', lin.id)], {
      kind: 'customer',
      enterpriseId: a.enterpriseId,
    });
  });

  const upload = (
    cookie: string | undefined,
    query: Record<string, string | number>,
    payload: Buffer | Readable,
    headers: Record<string, string> = {},
  ) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/files?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
      headers: { 'content-type': 'application/octet-stream', ...(cookie ? { cookie } : {}), ...headers },
      payload,
    });
  const uploadOk = async (cookie: string, query: Record<string, string | number>, payload: Buffer) => {
    const res = await upload(cookie, query, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Uploaded;
  };
  const get = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const attach = (sender: PrincipalKey, conversationId: string, kind: 'image' | 'file' | 'voice', body: Record<string, unknown>) =>
    ctx.app.platform.transaction((uow) =>
      attachFileToConversation(uow.tx, sender, conversationId, kind, body as { fileId: string }, { dialect: ctx.app.platform.dialect }),
    );
  const store = () => ctx.app.platform.storage as LocalDiskBlobStore;
  const blobExists = (key: string) => fs.existsSync(store().pathOf(key));
  const rowCount = async () =>
    Number(
      (
        await ctx.app.platform.db
          .selectFrom('files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const tmpFiles = () => fs.readdirSync(path.join(store().root, 'tmp'));
  const expectError = (res: { statusCode: number; json(): { error: { code: string } }; body: string }, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
  };

  it('stores blobs under FILES_DIR (DATA_DIR/files by default)', () => {
    expect(store().root).toBe(path.join(ctx.dataDir, 'files'));
  });

  describe('auth', () => {
    it('upload and download require a session (401)', async () => {
      expectError(await upload(undefined, { as: 'member', kind: 'image', name: 'a.png' }, await png(10, 10)), 401, 'UNAUTHENTICATED');
      expectError(await upload(undefined, { as: 'consumer', kind: 'file', name: 'a.pdf' }, pdf()), 401, 'UNAUTHENTICATED');
      // a member session does not speak as a consumer
      expectError(await upload(guide.cookie, { as: 'consumer', kind: 'file', name: 'a.pdf' }, pdf()), 401, 'UNAUTHENTICATED');
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 'a.png' }, await png(10, 10));
      expectError(await get(file.url), 401, 'UNAUTHENTICATED');
      expectError(await get(file.thumbnailUrl as string), 401, 'UNAUTHENTICATED');
      expectError(await get(`${file.url}?as=consumer`, guide.cookie), 401, 'UNAUTHENTICATED');
    });

    it('another enterprise, a colleague and a consumer outside the conversation get 404', async () => {
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'plan.pdf' }, pdf());
      for (const cookie of [b.cookie, colleague.cookie, a.cookie, stranger.cookie, lin.cookie]) {
        expectError(await get(file.url, cookie), 404, 'FILE_NOT_FOUND');
      }
      expect((await get(file.url, guide.cookie)).statusCode).toBe(200);
      expectError(await get('/api/v1/files/nosuchfile', guide.cookie), 404, 'FILE_NOT_FOUND');
    });
  });

  describe('images', () => {
    it('measures, thumbnails (≤ 320 px on the long side, WebP) and serves them inline', async () => {
      const bytes = await png(800, 400);
      const file = await uploadOk(lin.cookie, { as: 'consumer', kind: 'image', name: 'shop.png' }, bytes);
      expect(file).toMatchObject({ kind: 'image', name: 'shop.png', mime: 'image/png', size: bytes.length, width: 800, height: 400 });
      expect(file.url).toBe(`/api/v1/files/${file.id}`);
      expect(file.attachment).toEqual({
        fileId: file.id,
        name: 'shop.png',
        size: bytes.length,
        mime: 'image/png',
        width: 800,
        height: 400,
      });

      const original = await get(file.url, lin.cookie);
      expect(original.statusCode).toBe(200);
      expect(original.rawPayload.equals(bytes)).toBe(true);
      expect(original.headers).toMatchObject({
        'content-type': 'image/png',
        'content-length': String(bytes.length),
        'x-content-type-options': 'nosniff',
        'accept-ranges': 'bytes',
      });
      expect(original.headers['content-disposition']).toMatch(/^inline; filename="shop.png"/);
      expect(original.headers['cache-control']).toBe('private, max-age=31536000, immutable');

      const thumb = await get(file.thumbnailUrl as string, lin.cookie);
      expect(thumb.statusCode).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      const meta = await sharp(thumb.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 160]);
    });

    it('accepts JPEG, GIF and WebP; small images keep their size; EXIF rotation swaps the sides', async () => {
      for (const [name, bytes, mime] of [
        ['a.jpg', await jpeg(40, 30), 'image/jpeg'],
        ['b.gif', await gif(40, 30), 'image/gif'],
        ['c.webp', await webp(40, 30), 'image/webp'],
      ] as const) {
        const file = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name }, bytes);
        expect([file.mime, file.width, file.height]).toEqual([mime, 40, 30]);
        const meta = await sharp((await get(file.thumbnailUrl as string, guide.cookie)).rawPayload).metadata();
        expect([meta.width, meta.height]).toEqual([40, 30]);
      }
      const portrait = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 'phone.jpg' }, await jpeg(600, 300, 6));
      expect([portrait.width, portrait.height]).toEqual([300, 600]);
      const meta = await sharp((await get(portrait.thumbnailUrl as string, guide.cookie)).rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([160, 320]);
    });

    it('sniffs the content: a spoofed Content-Type or name is refused (415)', async () => {
      const before = await rowCount();
      expectError(
        await upload(guide.cookie, { as: 'member', kind: 'image', name: 'cat.png' }, pdf(), { 'content-type': 'image/png' }),
        415,
        'FILE_TYPE_NOT_ALLOWED',
      );
      expectError(
        await upload(
          guide.cookie,
          { as: 'member', kind: 'image', name: 'x.svg' },
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
          {
            'content-type': 'image/svg+xml',
          },
        ),
        415,
        'FILE_TYPE_NOT_ALLOWED',
      );
      // A JSON Content-Type is no reason to parse the body as JSON.
      expectError(
        await upload(guide.cookie, { as: 'member', kind: 'image', name: 'x.png' }, Buffer.from('{"a":1}'), {
          'content-type': 'application/json',
        }),
        415,
        'FILE_TYPE_NOT_ALLOWED',
      );
      expect(await rowCount()).toBe(before);
      expect(tmpFiles()).toEqual([]);
    });

    it('refuses a damaged image (422), an empty upload (400) and one over 10 MB (413), leaving nothing', async () => {
      const before = await rowCount();
      const damaged = Buffer.concat([(await png(10, 10)).subarray(0, 16), Buffer.alloc(100, 7)]);
      expectError(await upload(guide.cookie, { as: 'member', kind: 'image', name: 'x.png' }, damaged), 422, 'FILE_UNREADABLE');
      expectError(await upload(guide.cookie, { as: 'member', kind: 'image', name: 'x.png' }, Buffer.alloc(0)), 400, 'FILE_EMPTY');
      const big = Buffer.concat([await png(10, 10), Buffer.alloc(FILE_LIMITS.imageBytes, 1)]);
      // with a Content-Length (refused before reading) and streamed without one (refused at the limit)
      const declared = await upload(guide.cookie, { as: 'member', kind: 'image', name: 'x.png' }, big);
      expectError(declared, 413, 'FILE_TOO_LARGE');
      expect(declared.json().error.details).toEqual({ maxBytes: FILE_LIMITS.imageBytes });
      expectError(
        await upload(guide.cookie, { as: 'member', kind: 'image', name: 'x.png' }, Readable.from(chunks(big))),
        413,
        'FILE_TOO_LARGE',
      );
      expect(await rowCount()).toBe(before);
      expect(tmpFiles()).toEqual([]);
    });
  });

  describe('voice notes', () => {
    it('take the length the container declares (Ogg Opus, MP4), else the recorder’s (WebM)', async () => {
      const ogg = await uploadOk(lin.cookie, { as: 'consumer', kind: 'voice', name: 'voice.ogg' }, oggOpus(5000));
      expect([ogg.mime, ogg.durationMs, ogg.thumbnailUrl]).toEqual(['audio/ogg', 5000, null]);
      expect(ogg.attachment.durationMs).toBe(5000);
      // the container wins over the client's claim
      const m4a = await uploadOk(lin.cookie, { as: 'consumer', kind: 'voice', name: 'voice.m4a', durationMs: 1000 }, mp4Audio(12_345));
      expect([m4a.mime, m4a.durationMs]).toEqual(['audio/mp4', 12_345]);
      const rec = await uploadOk(guide.cookie, { as: 'member', kind: 'voice', name: 'rec.webm', durationMs: 3200 }, webmAudio());
      expect([rec.mime, rec.durationMs]).toEqual(['audio/webm', 3200]);
      const declared = await uploadOk(guide.cookie, { as: 'member', kind: 'voice', name: 'rec.webm' }, webmAudio(4500));
      expect(declared.durationMs).toBe(4500);
      const served = await get(rec.url, guide.cookie);
      expect(served.headers['content-type']).toBe('audio/webm');
      expect(served.headers['content-disposition']).toMatch(/^inline;/);
    });

    it('refuses more than 60 s, more than 2 MB, a missing length and non-audio content', async () => {
      const before = await rowCount();
      expectError(await upload(lin.cookie, { as: 'consumer', kind: 'voice', name: 'v.m4a' }, mp4Audio(75_000)), 400, 'VOICE_TOO_LONG');
      expectError(await upload(lin.cookie, { as: 'consumer', kind: 'voice', name: 'v.ogg' }, oggOpus(62_000)), 400, 'VOICE_TOO_LONG');
      expectError(
        await upload(lin.cookie, { as: 'consumer', kind: 'voice', name: 'v.webm', durationMs: 60_001 }, webmAudio()),
        400,
        'VOICE_TOO_LONG',
      );
      expectError(await upload(lin.cookie, { as: 'consumer', kind: 'voice', name: 'v.webm' }, webmAudio()), 400, 'VALIDATION_FAILED');
      expectError(
        await upload(
          lin.cookie,
          { as: 'consumer', kind: 'voice', name: 'v.webm', durationMs: 5000 },
          webmAudio(undefined, FILE_LIMITS.voiceBytes),
        ),
        413,
        'FILE_TOO_LARGE',
      );
      expectError(
        await upload(lin.cookie, { as: 'consumer', kind: 'voice', name: 'v.ogg', durationMs: 5000 }, await png(5, 5)),
        415,
        'FILE_TYPE_NOT_ALLOWED',
      );
      expectError(
        await upload(lin.cookie, { as: 'consumer', kind: 'file', name: 'v.pdf', durationMs: 5000 }, pdf()),
        400,
        'VALIDATION_FAILED',
      );
      expect(await rowCount()).toBe(before);
    });
  });

  describe('files', () => {
    it('keep a Chinese name through upload, the message body and the download (RFC 5987)', async () => {
      const name = '合同 2026（终稿）.pdf';
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name }, pdf());
      expect([file.name, file.mime, file.attachment.name]).toEqual([name, 'application/pdf', name]);
      const res = await get(file.url, guide.cookie);
      expect(res.headers['content-type']).toBe('application/pdf');
      const disposition = res.headers['content-disposition'] as string;
      expect(disposition.startsWith('attachment; filename="')).toBe(true);
      const star = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] as string;
      expect(decodeURIComponent(star)).toBe(name);
      expect(star).not.toMatch(/[()' ]/);
    });

    it('refuse programs and scripts by content and by extension; allow documents, archives and text', async () => {
      for (const [name, bytes] of [
        ['report.pdf', exe()],
        ['setup.exe', pdf()],
        ['invoice.pdf.exe', pdf()],
        ['RUN.BAT ', Buffer.from('echo hi')],
        ['notes.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')],
        ['page.html', Buffer.from('<script>alert(1)</script>')],
        ['tool.jar', Buffer.from('PK\u0003\u0004rest')],
      ] as const) {
        expectError(await upload(guide.cookie, { as: 'member', kind: 'file', name }, bytes), 415, 'FILE_TYPE_NOT_ALLOWED');
      }
      for (const [name, bytes, mime] of [
        ['notes.txt', Buffer.from('价格表\nline 2\n'), 'text/plain'],
        ['prices.csv', Buffer.from('a,b\n1,2\n'), 'text/csv'],
        ['photos.zip', Buffer.from('PK\u0003\u0004rest of a zip'), 'application/zip'],
        ['offer.docx', Buffer.from('PK\u0003\u0004word'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['data.bin.dat', Buffer.from([0, 1, 2, 3]), 'application/octet-stream'],
      ] as const) {
        const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name }, bytes);
        expect(file.mime).toBe(mime);
        expect(file.width).toBeNull();
      }
    });

    it('pass the 2 MB JSON body limit of the rest of the API (a 3 MB archive)', async () => {
      const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(3 * 1024 * 1024, 5)]);
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'catalogue.zip' }, zip);
      expect([file.size, file.mime]).toEqual([zip.length, 'application/zip']);
      expect((await get(file.url, guide.cookie)).rawPayload.equals(zip)).toBe(true);
    });

    it('serve byte ranges (voice seeking), ETag revalidation and forced downloads', async () => {
      const bytes = pdf('range test body');
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'r.pdf' }, bytes);
      const part = await get(file.url, guide.cookie, { range: 'bytes=2-11' });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 2-11/${bytes.length}`);
      expect(part.rawPayload.equals(bytes.subarray(2, 12))).toBe(true);
      const tail = await get(file.url, guide.cookie, { range: 'bytes=-5' });
      expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 5))).toBe(true);
      for (const range of ['bytes=999999-', 'bytes=0-1,4-5', 'items=1-2', 'bytes=5-2']) {
        const whole = await get(file.url, guide.cookie, { range });
        expect([whole.statusCode, whole.rawPayload.length]).toEqual([200, bytes.length]);
      }
      const first = await get(file.url, guide.cookie);
      const again = await get(file.url, guide.cookie, { 'if-none-match': first.headers.etag as string });
      expect(again.statusCode).toBe(304);
      const image = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 'i.png' }, await png(5, 5));
      expect((await get(`${image.url}?download=1`, guide.cookie)).headers['content-disposition']).toMatch(/^attachment;/);
    });
  });

  describe('the chat hook', () => {
    it('grants the conversation: its participants download the file and the thumbnail, nobody else', async () => {
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 'sample.png' }, await png(640, 480));
      expectError(await get(file.url, lin.cookie), 404, 'FILE_NOT_FOUND');
      const body = await attach(principalKey('member', guide.id), customerChat, 'image', {
        ...file.attachment,
        name: 'renamed-by-client.png',
        size: 1,
        width: 1,
      });
      // the server's metadata, not the client's
      expect(body).toEqual(file.attachment);
      for (const url of [file.url, file.thumbnailUrl as string]) {
        expect((await get(url, lin.cookie)).statusCode).toBe(200);
        expect((await get(`${url}?as=consumer`, lin.cookie)).statusCode).toBe(200);
        expectError(await get(url, stranger.cookie), 404, 'FILE_NOT_FOUND');
        expectError(await get(url, b.cookie), 404, 'FILE_NOT_FOUND');
        expectError(await get(url, colleague.cookie), 404, 'FILE_NOT_FOUND');
      }
      // sending it again into the same conversation is fine (one grant)
      await attach(principalKey('member', guide.id), customerChat, 'image', file.attachment);
      const grants = await ctx.app.platform.db.selectFrom('file_grants').selectAll().where('file_id', '=', file.id).execute();
      expect(grants).toHaveLength(1);
    });

    it('lets a recipient forward a file into another conversation, and refuses files the sender cannot read', async () => {
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'menu.pdf' }, pdf());
      const lin2: PrincipalKey = principalKey('consumer', lin.id);
      // before it was sent to Lin, Lin cannot attach it anywhere
      const friends = await openChat(ctx.app, [lin2, principalKey('consumer', stranger.id)]);
      await expect(attach(lin2, friends, 'file', { fileId: file.id })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      await attach(principalKey('member', guide.id), customerChat, 'file', file.attachment);
      const forwarded = await attach(lin2, friends, 'file', { fileId: file.id });
      expect(forwarded.name).toBe('menu.pdf');
      expect((await get(file.url, stranger.cookie)).statusCode).toBe(200);
      // still nothing for outsiders
      expectError(await get(file.url, colleague.cookie), 404, 'FILE_NOT_FOUND');
    });

    it('refuses a missing file (FILE_NOT_FOUND) and a kind mismatch (FILE_KIND_MISMATCH), granting nothing', async () => {
      const me = principalKey('member', guide.id);
      await expect(attach(me, customerChat, 'image', { fileId: 'nosuchfile' })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      const voice = await uploadOk(guide.cookie, { as: 'member', kind: 'voice', name: 'v.ogg' }, oggOpus(2000));
      await expect(attach(me, customerChat, 'image', voice.attachment)).rejects.toMatchObject({ code: 'FILE_KIND_MISMATCH' });
      // someone else's upload, never sent to this conversation
      const theirs = await uploadOk(colleague.cookie, { as: 'member', kind: 'voice', name: 'c.ogg' }, oggOpus(2000));
      await expect(attach(me, customerChat, 'voice', theirs.attachment)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      const grants = await ctx.app.platform.db
        .selectFrom('file_grants')
        .selectAll()
        .where('file_id', 'in', [voice.id, theirs.id])
        .execute();
      expect(grants).toEqual([]);
    });
  });

  describe('surface', () => {
    it('is in the OpenAPI document; thumbnails exist for images only; HEAD answers headers', async () => {
      const spec = (await get('/api/openapi.json')).json();
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/v1/files', '/api/v1/files/{id}', '/api/v1/files/{id}/thumbnail']),
      );
      const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'doc.pdf' }, pdf());
      expect(file.thumbnailUrl).toBeNull();
      expectError(await get(`${file.url}/thumbnail`, guide.cookie), 404, 'FILE_NOT_FOUND');
      const head = await ctx.app.inject({ method: 'HEAD', url: file.url, headers: { cookie: guide.cookie } });
      expect([head.statusCode, head.headers['content-length'], head.rawPayload.length]).toEqual([200, String(file.size), 0]);
    });

    it('operators do not upload; bad query parameters are 400 with the field', async () => {
      const { signInOperator } = await import('../../../test/factories.js');
      const operator = await signInOperator(ctx.app);
      expectError(await upload(operator, { as: 'member', kind: 'file', name: 'a.pdf' }, pdf()), 401, 'UNAUTHENTICATED');
      expectError(await upload(guide.cookie, { as: 'member', kind: 'video', name: 'a.mp4' }, pdf()), 400, 'VALIDATION_FAILED');
      expectError(await upload(guide.cookie, { as: 'member', kind: 'file', name: ' ' }, pdf()), 400, 'VALIDATION_FAILED');
      expectError(await upload(guide.cookie, { as: 'member', kind: 'file', name: 'x'.repeat(256) }, pdf()), 400, 'VALIDATION_FAILED');
      expectError(await upload(guide.cookie, { as: 'member', kind: 'file' }, pdf()), 400, 'VALIDATION_FAILED');
      // a path in the name is only a name
      const named = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: '../../etc/passwd.txt' }, Buffer.from('x'));
      expect(named.name).toBe('.._.._etc_passwd.txt');
    });
  });

  describe('the two halves of the hook (batched sends)', () => {
    it('checkAttachment writes nothing; grantFiles records many grants in one statement, duplicates ignored', async () => {
      const me = principalKey('member', guide.id);
      const one = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'one.pdf' }, pdf());
      const two = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 'two.png' }, await png(20, 20));
      const other = await openChat(ctx.app, [me, principalKey('consumer', stranger.id)], {
        kind: 'customer',
        enterpriseId: a.enterpriseId,
      });
      await ctx.app.platform.transaction(async (uow) => {
        const checked = await checkAttachment(
          uow.tx,
          me,
          'file',
          { fileId: one.id, name: 'lie.pdf' },
          { dialect: ctx.app.platform.dialect },
        );
        expect(checked).toEqual(one.attachment);
        await expect(checkAttachment(uow.tx, me, 'file', { fileId: two.id })).rejects.toMatchObject({ code: 'FILE_KIND_MISMATCH' });
        const none = await uow.tx.selectFrom('file_grants').select('file_id').where('file_id', 'in', [one.id, two.id]).execute();
        expect(none).toEqual([]);
        await grantFiles(uow.tx, [
          { fileId: one.id, conversationId: customerChat, grantedBy: me },
          { fileId: one.id, conversationId: customerChat, grantedBy: me },
          { fileId: two.id, conversationId: customerChat, grantedBy: me },
          { fileId: two.id, conversationId: other, grantedBy: me },
        ]);
        await grantFiles(uow.tx, [{ fileId: one.id, conversationId: customerChat, grantedBy: me }]);
        await grantFiles(uow.tx, []);
      });
      const grants = await ctx.app.platform.db
        .selectFrom('file_grants')
        .select(['file_id', 'conversation_id'])
        .where('file_id', 'in', [one.id, two.id])
        .execute();
      expect(grants).toHaveLength(3);
      expect((await get(two.url, stranger.cookie)).statusCode).toBe(200);
      expect((await get(one.url, stranger.cookie)).statusCode).toBe(404);
      expect((await get(one.url, lin.cookie)).statusCode).toBe(200);
    });
  });

  describe('cleanup', () => {
    it('deletes files never sent after 24 h (row and blobs) and keeps sent ones', async () => {
      const unsent = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 'u.png' }, await png(30, 30));
      const sent = await uploadOk(guide.cookie, { as: 'member', kind: 'image', name: 's.png' }, await png(30, 30));
      await attach(principalKey('member', guide.id), customerChat, 'image', sent.attachment);
      expect(await deleteUnsentFiles(ctx.app.platform)).toBe(0);
      const deleted = await deleteUnsentFiles(ctx.app.platform, Date.now() + FILE_LIMITS.unsentTtlMs + 60_000);
      expect(deleted).toBeGreaterThanOrEqual(1);
      expect([blobExists(unsent.id), blobExists(`${unsent.id}.thumb`)]).toEqual([false, false]);
      expectError(await get(unsent.url, guide.cookie), 404, 'FILE_NOT_FOUND');
      expect([blobExists(sent.id), blobExists(`${sent.id}.thumb`)]).toEqual([true, true]);
      expect((await get(sent.url, lin.cookie)).statusCode).toBe(200);
    });

    if (ctx.engine === 'postgres') {
      it('never deletes a file a send is attaching at that moment (the row lock and the foreign key)', async () => {
        const me = principalKey('member', guide.id);
        const file = await uploadOk(guide.cookie, { as: 'member', kind: 'file', name: 'race.pdf' }, pdf());
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let attached = () => {};
        const locked = new Promise<void>((resolve) => {
          attached = resolve;
        });
        const sending = ctx.app.platform.transaction(async (uow) => {
          await attachFileToConversation(uow.tx, me, customerChat, 'file', { fileId: file.id }, { dialect: 'postgres' });
          attached();
          await gate;
        });
        await locked;
        const cleaning = deleteUnsentFiles(ctx.app.platform, Date.now() + FILE_LIMITS.unsentTtlMs + 60_000).then(
          (n) => ({ n }),
          (error: unknown) => ({ error }),
        );
        await new Promise((r) => setTimeout(r, 150));
        release();
        await sending;
        // it waited for the send, then the foreign key refused the delete (the job retries later)
        expect(await cleaning).toMatchObject({ error: expect.objectContaining({ code: '23503' }) });
        expect(blobExists(file.id)).toBe(true);
        expect((await get(file.url, lin.cookie)).statusCode).toBe(200);
      });
    }

    it('runs as the durable files.cleanup job', async () => {
      const runner = registerJobHandlers(new JobRunner(ctx.app.platform));
      const { enqueueJob } = await import('../../platform/jobs/index.js');
      const id = await enqueueJob(ctx.app.platform.db, { type: FILES_CLEANUP_JOB });
      while ((await runner.runOnce()) > 0) {
        // until no job is due
      }
      const job = await ctx.app.platform.db
        .selectFrom('jobs')
        .select('status')
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
      expect(job.status).toBe('done');
    });
  });

  it('over real HTTP: a chunked upload is stored; one aborted mid-way leaves no row, no blob and no temporary file', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const image = await png(500, 100);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/files?as=member&kind=image&name=${encodeURIComponent('横幅.png')}`, {
      method: 'POST',
      headers: { cookie: guide.cookie, 'content-type': 'image/png' },
      body: Readable.toWeb(Readable.from(chunks(image, 1000))) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(201);
    const stored = (await res.json()) as Uploaded;
    expect([stored.name, stored.width, stored.height, stored.size]).toEqual(['横幅.png', 500, 100, image.length]);

    // Refusals reach a client that sends the whole body before reading (fetch), with or without a length.
    const refused = async (query: string, body: Buffer, cookie: string | undefined, chunked: boolean) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/files?${query}`, {
        method: 'POST',
        headers: cookie ? { cookie } : {},
        body: chunked ? Readable.toWeb(Readable.from(chunks(body))) : body,
        duplex: 'half',
        signal: AbortSignal.timeout(15_000),
      } as RequestInit);
      return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
    };
    const big = Buffer.concat([image, Buffer.alloc(FILE_LIMITS.imageBytes, 1)]);
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(3 * 1024 * 1024, 0x90)]);
    for (const chunked of [false, true]) {
      expect(await refused('as=member&kind=image&name=big.png', big, guide.cookie, chunked)).toEqual([413, 'FILE_TOO_LARGE']);
      expect(await refused('as=member&kind=file&name=setup.pdf', program, guide.cookie, chunked)).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
      expect(await refused('as=member&kind=file&name=a.zip', program, undefined, chunked)).toEqual([401, 'UNAUTHENTICATED']);
      expect(await refused('as=member&kind=nope&name=a.zip', program, guide.cookie, chunked)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(tmpFiles()).toEqual([]);

    const before = await rowCount();
    const head = await png(10, 10);
    let midway: string[] = [];
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/files?as=member&kind=file&name=big.zip',
        headers: { cookie: guide.cookie, 'content-type': 'application/zip', 'content-length': String(5 * 1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.write(Buffer.concat([Buffer.from('PK\u0003\u0004'), head, Buffer.alloc(512 * 1024, 3)]), () => {
        setTimeout(() => {
          midway = tmpFiles();
          req.destroy();
          resolve();
        }, 100);
      });
    });
    expect(midway).toHaveLength(1); // the upload was being written when it was cut
    for (let i = 0; i < 50 && tmpFiles().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(tmpFiles()).toEqual([]);
    expect(await rowCount()).toBe(before);
  });
});

function* chunks(data: Buffer, size = 256 * 1024) {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('LocalDiskBlobStore', () => {
  it('shards keys, refuses path-like keys, and leaves nothing when a put fails', async () => {
    const root = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'rapport-blobs-'));
    const blobs = new LocalDiskBlobStore(root);
    const put = await blobs.put('abc', Readable.from([Buffer.from('hello')]), { maxBytes: 10 });
    expect(put.size).toBe(5);
    expect(path.relative(root, blobs.pathOf('abc')).split(path.sep)).toHaveLength(3);
    expect(await blobs.stat('abc')).toEqual({ size: 5 });
    expect(Buffer.concat(await (await blobs.get('abc', { start: 1, end: 3 })).toArray()).toString()).toBe('ell');
    await expect(blobs.put('big', Readable.from([Buffer.alloc(11)]), { maxBytes: 10 })).rejects.toThrow(/larger than 10/);
    const failing = new Readable({
      read() {
        this.destroy(new Error('client went away'));
      },
    });
    await expect(blobs.put('gone', failing, { maxBytes: 10 })).rejects.toThrow('client went away');
    expect([await blobs.stat('big'), await blobs.stat('gone')]).toEqual([undefined, undefined]);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
    for (const key of ['../x', 'a/b', '', '.', 'a..b', 'x'.repeat(100)]) expect(() => blobs.pathOf(key)).toThrow(/invalid blob key/);
    await blobs.delete('abc');
    await blobs.delete('abc');
    await expect(blobs.get('abc')).rejects.toThrow(/no blob/);
    fs.writeFileSync(path.join(root, 'tmp', 'stale'), 'x');
    expect(await blobs.sweep(60_000, Date.now() + 120_000)).toBe(1);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('FILES_DIR', () => {
  it('puts uploads where it says, and buildApp accepts another store', async () => {
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-files-dir-'));
    const built = await createTestApp('sqlite', { FILES_DIR: dir });
    try {
      expect(built.app.platform.config.filesDir).toBe(dir);
      const consumer = await signUpConsumer(built.app);
      const res = await built.app.inject({
        method: 'POST',
        url: '/api/v1/files?as=consumer&kind=file&name=a.txt',
        headers: { cookie: consumer.cookie },
        payload: Buffer.from('hello'),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(fs.existsSync((built.app.platform.storage as LocalDiskBlobStore).pathOf(res.json().id))).toBe(true);
      expect((built.app.platform.storage as LocalDiskBlobStore).root).toBe(dir);
    } finally {
      await built.close();
    }
    const other = new LocalDiskBlobStore(path.join(dir, 'injected'));
    const injected = await createTestApp('sqlite', {}, { storage: other });
    try {
      expect(injected.app.platform.storage).toBe(other);
    } finally {
      await injected.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
