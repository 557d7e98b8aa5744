import { createHash, timingSafeEqual } from 'node:crypto';
import type { SessionInfoDto } from '@rapport/shared';
import type { Actor, PrincipalKind } from '../../platform/auth/actor.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, revokeSession, revokeSessionsOf } from '../../platform/auth/sessions.js';
import type { Platform } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { newId, newToken } from '../../platform/ids.js';
import {
  findConsumer,
  findConsumerByLogin,
  insertConsumer,
  normalizePhone,
  presentConsumer,
  updateConsumerRow,
} from '../consumers/index.js';
import {
  createEnterpriseWithAdmin,
  findEnterpriseByCode,
  findEnterpriseById,
  findMember,
  findMemberByLogin,
  listMemberDepartmentIds,
  presentEnterprise,
  presentMember,
  updateMemberPassword,
} from '../organisation/index.js';
import {
  countOperators,
  deleteSetting,
  findOperator,
  findOperatorByAccount,
  getSetting,
  insertOperator,
  putSetting,
  updateOperatorPassword,
} from './operators.repository.js';
import { assertNotThrottled, clearFailures, recordFailure, type ThrottleKeys } from './throttle.js';

/** Where a request came from, for throttling and the session record. */
export interface RequestMeta {
  ip: string;
  userAgent?: string;
}

export interface SignedIn {
  token: string;
  kind: PrincipalKind;
  info: SessionInfoDto;
}

const INVALID = () => new AppError('INVALID_CREDENTIALS', 'The account or password is incorrect');

// ---------- enterprises and members ----------

/** Enterprise sign-up: creates the enterprise (unverified), its root department and first admin. */
export async function signUpEnterprise(
  platform: Platform,
  input: {
    enterpriseName: string;
    shortName: string;
    code: string;
    adminName: string;
    account: string;
    password: string;
    phone?: string;
    email?: string;
  },
  meta: RequestMeta,
): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  const { token, memberId } = await platform.transaction(async (uow) => {
    const ids = await createEnterpriseWithAdmin(uow, {
      name: input.enterpriseName,
      shortName: input.shortName,
      code: input.code,
      admin: {
        name: input.adminName,
        account: input.account,
        passwordHash,
        phone: input.phone && normalizePhone(input.phone),
        email: input.email,
      },
    });
    const token = await createSession(platform, uow, { kind: 'member', id: ids.memberId, enterpriseId: ids.enterpriseId }, meta.userAgent);
    return { token, memberId: ids.memberId };
  });
  return { token, kind: 'member', info: await memberSessionInfo(platform, memberId) };
}

