import zlib from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { baseUrl, OPERATOR, unique } from './browser.js';

/** A tiny API client for test data: JSON in and out, a cookie jar (one session cookie per principal kind). */
export class ApiClient {
  private readonly jar = new Map<string, string>();

  /** The Cookie header of this client's sessions. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const cookie = this.cookie;
    const response = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const set of response.headers.getSetCookie()) {
      const [pair = ''] = set.split(';');
      const at = pair.indexOf('=');
      this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Signs a browser context in with this client's sessions. */
  async signIn(context: BrowserContext): Promise<void> {
    await context.addCookies([...this.jar].map(([name, value]) => ({ name, value, url: baseUrl() })));
  }
}

export interface VerifiedShop {
  code: string;
  enterpriseId: string;
  admin: ApiClient;
  /** The root department's id. */
  root: string;
  /** The store guide 王芳 (account `fang`), signed in. */
  guide: ApiClient;
  guideId: string;
}

/**
 * 悦享生活馆, verified by the operator, with a contact-ready store guide 王芳 (real-name verified, with
 * customer-contact permission) in the root department, signed in with `guidePassword`.
 */
export async function createVerifiedShop(guidePassword: string): Promise<VerifiedShop> {
  const admin = new ApiClient();
  const code = unique('shop-').toLowerCase();
  const session = await admin.call<{ enterprise: { id: string } }>('POST', '/enterprises', {
    enterpriseName: '悦享生活馆',
    shortName: '悦享',
    code,
    adminName: '赵敏',
    account: 'admin',
    password: 'admin-pass-1',
  });
  const operator = new ApiClient();
  await operator.call('POST', '/sessions/operator', { login: OPERATOR.account, password: OPERATOR.password });
  await operator.call('POST', `/operator/enterprises/${session.enterprise.id}/verify`);
  const { data } = await admin.call<{ data: { id: string; parentId: string | null }[] }>('GET', '/departments');
  const root = data.find((d) => d.parentId === null)?.id ?? '';
  const member = await admin.call<{ id: string }>('POST', '/members', {
    account: 'fang',
    password: guidePassword,
    name: '王芳',
    title: '门店导购',
    departmentIds: [root],
    realNameVerified: true,
    customerContact: true,
  });
  const guide = new ApiClient();
  await guide.call('POST', '/sessions/member', { enterprise: code, login: 'fang', password: guidePassword });
  return { code, enterpriseId: session.enterprise.id, admin, root, guide, guideId: member.id };
}

/** A small PNG (a colour gradient) made here, so an upload needs no fixture file. */
export function gradientPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set([(40 + x) % 256, 193 - (y % 150), 96 + (x % 120)], row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
