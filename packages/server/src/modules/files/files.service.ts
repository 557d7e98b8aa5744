import { finished, Readable, Transform, type TransformCallback } from 'node:stream';
import { type AttachmentBodyT, FILE_KINDS, FILE_LIMITS, type FileKindT, maxFileBytes, type StoredFileDto } from '@rapport/shared';
import sharp from 'sharp';
import type { ConsumerActor, MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { type PrincipalKey, principalKey } from '../../platform/realtime/user-events.js';
import { BlobNotFoundError, BlobTooLargeError } from '../../platform/storage/index.js';
import { attachmentOf, presentFile } from './files.presenter.js';
import {
  deleteUnsentFiles as deleteUnsentFileRows,
  type FileRow,
  findReadableFile,
  type GrantRow,
  insertFile,
  insertGrants,
  markFilesKept,
} from './files.repository.js';
import { checkName, declaredDurationMs, SNIFF_BYTES, sniffUpload } from './files.sniff.js';

export const FILES_CLEANUP_JOB = 'files.cleanup';

const thumbnailKey = (id: string) => `${id}.thumb`;
const notFound = () => new AppError('FILE_NOT_FOUND', 'File not found');
const KIND_NAMES = { image: 'An image', voice: 'A voice note', file: 'A file' } as const;
const tooLarge = (kind: FileKindT) =>
  new AppError('FILE_TOO_LARGE', `${KIND_NAMES[kind]} may be at most ${maxFileBytes(kind) / (1024 * 1024)} MB`, {
    maxBytes: maxFileBytes(kind),
  });

export interface UploadInput {
  kind: FileKindT;
  name: string;
  /** Voice notes: the recorded length, used when the container declares none. */
  durationMs?: number;
  /** The request's Content-Length, when it sent one: refuses an oversized upload before reading it. */
  declaredBytes?: number;
}

/**
 * Stores an upload: streams it to the blob store within the kind's size limit, checks its real type from its
 * first bytes, measures images (and makes their thumbnail) and voice notes. The row is written last, so a
 * refused, failed or aborted upload leaves neither a row nor a blob.
 */
export async function uploadFile(
  platform: Platform,
  uploader: MemberActor | ConsumerActor,
  input: UploadInput,
  body: Readable,
  now = Date.now(),
): Promise<StoredFileDto> {
  const { kind } = input;
  const name = cleanName(input.name);
  if (input.durationMs !== undefined && kind !== 'voice') {
    throw new AppError('VALIDATION_FAILED', 'durationMs: only voice notes have a duration');
  }
  if (input.declaredBytes !== undefined && input.declaredBytes > maxFileBytes(kind)) throw tooLarge(kind);
  checkName(kind, name);

  const id = newId(now);
  const storage = platform.storage;
  const head = new HeadCheck((bytes) => sniffUpload(kind, name, bytes));
  let hasThumbnail = false;
  try {
    // pipe, not pipeline: a refusal must not destroy the request, or the client could not read the answer
    // (the route discards what it still sends); a client that goes away fails the store through `finished`.
    // The store attaches to `head` after an await: until then its refusal must not be an unhandled 'error'.
    head.on('error', () => {});
    body.pipe(head);
    finished(body, (error) => {
      if (error) head.destroy(error);
    });
    const stored = await storage.put(id, head, { maxBytes: maxFileBytes(kind) });
    const mime = head.mime as string;
    let width: number | null = null;
    let height: number | null = null;
    let durationMs: number | null = null;
    if (kind === 'image') {
      const image = await measureImage(await readAll(await storage.get(id)), mime);
      ({ width, height } = image);
      await storage.put(thumbnailKey(id), bufferStream(image.thumbnail), { maxBytes: FILE_LIMITS.imageBytes });
      hasThumbnail = true;
    } else if (kind === 'voice') {
      durationMs = voiceDuration(declaredDurationMs(mime, await readAll(await storage.get(id))), input.durationMs);
    }
    const row: FileRow = {
      id,
      enterprise_id: uploader.kind === 'member' ? uploader.enterpriseId : null,
      owner: principalKey(uploader.kind, uploader.id),
      kind,
      name,
      mime,
      size: stored.size,
      width,
      height,
      duration_ms: durationMs,
      sha256: stored.sha256,
      has_thumbnail: hasThumbnail ? 1 : 0,
      created_at: now,
      kept_at: null,
    };
    await insertFile(platform.db, row);
    return presentFile(row);
  } catch (caught) {
    // the store may only have seen the stream close: the reason is the check's refusal
    const error = head.refusal ?? caught;
    await storage.delete(id);
    await storage.delete(thumbnailKey(id));
    if (error instanceof AppError) throw error;
    if (error instanceof BlobTooLargeError) throw tooLarge(kind);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') throw new AppError('BAD_REQUEST', 'The upload was interrupted');
    throw error;
  }
}

/** A display name on one line without path separators (the schema already refused control characters; names never reach the disk). */
function cleanName(name: string): string {
  const cleaned = name.replace(/[\\/]/g, '_').replace(/\s+/g, ' ').trim();
  return cleaned.slice(0, FILE_LIMITS.fileName) || 'file';
}

/** Holds back the first bytes until it knows what the upload is; refuses it before the rest is stored. */
class HeadCheck extends Transform {
  mime: string | undefined;
  refusal: AppError | undefined;
  private chunks: Buffer[] = [];
  private length = 0;
  private decided = false;

  constructor(private readonly check: (head: Buffer) => string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    if (this.decided) return callback(null, chunk);
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length < SNIFF_BYTES) return callback();
    this.decide(callback);
  }

  override _flush(callback: TransformCallback) {
    if (this.decided) return callback();
    this.decide(callback);
  }

  private decide(callback: TransformCallback) {
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    this.decided = true;
    try {
      if (all.length === 0) throw new AppError('FILE_EMPTY', 'The file is empty');
      this.mime = this.check(all.subarray(0, SNIFF_BYTES));
    } catch (error) {
      if (error instanceof AppError) this.refusal = error;
      return callback(error as Error);
    }
    callback(null, all);
  }
}

