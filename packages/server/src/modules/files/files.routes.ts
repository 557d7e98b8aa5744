import { Readable } from 'node:stream';
import { FileDownloadQuery, IdParams, StoredFile, UploadFileQuery } from '@rapport/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PrincipalKind } from '../../platform/auth/actor.js';
import { authenticate, tokenOf } from '../../platform/auth/guard.js';
import { resolveSession } from '../../platform/auth/sessions.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import { AppError } from '../../platform/http/errors.js';
import { principalKey } from '../../platform/realtime/user-events.js';
import type { FileRow } from './files.repository.js';
import { type FileReader, getReadableFileOrThrow, openFileContent, thumbnailSize, uploadFile } from './files.service.js';

const tags = ['files'];
const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in to continue');
/** Who may read, resolved before anything else so a stranger learns nothing from validation errors. */
const readers = new WeakMap<FastifyRequest, FileReader>();

const asOf = (request: FastifyRequest): PrincipalKind | 'invalid' | undefined => {
  const as = (request.query as { as?: unknown } | undefined)?.as;
  if (as === undefined) return undefined;
  return as === 'member' || as === 'consumer' ? as : 'invalid';
};

/**
 * Attachments. Upload: the request body is the file itself (any Content-Type: the server sniffs the content),
 * `?as=member|consumer` names the session. Download: the uploader and the participants of a conversation the file
 * was sent into, with either session (a browser may hold both); everyone else gets 404.
 */
export function filesRoutes(app: App, platform: Platform) {
  // Own scope: the upload reads the raw body as a stream, whatever its Content-Type, and no JSON parser runs.
  app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.post(
      '/files',
      {
        onSend: async (request, reply, payload) => {
          if (reply.statusCode >= 400) discardRest(request, reply);
          return payload;
        },
        onRequest: async (request) => {
          const as = asOf(request);
          // without a valid `as` the query schema answers VALIDATION_FAILED
          if (as === 'member' || as === 'consumer') request.actor = await authenticate(platform, request, as);
        },
        schema: {
          tags,
          summary: 'Upload an attachment (the body is the file); put the answer’s `attachment` in a message',
          description:
            'Limits: images (PNG, JPEG, GIF, WebP) 10 MB, voice notes (WebM, Ogg, MP4, MPEG audio) 2 MB and 60 s, files 100 MB and no programs or scripts.',
          querystring: UploadFileQuery,
          response: { 201: StoredFile },
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        if (!actor || actor.kind === 'operator') throw unauthenticated();
        const { kind, name, durationMs } = request.query;
        const length = request.headers['content-length'];
        const declaredBytes = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
        const body = request.body instanceof Readable ? request.body : Readable.from([]);
        const stored = await uploadFile(platform, actor, { kind, name, durationMs, declaredBytes }, body);
        return reply.status(201).send(stored);
      },
    );

    const onRequest = async (request: FastifyRequest) => {
      const as = asOf(request);
      if (as === 'invalid') return; // the query schema answers VALIDATION_FAILED
      const reader: FileReader = { principals: [] };
      for (const kind of as ? [as] : (['member', 'consumer'] as const)) {
        const token = tokenOf(request, kind);
        const actor = token ? await resolveSession(platform, token, kind) : undefined;
        if (actor && actor.kind !== 'operator') reader.principals.push(principalKey(actor.kind, actor.id));
        if (actor?.kind === 'member') reader.materialsOf = actor.enterpriseId;
      }
      if (reader.principals.length === 0) throw unauthenticated();
      readers.set(request, reader);
    };
    const schema = (summary: string) => ({ tags, summary, params: IdParams, querystring: FileDownloadQuery });

    scope.get(
      '/files/:id',
      { onRequest, schema: schema('Download an attachment (Range supported); 404 unless you uploaded it or it was sent to you') },
      async (request, reply) => {
        const row = await getReadableFileOrThrow(platform, readers.get(request) ?? { principals: [] }, request.params.id);
        return sendContent(platform, request, reply, row, 'original', request.query.download === '1');
      },
    );
    scope.get(
      '/files/:id/thumbnail',
      { onRequest, schema: schema('The thumbnail of an image attachment (WebP, ≤ 320 px on the long side)') },
      async (request, reply) => {
        const row = await getReadableFileOrThrow(platform, readers.get(request) ?? { principals: [] }, request.params.id);
        return sendContent(platform, request, reply, row, 'thumbnail', false);
      },
    );
  });
}

/** What a refused upload may still send before its connection is cut. */
const DISCARD_LIMIT = 16 * 1024 * 1024;

/**
 * Node stops reading a request whose answer went out early, and clients that send the whole body before reading
 * the answer (fetch) would wait for ever: let the client finish, throwing its bytes away, then close. Past
 * DISCARD_LIMIT (or 15 s) the connection is cut instead — the web app checks the limits before uploading.
 */
function discardRest(request: FastifyRequest, reply: FastifyReply) {
  const raw = request.raw;
  if (raw.complete || raw.destroyed) return;
  reply.header('connection', 'close');
  let discarded = 0;
  const cut = () => raw.destroy();
  const timer = setTimeout(cut, 15_000);
  timer.unref();
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) cut();
  });
  raw.once('close', () => clearTimeout(timer));
  raw.resume();
}

async function sendContent(
  platform: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
  row: FileRow,
  variant: 'original' | 'thumbnail',
  forceDownload: boolean,
) {
  const thumbnail = variant === 'thumbnail';
  const size = thumbnail ? await thumbnailSize(platform, row) : Number(row.size);
  const etag = `"${row.sha256.slice(0, 32)}${thumbnail ? '-t' : ''}"`;
  const inline = !forceDownload && (thumbnail || row.kind !== 'file');
  const name = thumbnail ? `${row.name.replace(/\.[^.]*$/, '') || 'image'}.webp` : row.name;
  reply
    .header('content-type', thumbnail ? 'image/webp' : row.mime)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', name))
    .header('x-content-type-options', 'nosniff')
    // Nothing a file holds may run as a page of this origin, even opened directly.
    .header('content-security-policy', "default-src 'none'; sandbox")
    // Files never change once stored: browsers keep them, shared caches never (access is per user).
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('etag', etag)
    .header('accept-ranges', thumbnail ? 'none' : 'bytes');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const range = thumbnail ? undefined : parseRange(request.headers.range, size);
  // HEAD answers the headers only; Fastify would read a real stream to its end to throw it away.
  const stream = request.method === 'HEAD' ? Readable.from([]) : await openFileContent(platform, row, variant, range);
  if (range) {
    reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1);
  } else {
    reply.header('content-length', size);
  }
  return reply.send(stream);
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range within the file, or undefined: anything else (several ranges,
 * nonsense, past the end) is answered with the whole file, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header ? /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!match || size === 0) return undefined;
  const [, from, to] = match;
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (to === '' || suffix === 0) return undefined;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start > end || start >= size) return undefined;
  return { start, end };
}

/** `inline|attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987>` so 中文 names survive. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
