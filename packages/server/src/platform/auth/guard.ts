import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../context.js';
import { AppError } from '../http/errors.js';
import type { Actor, PrincipalKind, Requirement } from './actor.js';
import { sessionCookieName } from './actor.js';
import { resolveSession } from './sessions.js';

/** The session token of a request: `Authorization: Bearer <token>` or the kind's cookie. */
export function tokenOf(request: FastifyRequest, kind: PrincipalKind): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies[sessionCookieName(kind)] || undefined;
}

/** Resolves the actor of a request for a requirement, or throws UNAUTHENTICATED / FORBIDDEN. */
export async function authenticate(platform: Platform, request: FastifyRequest, requirement: Requirement): Promise<Actor> {
  const kind: PrincipalKind = requirement === 'admin' ? 'member' : requirement;
  const token = tokenOf(request, kind);
  const actor = token ? await resolveSession(platform, token, kind) : undefined;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  if (requirement === 'admin' && (actor.kind !== 'member' || actor.role !== 'admin')) {
    throw new AppError('FORBIDDEN', 'Only enterprise admins may do this');
  }
  return actor;
}

/** A route pre-handler that sets `request.actor`; read it back with `actorOf(request, kind)`. */
export const requireActor = (platform: Platform, requirement: Requirement) => async (request: FastifyRequest, _reply: FastifyReply) => {
  request.actor = await authenticate(platform, request, requirement);
};

/** The actor set by `requireActor`, narrowed to its kind. */
export function actorOf<K extends PrincipalKind>(request: FastifyRequest, kind: K): Extract<Actor, { kind: K }> {
  const actor = request.actor;
  if (!actor || actor.kind !== kind) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return actor as Extract<Actor, { kind: K }>;
}
