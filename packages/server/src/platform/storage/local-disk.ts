import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, BlobNotFoundError, type BlobStore, BlobTooLargeError, type PutResult } from './blob-store.js';

/**
 * Blobs as files under one directory: `<root>/<aa>/<bb>/<key>` where aa/bb come from a hash of the key (time-ordered
 * ids would all land in one folder), written to `<root>/tmp` first, fsynced, then renamed into place so a reader
 * never sees half a file and a crash leaves only a temporary file that `sweep` removes.
 */
export class LocalDiskBlobStore implements BlobStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    fs.mkdirSync(this.tmpDir, { recursive: true });
  }

  /** The file of a key (for tests and operators; callers use the interface). */
  pathOf(key: string): string {
    assertBlobKey(key);
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), key);
  }

  async put(key: string, source: Readable, options: { maxBytes: number }): Promise<PutResult> {
    const target = this.pathOf(key);
    const temp = path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const counter = new CountingHash(options.maxBytes);
    // Opened before streaming: a stream that opens lazily could create the file after a failure removed it.
    const out = (await fs.promises.open(temp, 'wx')).createWriteStream();
    try {
      await pipeline(source, counter, out);
      const handle = await fs.promises.open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(temp, target);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    return { size: counter.size, sha256: counter.digest() };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = this.pathOf(key);
    // Open first so a missing blob is an error here, not on the stream after headers went out.
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw error;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    try {
      const stat = await fs.promises.stat(this.pathOf(key));
      return { size: stat.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async sweep(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await fs.promises.readdir(this.tmpDir)) {
      const file = path.join(this.tmpDir, name);
      const stat = await fs.promises.stat(file).catch(() => undefined);
      if (stat && now - stat.mtimeMs > olderThanMs) {
        await fs.promises.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Counts and hashes the bytes going through; fails with BlobTooLargeError past the limit. */
class CountingHash extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(new BlobTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  digest() {
    return this.hash.digest('hex');
  }
}
