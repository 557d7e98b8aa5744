import { AppError } from '../../platform/http/errors.js';

/** Opaque keyset cursor of the conversation list: the activity time and id of the last item. */
export const encodeConversationCursor = (at: number, id: string): string =>
  Buffer.from(JSON.stringify({ v: 1, at, id })).toString('base64url');

export function decodeConversationCursor(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value?.v === 1 && Number.isSafeInteger(value.at) && typeof value.id === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value.id)) {
      return { at: value.at, id: value.id };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: is not a cursor given by a previous page', [{ field: 'cursor', message: 'is invalid' }]);
}