const SHARP_FORMATS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** An image's displayed size (EXIF rotation applied) and its thumbnail (WebP, ≤ 320 px on the long side). */
async function measureImage(data: Buffer, mime: string) {
  const options = { limitInputPixels: FILE_LIMITS.imagePixels, failOn: 'error' as const };
  let meta: sharp.Metadata;
  try {
    meta = await sharp(data, options).metadata();
  } catch {
    throw new AppError('FILE_UNREADABLE', 'The image could not be read');
  }
  if (meta.format !== SHARP_FORMATS[mime] || !meta.width || !meta.height) {
    throw new AppError('FILE_UNREADABLE', 'The image could not be read');
  }
  if (meta.width * meta.height > FILE_LIMITS.imagePixels) {
    throw new AppError('FILE_TOO_LARGE', `An image may have at most ${FILE_LIMITS.imagePixels} pixels`, {
      maxPixels: FILE_LIMITS.imagePixels,
    });
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? meta.height : meta.width;
  const height = rotated ? meta.width : meta.height;
  let thumbnail: Buffer;
  try {
    thumbnail = await sharp(data, options)
      .rotate()
      .resize({ width: FILE_LIMITS.thumbnailEdge, height: FILE_LIMITS.thumbnailEdge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch {
    throw new AppError('FILE_UNREADABLE', 'The image could not be read');
  }
  return { width, height, thumbnail };
}

/** The stored length of a voice note: what its container declares, else what the recorder measured. */
function voiceDuration(declared: number | undefined, claimed: number | undefined): number {
  const duration = declared ?? claimed;
  if (duration === undefined) {
    throw new AppError('VALIDATION_FAILED', 'durationMs: required for a recording that does not declare its length');
  }
  // Encoders pad a few frames: a declared length may pass the limit by up to a second.
  const limit = FILE_LIMITS.voiceDurationMs + (declared !== undefined ? 1000 : 0);
  if (duration > limit) {
    throw new AppError('VOICE_TOO_LONG', `A voice note may be at most ${FILE_LIMITS.voiceDurationMs / 1000} s long`, {
      maxMs: FILE_LIMITS.voiceDurationMs,
    });
  }
  return Math.min(duration, FILE_LIMITS.voiceDurationMs);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const bufferStream = (data: Buffer): Readable => Readable.from([data]);

/** Who asks to read a file: their principals, and the enterprise whose materials a member may read. */
export interface FileReader {
  principals: PrincipalKey[];
  materialsOf?: string;
}

/**
 * The file if the reader may read it (its uploader, a participant of a conversation it was sent into, or a
 * member of the enterprise it is a material of); 404 otherwise.
 */
export async function getReadableFileOrThrow(platform: Platform, reader: FileReader, id: string): Promise<FileRow> {
  const row = await findReadableFile(platform.db, id, reader.principals, { materialsOf: reader.materialsOf });
  if (!row) throw notFound();
  return row;
}

/** The bytes of a file or of its thumbnail, whole or an inclusive byte range. */
export async function openFileContent(
  platform: Platform,
  row: FileRow,
  variant: 'original' | 'thumbnail',
  range?: { start: number; end: number },
): Promise<Readable> {
  if (variant === 'thumbnail' && !row.has_thumbnail) throw notFound();
  try {
    return await platform.storage.get(variant === 'thumbnail' ? thumbnailKey(row.id) : row.id, range);
  } catch (error) {
    if (!(error instanceof BlobNotFoundError)) throw error;
    platform.log.error({ fileId: row.id, variant }, 'files: the row exists but its blob is missing');
    throw notFound();
  }
}

/** The size of a file's thumbnail (its row holds the original's). */
export async function thumbnailSize(platform: Platform, row: FileRow): Promise<number> {
  const stat = row.has_thumbnail ? await platform.storage.stat(thumbnailKey(row.id)) : undefined;
  if (!stat) throw notFound();
  return stat.size;
}

/** Options of the chat hook. */
export interface AttachOptions {
  /** The database's dialect: on PostgreSQL the file row is locked (FOR KEY SHARE) until the send commits. */
  dialect?: Dialect;
  /** The sender is a member of this enterprise: its materials (welcome message files) may be sent too. */
  materialsOf?: string;
  now?: number;
}

/**
 * The read-only half of the chat hook, for a send path that checks every message before it writes anything:
 * the sender must have uploaded the file or be able to read it already (it was sent into a conversation they
 * take part in, so re-sending and forwarding work; or a material of their enterprise); anything else is FILE_NOT_FOUND, a file of another kind than
 * the message FILE_KIND_MISMATCH. Writes nothing and runs no statement that can fail. Returns the body to store,
 * with the name, size, type, dimensions and length the server measured, whatever the client claimed.
 */
export async function checkAttachment(
  tx: Executor,
  sender: PrincipalKey,
  kind: FileKindT,
  body: Pick<AttachmentBodyT, 'fileId'> & Partial<AttachmentBodyT>,
  options: Pick<AttachOptions, 'dialect' | 'materialsOf'> = {},
): Promise<AttachmentBodyT> {
  const row = await findReadableFile(tx, body.fileId, [sender], { lockOnPostgres: options.dialect, materialsOf: options.materialsOf });
  if (!row) throw notFound();
  if (row.kind !== kind) {
    throw new AppError('FILE_KIND_MISMATCH', `This file was uploaded as ${row.kind}, not ${kind}`, { kind: row.kind });
  }
  return attachmentOf(row);
}

/**
 * Welcome messages (the enterprise's, a member's, a contact way's) keep their attachments: each must be a file
 * the member saving it may send, of the attachment's kind; it becomes a material of the enterprise — kept from
 * the cleanup, and sendable by every member, since the welcome goes out as whichever member the customer adds.
 * Returns the attachments with the server's metadata. Call it in the transaction that saves the welcome.
 */
export async function keepAttachments<A extends { kind: string; body: unknown }>(
  tx: Executor,
  actor: MemberActor,
  attachments: A[],
  now = Date.now(),
): Promise<A[]> {
  const sender = principalKey('member', actor.id);
  const kept: A[] = [];
  for (const attachment of attachments) {
    if (!isFileKind(attachment.kind)) {
      kept.push(attachment);
      continue;
    }
    const body = await checkAttachment(tx, sender, attachment.kind, attachment.body as AttachmentBodyT, {
      materialsOf: actor.enterpriseId,
    });
    kept.push({ ...attachment, body });
  }
  await markFilesKept(
    tx,
    kept.filter((a) => isFileKind(a.kind)).map((a) => (a.body as AttachmentBodyT).fileId),
    now,
  );
  return kept;
}

const isFileKind = (kind: string): kind is FileKindT => (FILE_KINDS as readonly string[]).includes(kind);

/**
 * The writing half: records, in one statement, that checked files were sent into conversations, which lets
 * their participants download them. Duplicates (and files already granted there) are ignored.
 */
export async function grantFiles(tx: Executor, grants: GrantRow[], now = Date.now()): Promise<void> {
  await insertGrants(tx, grants, now);
}

/**
 * The chat hook for one message: call it INSIDE the transaction that stores an image / file / voice message.
 * `checkAttachment` then `grantFiles`: refuses what the sender may not send (FILE_NOT_FOUND, FILE_KIND_MISMATCH),
 * records the grant and returns the body to store (the server's metadata).
 */
export async function attachFileToConversation(
  tx: Executor,
  sender: PrincipalKey,
  conversationId: string,
  kind: FileKindT,
  body: Pick<AttachmentBodyT, 'fileId'> & Partial<AttachmentBodyT>,
  options: AttachOptions = {},
): Promise<AttachmentBodyT> {
  const attachment = await checkAttachment(tx, sender, kind, body, options);
  await insertGrants(tx, [{ fileId: attachment.fileId, conversationId, grantedBy: sender }], options.now ?? Date.now());
  return attachment;
}

/**
 * Deletes files never sent anywhere within FILE_LIMITS.unsentTtlMs (rows first, so a file cannot be sent after
 * its blob went), and temporary files of uploads a crash interrupted. Idempotent.
 */
export async function deleteUnsentFiles(platform: Platform, now = Date.now(), batch = 500): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await deleteUnsentFileRows(platform.db, now - FILE_LIMITS.unsentTtlMs, batch);
    for (const row of rows) {
      try {
        await platform.storage.delete(row.id);
        if (row.has_thumbnail) await platform.storage.delete(thumbnailKey(row.id));
      } catch (err) {
        platform.log.error({ err, fileId: row.id }, 'files: could not delete the blob of an unsent file');
      }
    }
    deleted += rows.length;
    if (rows.length < batch) break;
  }
  await platform.storage.sweep(60 * 60 * 1000, now);
  return deleted;
}

/** Registers the hourly cleanup of unsent files (see `registerJobHandlers` in app.ts). */
export function registerFileJobs(runner: JobRunner, options: { everyMs?: number } = {}): JobRunner {
  return runner
    .register(FILES_CLEANUP_JOB, async (_payload, job) => {
      const deleted = await deleteUnsentFiles(job.platform);
      if (deleted) job.platform.log.info({ deleted }, 'files: deleted unsent files');
    })
    .every(FILES_CLEANUP_JOB, options.everyMs ?? 3_600_000);
}
