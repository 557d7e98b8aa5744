import { ERROR_STATUS, type ErrorCode } from '@rapport/shared';

/** A business error with a stable code; the HTTP and WebSocket layers map it to a status / frame. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (code: ErrorCode, what: string) => new AppError(code, `${what} not found`);