export async function signInMember(
  platform: Platform,
  input: { enterprise: string; login: string; password: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  const code = input.enterprise.trim().toLowerCase();
  const login = input.login.trim();
  const keys = throttleKeys('member', `${code}/${login.toLowerCase()}`, meta);
  await assertNotThrottled(platform.db, keys);
  const enterprise = await findEnterpriseByCode(platform.db, code);
  const member = enterprise ? await findMemberByLogin(platform.db, enterprise.id, normalizeLogin(login)) : undefined;
  const ok = await verifyPassword(member?.password_hash, input.password);
  // A disabled or resigned member gets the same answer as a wrong password: no enumeration.
  if (!ok || !member || member.status !== 'active') {
    await recordFailure(platform.db, keys);
    throw INVALID();
  }
  await clearFailures(platform.db, keys);
  const token = await platform.transaction((uow) =>
    createSession(platform, uow, { kind: 'member', id: member.id, enterpriseId: member.enterprise_id }, meta.userAgent),
  );
  return { token, kind: 'member', info: await memberSessionInfo(platform, member.id) };
}

// ---------- consumers ----------

export async function signUpConsumer(
  platform: Platform,
  input: { account?: string; phone?: string; nickname: string; password: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  if (!input.account && !input.phone) {
    throw new AppError('VALIDATION_FAILED', 'Give a phone number or an account name', [{ field: 'phone', message: 'is required' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const now = Date.now();
  const token = await platform.transaction(async (uow) => {
    try {
      await insertConsumer(uow.tx, {
        id,
        account: input.account ?? null,
        phone: input.phone ? normalizePhone(input.phone) : null,
        nickname: input.nickname.trim(),
        avatar_url: null,
        password_hash: passwordHash,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('ACCOUNT_TAKEN', 'This phone number or account name is already registered');
      throw error;
    }
    return createSession(platform, uow, { kind: 'consumer', id, enterpriseId: null }, meta.userAgent);
  });
  return { token, kind: 'consumer', info: await sessionInfo(platform, { kind: 'consumer', id, sessionId: '' }) };
}

export async function signInConsumer(platform: Platform, input: { login: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
  const login = normalizeLogin(input.login.trim());
  const keys = throttleKeys('consumer', login.toLowerCase(), meta);
  await assertNotThrottled(platform.db, keys);
  const consumer = await findConsumerByLogin(platform.db, login);
  const ok = await verifyPassword(consumer?.password_hash, input.password);
  if (!ok || !consumer || consumer.status !== 'active') {
    await recordFailure(platform.db, keys);
    throw INVALID();
  }
  await clearFailures(platform.db, keys);
  const token = await platform.transaction((uow) =>
    createSession(platform, uow, { kind: 'consumer', id: consumer.id, enterpriseId: null }, meta.userAgent),
  );
  return { token, kind: 'consumer', info: await sessionInfo(platform, { kind: 'consumer', id: consumer.id, sessionId: '' }) };
}

// ---------- operators ----------

const SETUP_TOKEN_KEY = 'operator_setup_token_sha256';
const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * On a deployment with no operator, creates a one-time setup token and returns it (printed as a
 * link at start). Returns undefined once an operator exists.
 */
export async function ensureOperatorSetupToken(platform: Platform): Promise<string | undefined> {
  if ((await countOperators(platform.db)) > 0) return undefined;
  const token = newToken(24);
  await putSetting(platform.db, SETUP_TOKEN_KEY, sha256(token).toString('hex'), Date.now());
  return token;
}

/** Redeems the setup token: creates the first operator and signs them in. */
export async function setupOperator(
  platform: Platform,
  input: { token: string; account: string; password: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  const stored = await getSetting(platform.db, SETUP_TOKEN_KEY);
  const given = sha256(input.token);
  if (!stored || !timingSafeEqual(Buffer.from(stored, 'hex'), given)) {
    throw new AppError('SETUP_TOKEN_INVALID', 'This setup link is invalid or has been used');
  }
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const token = await platform.transaction(async (uow) => {
    if ((await countOperators(uow.tx)) > 0) throw new AppError('OPERATOR_EXISTS', 'An operator account already exists');
    await insertOperator(uow.tx, { id, account: input.account, password_hash: passwordHash, created_at: Date.now() });
    await deleteSetting(uow.tx, SETUP_TOKEN_KEY);
    return createSession(platform, uow, { kind: 'operator', id, enterpriseId: null }, meta.userAgent);
  });
  return { token, kind: 'operator', info: { kind: 'operator', operator: { id, account: input.account } } };
}

/** CLI: creates an operator account (or resets its password). */
export async function createOperatorAccount(platform: Platform, account: string, password: string): Promise<'created' | 'updated'> {
  const passwordHash = await hashPassword(password);
  const existing = await findOperatorByAccount(platform.db, account);
  if (existing) {
    await platform.transaction(async (uow) => {
      await updateOperatorPassword(uow.tx, existing.id, passwordHash);
      await revokeSessionsOf(platform, uow, { kind: 'operator', id: existing.id });
    });
    return 'updated';
  }
  await insertOperator(platform.db, { id: newId(), account, password_hash: passwordHash, created_at: Date.now() });
  await deleteSetting(platform.db, SETUP_TOKEN_KEY);
  return 'created';
}

export async function signInOperator(platform: Platform, input: { login: string; password: string }, meta: RequestMeta): Promise<SignedIn> {
  const keys = throttleKeys('operator', input.login.trim().toLowerCase(), meta);
  await assertNotThrottled(platform.db, keys);
  const operator = await findOperatorByAccount(platform.db, input.login.trim());
  if (!(await verifyPassword(operator?.password_hash, input.password)) || !operator) {
    await recordFailure(platform.db, keys);
    throw INVALID();
  }
  await clearFailures(platform.db, keys);
  const token = await platform.transaction((uow) =>
    createSession(platform, uow, { kind: 'operator', id: operator.id, enterpriseId: null }, meta.userAgent),
  );
  return { token, kind: 'operator', info: { kind: 'operator', operator: { id: operator.id, account: operator.account } } };
}

// ---------- every principal ----------

export async function signOut(platform: Platform, actor: Actor): Promise<void> {
  await platform.transaction((uow) => revokeSession(platform, uow, actor.sessionId));
}

/**
 * Changes the actor's password and ends every session, this one included (other devices and
 * their sockets at once); the caller gets a fresh session token.
 */
export async function changePassword(
  platform: Platform,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<string> {
  const currentHash = await storedHashOf(platform, actor);
  if (!(await verifyPassword(currentHash, input.currentPassword)))
    throw new AppError('WRONG_PASSWORD', 'The current password is incorrect');
  if (input.currentPassword === input.newPassword) throw new AppError('WEAK_PASSWORD', 'Choose a password different from the current one');
  const newHash = await hashPassword(input.newPassword);
  return platform.transaction(async (uow) => {
    if (actor.kind === 'member') await updateMemberPassword(uow.tx, actor.enterpriseId, actor.id, newHash);
    else if (actor.kind === 'consumer') await updateConsumerRow(uow.tx, actor.id, { password_hash: newHash, updated_at: Date.now() });
    else await updateOperatorPassword(uow.tx, actor.id, newHash);
    await revokeSessionsOf(platform, uow, actor);
    return createSession(
      platform,
      uow,
      { kind: actor.kind, id: actor.id, enterpriseId: actor.kind === 'member' ? actor.enterpriseId : null },
      meta.userAgent,
    );
  });
}

async function storedHashOf(platform: Platform, actor: Actor): Promise<string | undefined> {
  if (actor.kind === 'member') return (await findMember(platform.db, actor.enterpriseId, actor.id))?.password_hash;
  if (actor.kind === 'consumer') return (await findConsumer(platform.db, actor.id))?.password_hash;
  return (await findOperator(platform.db, actor.id))?.password_hash;
}

/** Who the session belongs to, with their enterprise for members. */
export async function sessionInfo(platform: Platform, actor: Actor): Promise<SessionInfoDto> {
  if (actor.kind === 'member') return memberSessionInfo(platform, actor.id);
  if (actor.kind === 'consumer') {
    const row = await findConsumer(platform.db, actor.id);
    if (!row) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
    return { kind: 'consumer', consumer: presentConsumer(row) };
  }
  const operator = await findOperator(platform.db, actor.id);
  if (!operator) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return { kind: 'operator', operator: { id: operator.id, account: operator.account } };
}

async function memberSessionInfo(platform: Platform, memberId: string): Promise<SessionInfoDto> {
  const member = await platform.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
  const enterprise = member && (await findEnterpriseById(platform.db, member.enterprise_id));
  if (!member || !enterprise) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  const departments = await listMemberDepartmentIds(platform.db, [member.id]);
  return { kind: 'member', member: presentMember(member, departments.get(member.id) ?? []), enterprise: presentEnterprise(enterprise) };
}

const throttleKeys = (kind: PrincipalKind, login: string, meta: RequestMeta): ThrottleKeys => ({
  login: `login:${kind}:${login}`,
  ip: `ip:${meta.ip}`,
});

/** Phone-shaped logins are compared without spaces or dashes. */
const normalizeLogin = (login: string) => (/^\+?[0-9][0-9 -]+$/.test(login) ? normalizePhone(login) : login);
