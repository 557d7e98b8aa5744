/**
 * Stable error codes. Clients branch on `code`; the HTTP status and the WebSocket error frame
 * both come from this one table, and the UI translates the code (i18n key `errors.<CODE>`).
 */
export const ERROR_STATUS = {
  // generic
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // identity
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  ACCOUNT_TAKEN: 409,
  ENTERPRISE_CODE_TAKEN: 409,
  WRONG_PASSWORD: 400,
  WEAK_PASSWORD: 400,
  SETUP_TOKEN_INVALID: 400,
  OPERATOR_EXISTS: 409,
  ACCOUNT_DISABLED: 403,
  // organisation
  ENTERPRISE_NOT_FOUND: 404,
  DEPARTMENT_NOT_FOUND: 404,
  DEPARTMENT_NOT_EMPTY: 409,
  DEPARTMENT_CYCLE: 400,
  ROOT_DEPARTMENT_LOCKED: 409,
  MEMBER_NOT_FOUND: 404,
  MEMBER_ACCOUNT_TAKEN: 409,
  MEMBER_PHONE_TAKEN: 409,
  MEMBER_EMAIL_TAKEN: 409,
  MEMBER_RESIGNED: 409,
  LAST_ADMIN: 409,
  CANNOT_CHANGE_SELF: 409,
  CSV_INVALID: 400,
  CSV_ROWS_INVALID: 422,
  CONSUMER_NOT_FOUND: 404,
  // chat
  CONVERSATION_NOT_FOUND: 404,
  CONVERSATION_CLOSED: 409,
  MESSAGE_NOT_FOUND: 404,
  QUOTED_MESSAGE_NOT_FOUND: 400,
  RECALL_WINDOW_PASSED: 409,
  NOT_SENDER: 403,
  UNKNOWN_COMMAND: 400,
  // friends
  FRIEND_REQUEST_NOT_FOUND: 404,
  CANNOT_ADD_SELF: 400,
  ALREADY_FRIENDS: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const isErrorCode = (value: string): value is ErrorCode => value in ERROR_STATUS;

/** The body of every error response and the `error` field of a WebSocket error frame. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
