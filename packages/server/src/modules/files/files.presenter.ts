import { type AttachmentBodyT, fileThumbnailUrl, fileUrl, type StoredFileDto } from '@rapport/shared';
import type { FileRow } from './files.repository.js';

/** The message body that sends a stored file: the server's metadata, never the client's. */
export function attachmentOf(row: FileRow): AttachmentBodyT {
  return {
    fileId: row.id,
    name: row.name,
    size: Number(row.size),
    mime: row.mime,
    ...(row.width !== null ? { width: row.width } : {}),
    ...(row.height !== null ? { height: row.height } : {}),
    ...(row.duration_ms !== null ? { durationMs: row.duration_ms } : {}),
  };
}

/** The one wire shape of a stored file (owner, enterprise and hash stay inside). */
export function presentFile(row: FileRow): StoredFileDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    mime: row.mime,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    url: fileUrl(row.id),
    thumbnailUrl: row.has_thumbnail ? fileThumbnailUrl(row.id) : null,
    createdAt: Number(row.created_at),
    attachment: attachmentOf(row),
  };
}
