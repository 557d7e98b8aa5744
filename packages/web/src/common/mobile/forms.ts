import { Account, HttpUrl, Phone } from '@rapport/shared';
import { ApiError } from '../api';

/** A form field path as antd and antd-mobile forms take it: ['customFields', 0, 'value']. */
export type FieldPath = (string | number)[];

export interface ServerFieldError {
  /** The field's path in the form. */
  path: FieldPath;
  /** True when the error code itself belongs to the field (ACCOUNT_TAKEN on phone), false for a schema failure. */
  byCode: boolean;
}

const isIssueList = (value: unknown): value is { field: string }[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && typeof (v as { field?: unknown }).field === 'string');

const toPath = (field: string): FieldPath => field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * The fields of a form a server error points at: VALIDATION_FAILED details (`{field}` dotted
 * paths) that name one of `fields`, or an error code tied to one field (`codeFields`). Empty when
 * the error belongs to the whole form, so the caller shows it as a message instead.
 */
export function serverFieldErrors(
  error: unknown,
  fields: readonly string[],
  codeFields: Partial<Record<string, string>> = {},
): ServerFieldError[] {
  if (!(error instanceof ApiError)) return [];
  const byCode = codeFields[error.code];
  if (byCode && fields.includes(byCode)) return [{ path: [byCode], byCode: true }];
  if (error.code !== 'VALIDATION_FAILED' || !isIssueList(error.details)) return [];
  const seen = new Set<string>();
  const result: ServerFieldError[] = [];
  for (const issue of error.details) {
    const path = toPath(issue.field);
    if (!fields.includes(String(path[0])) || seen.has(issue.field)) continue;
    seen.add(issue.field);
    result.push({ path, byCode: false });
  }
  return result;
}

/** The patterns of the wire schemas themselves, so a form rejects exactly what the server would. */
export const PATTERNS = {
  phone: new RegExp(Phone.pattern ?? ''),
  account: new RegExp(Account.pattern ?? ''),
  httpUrl: new RegExp(HttpUrl.pattern ?? ''),
  notBlank: /\S/,
} as const;

/** Length bounds of the same schemas (LIMITS holds the maxima; minima live on the schemas). */
export const MIN_LENGTH = { phone: Phone.minLength ?? 0, account: Account.minLength ?? 0 } as const;
