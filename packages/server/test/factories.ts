/** Test data made through the real API, so factories exercise the same paths users do. */
import { expect } from 'vitest';
import type { RapportApp } from '../src/app.js';
import { cookieOf } from './harness.js';

let counter = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export const PASSWORD = 'correct-horse-1';

export interface SignedUpEnterprise {
  enterpriseId: string;
  code: string;
  adminId: string;
  rootDepartmentId: string;
  /** Cookie header of the admin's session */
  cookie: string;
}

export async function signUpEnterprise(app: RapportApp, overrides: Record<string, unknown> = {}): Promise<SignedUpEnterprise> {
  const code = unique('ent-');
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/enterprises',
    payload: {
      enterpriseName: `Store ${code}`,
      shortName: 'Store',
      code,
      adminName: 'Admin',
      account: 'admin',
      password: PASSWORD,
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  return {
    enterpriseId: body.enterprise.id,
    code: body.enterprise.code,
    adminId: body.member.id,
    rootDepartmentId: body.member.departmentIds[0],
    cookie: cookieOf(response, 'rapport_member'),
  };
}

export async function signUpConsumer(app: RapportApp, overrides: Record<string, unknown> = {}) {
  const account = unique('c');
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/consumers',
    payload: { account, nickname: 'Lin', password: PASSWORD, ...overrides },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json().consumer.id as string, account, cookie: cookieOf(response, 'rapport_consumer') };
}
