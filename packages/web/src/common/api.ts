import type { ErrorCode } from '@rapport/shared';

/** An error answered by the API: branch on `code`, show `t('errors.<code>')`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the REST API under /api/v1 with the session cookie; throws ApiError on failure. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Network error');
  }
  if (response.ok) {
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
  }
  const payload = await response.json().catch(() => undefined);
  const error = payload?.error;
  throw new ApiError(response.status, error?.code ?? 'INTERNAL', error?.message ?? response.statusText, error?.details);
}

/** Builds a query string from defined, non-empty values; arrays repeat their key. */
export function query(params: Record<string, string | number | boolean | readonly string[] | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // arrays repeat the key (`tagIds=a&tagIds=b`), which is how the API reads them
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
