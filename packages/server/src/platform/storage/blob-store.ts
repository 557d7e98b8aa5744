import type { Readable } from 'node:stream';

/**
 * Where file contents live. Keys are chosen by the server (ids it generated), never by users. The local disk
 * implementation is the default; an object store (S3, MinIO, OSS) can implement the same five calls.
 */
export interface BlobStore {
  /**
   * Streams `source` into `key`. The blob appears whole or not at all: a source that errors, aborts or passes
   * `maxBytes` (BlobTooLargeError) leaves nothing behind. Overwrites an existing blob of the same key.
   */
  put(key: string, source: Readable, options: { maxBytes: number }): Promise<PutResult>;
  /** The blob's bytes, or the inclusive byte range; BlobNotFoundError when there is no such blob. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** The blob's size, or undefined when there is none. */
  stat(key: string): Promise<{ size: number } | undefined>;
  /** Removes the blob; removing a missing blob is not an error. */
  delete(key: string): Promise<void>;
  /** Removes the leftovers of uploads interrupted by a crash (temporary files older than `olderThanMs`). */
  sweep(olderThanMs: number, now?: number): Promise<number>;
}

export interface PutResult {
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob larger than ${maxBytes} bytes`);
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no blob ${key}`);
  }
}

const KEY = /^[A-Za-z0-9_-]{1,64}(\.[a-z0-9]{1,16})?$/;

/** Refuses keys that could address anything but one blob (paths, dots, separators). */
export function assertBlobKey(key: string) {
  if (!KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
}
