/** Test data made through the real API, so factories exercise the same paths users do. */

import type { StoredFileDto } from '@rapport/shared';
import { expect } from 'vitest';
import type { RapportApp } from '../src/app.js';
import type { PrincipalKey } from '../src/platform/realtime/user-events.js';
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

export interface CreatedMember {
  id: string;
  account: string;
  /** Cookie header of the member's own session (only when created with `signIn: true`) */
  cookie: string;
  body: Record<string, unknown>;
}

/** An admin adds a member (role member, in the root department unless told); optionally signs them in. */
export async function createMember(
  app: RapportApp,
  ent: SignedUpEnterprise,
  overrides: Record<string, unknown> = {},
  options: { signIn?: boolean } = {},
): Promise<CreatedMember> {
  const account = (overrides.account as string | undefined) ?? unique('m');
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/members',
    headers: { cookie: ent.cookie },
    payload: { account, password: PASSWORD, name: 'Member', departmentIds: [ent.rootDepartmentId], ...overrides },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json();
  const cookie = options.signIn ? await signInMember(app, ent.code, account) : '';
  return { id: body.id, account, cookie, body };
}

/** Signs a member in and returns the cookie header. */
export async function signInMember(app: RapportApp, enterpriseCode: string, login: string, password = PASSWORD): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/sessions/member',
    payload: { enterprise: enterpriseCode, login, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  return cookieOf(response, 'rapport_member');
}

/** Creates an operator account (or resets its password) and signs it in. */
export async function signInOperator(app: RapportApp, account = 'operator'): Promise<string> {
  const { createOperatorAccount } = await import('../src/modules/identity/index.js');
  await createOperatorAccount(app.platform, account, PASSWORD);
  const response = await app.inject({ method: 'POST', url: '/api/v1/sessions/operator', payload: { login: account, password: PASSWORD } });
  expect(response.statusCode, response.body).toBe(200);
  return cookieOf(response, 'rapport_operator');
}

/** Opens a chat conversation directly through the chat module (friends and customers open theirs through their flows). */
export async function openChat(
  app: RapportApp,
  participants: PrincipalKey[],
  options: { kind?: 'friend' | 'customer'; enterpriseId?: string | null } = {},
): Promise<string> {
  const { openConversation } = await import('../src/modules/chat/index.js');
  const { id } = await app.platform.transaction((uow) =>
    openConversation(uow, {
      kind: options.kind ?? 'friend',
      enterpriseId: options.enterpriseId ?? null,
      participants,
      hasConsumer: participants.some((p) => p.startsWith('consumer:')),
    }),
  );
  return id;
}

/** A text message body for POST /conversations/:id/messages. */
export const textMessage = (text: string, clientId = unique('cid-')) => ({ clientId, kind: 'text', body: { text } });

/** Verifies the enterprise (as the operator would) and adds a signed-in member who may contact consumers. */
export async function makeContactReadyMember(
  app: RapportApp,
  ent: SignedUpEnterprise,
  overrides: Record<string, unknown> = {},
  options: { verify?: boolean } = {},
): Promise<CreatedMember> {
  if (options.verify !== false) {
    const { verifyEnterpriseAsPlatform } = await import('../src/modules/operator/index.js');
    await verifyEnterpriseAsPlatform(app.platform, ent.enterpriseId);
  }
  return createMember(app, ent, { name: 'Guide', realNameVerified: true, customerContact: true, ...overrides }, { signIn: true });
}

/** The member sends a request and the consumer accepts it; returns the request and customer ids. */
export async function addCustomer(
  app: RapportApp,
  member: { cookie: string },
  consumer: { id: string; cookie: string },
): Promise<{ requestId: string; customerId: string }> {
  const sent = await app.inject({
    method: 'POST',
    url: '/api/v1/customer-requests',
    headers: { cookie: member.cookie },
    payload: { consumerId: consumer.id },
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const requestId = sent.json().id as string;
  const accepted = await app.inject({
    method: 'POST',
    url: `/api/v1/customer-requests/${requestId}/accept`,
    headers: { cookie: consumer.cookie },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const list = await app.inject({ method: 'GET', url: '/api/v1/customers?limit=200', headers: { cookie: member.cookie } });
  const customer = (list.json().data as Array<{ id: string; consumer: { id: string } }>).find((c) => c.consumer.id === consumer.id);
  if (!customer) throw new Error('the accepted customer is not in the member list');
  return { requestId, customerId: customer.id };
}

/** Uploads a file as a member or consumer; returns the stored file (its `attachment` is a message body). */
export async function uploadFile(
  app: RapportApp,
  uploader: { cookie: string },
  query: { as: 'member' | 'consumer'; kind: 'image' | 'file' | 'voice'; name: string; durationMs?: number },
  payload: Buffer,
): Promise<StoredFileDto> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/files?${params}`,
    headers: { cookie: uploader.cookie, 'content-type': 'application/octet-stream' },
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
