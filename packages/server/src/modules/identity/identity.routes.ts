import {
  ChangePasswordBody,
  ConsumerSignUpBody,
  EnterpriseSignUpBody,
  MemberSignInBody,
  Ok,
  OperatorSetupBody,
  PrincipalKind,
  SessionInfo,
  SignInBody,
} from '@rapport/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type PrincipalKind as Kind, sessionCookieName } from '../../platform/auth/actor.js';
import { authenticate } from '../../platform/auth/guard.js';
import type { Platform } from '../../platform/context.js';
import type { App } from '../../platform/http/app-types.js';
import {
  changePassword,
  type RequestMeta,
  type SignedIn,
  sessionInfo,
  setupOperator,
  signInConsumer,
  signInMember,
  signInOperator,
  signOut,
  signUpConsumer,
  signUpEnterprise,
} from './identity.service.js';

const KindParams = Type.Object({ kind: PrincipalKind }, { additionalProperties: false });
const tags = ['identity'];

/** Sign-up, sign-in, sign-out, session and password for members, consumers and operators. */
export function identityRoutes(app: App, platform: Platform) {
  const meta = (request: FastifyRequest): RequestMeta => ({ ip: request.ip, userAgent: request.headers['user-agent'] });

  const setCookie = (reply: FastifyReply, kind: Kind, token: string) =>
    reply.setCookie(sessionCookieName(kind), token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: platform.config.cookieSecure,
      maxAge: platform.config.sessionTtlDays * 86_400,
    });

  const signedIn = (reply: FastifyReply, result: SignedIn, status = 200) => {
    setCookie(reply, result.kind, result.token);
    return reply.status(status).send(result.info);
  };

  app.post(
    '/enterprises',
    {
      schema: {
        tags,
        summary: 'Enterprise sign-up: creates the enterprise and its first admin, signed in',
        body: EnterpriseSignUpBody,
        response: { 201: SessionInfo },
      },
    },
    async (request, reply) => signedIn(reply, await signUpEnterprise(platform, request.body, meta(request)), 201),
  );

  app.post(
    '/consumers',
    { schema: { tags, summary: 'Consumer sign-up (Messenger), signed in', body: ConsumerSignUpBody, response: { 201: SessionInfo } } },
    async (request, reply) => signedIn(reply, await signUpConsumer(platform, request.body, meta(request)), 201),
  );

  app.post(
    '/operators',
    {
      schema: {
        tags,
        summary: 'Create the first operator with the one-time setup token',
        body: OperatorSetupBody,
        response: { 201: SessionInfo },
      },
    },
    async (request, reply) => signedIn(reply, await setupOperator(platform, request.body, meta(request)), 201),
  );

  app.post(
    '/sessions/member',
    {
      schema: {
        tags,
        summary: 'Member sign-in (enterprise id + account, phone or email)',
        body: MemberSignInBody,
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => signedIn(reply, await signInMember(platform, request.body, meta(request))),
  );

  app.post(
    '/sessions/consumer',
    { schema: { tags, summary: 'Consumer sign-in (account or phone)', body: SignInBody, response: { 200: SessionInfo } } },
    async (request, reply) => signedIn(reply, await signInConsumer(platform, request.body, meta(request))),
  );

  app.post(
    '/sessions/operator',
    { schema: { tags, summary: 'Operator sign-in', body: SignInBody, response: { 200: SessionInfo } } },
    async (request, reply) => signedIn(reply, await signInOperator(platform, request.body, meta(request))),
  );

  app.get(
    '/sessions/:kind/current',
    { schema: { tags, summary: 'Who is signed in as this kind', params: KindParams, response: { 200: SessionInfo } } },
    async (request) => sessionInfo(platform, await authenticate(platform, request, request.params.kind)),
  );

  app.delete(
    '/sessions/:kind/current',
    { schema: { tags, summary: 'Sign out: ends this session and closes its sockets', params: KindParams, response: { 200: Ok } } },
    async (request, reply) => {
      await signOut(platform, await authenticate(platform, request, request.params.kind));
      reply.clearCookie(sessionCookieName(request.params.kind), { path: '/' });
      return { ok: true as const };
    },
  );

  app.put(
    '/passwords/:kind',
    {
      schema: {
        tags,
        summary: 'Change password: every session of the account ends; this one is replaced',
        params: KindParams,
        body: ChangePasswordBody,
        response: { 200: Ok },
      },
    },
    async (request, reply) => {
      const actor = await authenticate(platform, request, request.params.kind);
      const token = await changePassword(platform, actor, request.body, meta(request));
      setCookie(reply, actor.kind, token);
      return { ok: true as const };
    },
  );
}
