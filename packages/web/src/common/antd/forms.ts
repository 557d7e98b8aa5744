import type { FormInstance } from 'antd';
import { ApiError } from '../api';

interface FieldIssue {
  field: string;
  message: string;
}

const isFieldIssues = (value: unknown): value is FieldIssue[] =>
  Array.isArray(value) && value.every((v) => v && typeof v === 'object' && typeof (v as FieldIssue).field === 'string');

export interface ServerErrorOptions {
  /** The translated message of the error (useErrorMessage()). */
  translate: (error: unknown) => string;
  /** The text shown on a field the server's schema rejected (its own messages are English). */
  invalidText: string;
  /** Error codes that belong to one field, e.g. { ENTERPRISE_CODE_TAKEN: 'code' }. */
  codeFields?: Record<string, string>;
}

/**
 * Puts a server's VALIDATION_FAILED field errors, and field-specific codes, onto the form's
 * fields. Returns true when something was shown on a field, so the caller need not toast too.
 */
export function applyServerErrors<T>(form: FormInstance<T>, error: unknown, options: ServerErrorOptions): boolean {
  if (!(error instanceof ApiError)) return false;
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byCode = options.codeFields?.[error.code];
  if (byCode && registered.has(byCode)) {
    form.setFields([{ name: byCode as never, errors: [options.translate(error)] }]);
    return true;
  }
  if (error.code !== 'VALIDATION_FAILED' || !isFieldIssues(error.details)) return false;
  // The exact field when the form has it (customFields.0.value), else its top-level field.
  const names = new Set<string>();
  for (const issue of error.details) {
    if (registered.has(issue.field)) names.add(issue.field);
    else if (registered.has(issue.field.split('.')[0])) names.add(issue.field.split('.')[0]);
  }
  if (names.size === 0) return false;
  const path = (name: string) => name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  form.setFields([...names].map((name) => ({ name: path(name) as never, errors: [options.invalidText] })));
  return true;
}
