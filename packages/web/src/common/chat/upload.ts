import { type FileKindT, maxFileBytes, type StoredFileDto } from '@rapport/shared';
import { ApiError } from '../api';
import type { ChatAs } from './merge';

/**
 * Uploads an attachment (`POST /files`, the body is the file itself) and answers the stored file;
 * its `attachment` is the body of the image / file / voice message that sends it. Files over the
 * kind's limit are refused here (FILE_TOO_LARGE) before a byte is sent.
 */
export async function uploadFile(
  as: ChatAs,
  kind: FileKindT,
  file: Blob & { name?: string },
  options: { name?: string; durationMs?: number } = {},
): Promise<StoredFileDto> {
  const max = maxFileBytes(kind);
  if (file.size > max) throw new ApiError(413, 'FILE_TOO_LARGE', 'File too large', { maxBytes: max });
  if (file.size === 0) throw new ApiError(400, 'FILE_EMPTY', 'The file is empty');
  const params = new URLSearchParams({ as, kind, name: options.name ?? file.name ?? kind });
  if (options.durationMs) params.set('durationMs', String(Math.round(options.durationMs)));
  let response: Response;
  try {
    response = await fetch(`/api/v1/files?${params}`, { method: 'POST', credentials: 'same-origin', body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (response.ok) return (await response.json()) as StoredFileDto;
  const payload = await response.json().catch(() => undefined);
  const error = payload?.error;
  throw new ApiError(response.status, error?.code ?? 'INTERNAL', error?.message ?? response.statusText, error?.details);
}
