import { createHash } from 'node:crypto';
import type { Platform } from '../context.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { newToken } from '../ids.js';
import type { Actor, PrincipalKind } from './actor.js';
import { deleteSession, deleteSessionsOf, findSessionWithPrincipal, insertSession, touchSession } from './sessions.repository.js';

/** Bus topic carrying ids of revoked sessions; every node closes their sockets at once. */
export const SESSION_REVOKED_TOPIC = 'rt.session-revoked';
export interface SessionRevokedMessage {
  sessionIds: string[];
}

const TOUCH_EVERY_MS = 60_000;

/** Sessions are stored by the sha256 of their token: a database leak yields no usable cookie. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface Principal {
  kind: PrincipalKind;
  id: string;
  enterpriseId: string | null;
}

/** Creates a session and returns its token (the cookie value). */
export async function createSession(
  platform: Platform,
  uow: UnitOfWork,
  principal: Principal,
  userAgent: string | undefined,
  now = Date.now(),
): Promise<string> {
  const token = newToken();
  await insertSession(uow.tx, {
    id: sessionIdOf(token),
    principal_kind: principal.kind,
    principal_id: principal.id,
    enterprise_id: principal.enterpriseId,
    created_at: now,
    expires_at: now + platform.config.sessionTtlDays * 86_400_000,
    last_seen_at: now,
    user_agent: userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/**
 * Resolves a token to the actor it authenticates, or undefined when the session is unknown,
 * expired, of another kind, or its principal is no longer active.
 */
export async function resolveSession(platform: Platform, token: string, kind?: PrincipalKind): Promise<Actor | undefined> {
  const now = Date.now();
  const row = await findSessionWithPrincipal(platform.db, sessionIdOf(token));
  if (!row || Number(row.expires_at) <= now) return undefined;
  if (kind && row.principal_kind !== kind) return undefined;
  const actor = actorOf(row);
  if (actor && now - Number(row.last_seen_at) > TOUCH_EVERY_MS) await touchSession(platform.db, row.id, now);
  return actor;
}

function actorOf(row: NonNullable<Awaited<ReturnType<typeof findSessionWithPrincipal>>>): Actor | undefined {
  const { id: sessionId, principal_id: id } = row;
  switch (row.principal_kind) {
    case 'member':
      if (row.member_status !== 'active' || !row.member_enterprise_id || !row.member_role) return undefined;
      return { kind: 'member', id, enterpriseId: row.member_enterprise_id, role: row.member_role, sessionId };
    case 'consumer':
      return row.consumer_status === 'active' ? { kind: 'consumer', id, sessionId } : undefined;
    case 'operator':
      return row.operator_id ? { kind: 'operator', id, sessionId } : undefined;
  }
}

/**
 * Ends every session of a principal (optionally keeping one) inside the caller's transaction;
 * after commit every node closes the matching WebSockets.
 */
export async function revokeSessionsOf(
  platform: Platform,
  uow: UnitOfWork,
  principal: { kind: PrincipalKind; id: string },
  exceptSessionId?: string,
): Promise<void> {
  const sessionIds = await deleteSessionsOf(uow.tx, principal.kind, principal.id, exceptSessionId);
  if (sessionIds.length) publishRevoked(platform, uow, sessionIds);
}

export async function revokeSession(platform: Platform, uow: UnitOfWork, sessionId: string): Promise<void> {
  await deleteSession(uow.tx, sessionId);
  publishRevoked(platform, uow, [sessionId]);
}

function publishRevoked(platform: Platform, uow: UnitOfWork, sessionIds: string[]) {
  const message: SessionRevokedMessage = { sessionIds };
  uow.afterCommit(() => platform.bus.publish(SESSION_REVOKED_TOPIC, message));
}
