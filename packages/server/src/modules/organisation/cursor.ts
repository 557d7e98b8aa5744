import { AppError } from '../../platform/http/errors.js';

/**
 * Keyset cursors: the id of the last item of a page, wrapped so clients treat it as opaque and
 * the server can change what it holds later (`v`).
 */
export const encodeCursor = (lastId: string): string => Buffer.from(JSON.stringify({ v: 1, id: lastId })).toString('base64url');

/** The id a cursor carries; an empty cursor is the first page; anything not made here is VALIDATION_FAILED. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value?.v === 1 && typeof value.id === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value.id)) return value.id;
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: is not a cursor given by a previous page', [{ field: 'cursor', message: 'is invalid' }]);
}

/** The rows of a page and the cursor of the next one, from `limit + 1` fetched rows. */
export function splitPage<Row extends { id: string }>(rows: Row[], limit: number): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1].id) };
}
