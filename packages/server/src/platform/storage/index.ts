/** Blob storage for file contents: the interface and the local-disk implementation. */
export { assertBlobKey, BlobNotFoundError, type BlobStore, BlobTooLargeError, type PutResult } from './blob-store.js';
export { LocalDiskBlobStore } from './local-disk.js';
