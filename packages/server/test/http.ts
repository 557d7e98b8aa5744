/** A terse way to call the API in tests. */
import type { LightMyRequestResponse } from 'fastify';
import type { RapportApp } from '../src/app.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type Call = (method: Method, url: string, cookie?: string, payload?: unknown) => Promise<LightMyRequestResponse>;

/** `call('POST', '/members', cookie, body)` → the response of `/api/v1/members`. */
export const caller =
  (app: () => RapportApp): Call =>
  (method, url, cookie, payload) =>
    app().inject({
      method,
      url: `/api/v1${url}`,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
