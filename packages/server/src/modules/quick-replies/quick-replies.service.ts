import {
  type CreateQuickReplyInput,
  QUICK_REPLY_LIMITS,
  type QuickReplyDto,
  type QuickReplyGroupDto,
  type QuickReplyQueryT,
  type QuickReplyScopeT,
  type QuickReplySearchDto,
  type UpdateQuickReplyInput,
} from '@rapport/shared';
import type { MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { lockEnterprise } from '../organisation/index.js';
import { presentQuickReply, presentQuickReplyGroup } from './quick-replies.presenter.js';
import {
  countGroups,
  countReplies,
  deleteGroup,
  deleteReply,
  findGroup,
  findReply,
  insertGroup,
  insertReply,
  type Library,
  listGroups,
  type QuickReplyGroupRow,
  type QuickReplyRow,
  renameGroup,
  searchReplies,
  updateReplyRow,
} from './quick-replies.repository.js';

const libraryOf = (actor: MemberActor, scope: QuickReplyScopeT): Library => ({
  enterpriseId: actor.enterpriseId,
  ownerMemberId: scope === 'enterprise' ? null : actor.id,
});

const librariesOf = (actor: MemberActor, scope: QuickReplyScopeT | 'all' | undefined): Library[] =>
  scope === 'enterprise' || scope === 'personal'
    ? [libraryOf(actor, scope)]
    : [libraryOf(actor, 'enterprise'), libraryOf(actor, 'personal')];

/** Everyone reads the enterprise library; only admins change it. */
function assertCanWrite(actor: MemberActor, scope: QuickReplyScopeT): void {
  if (scope === 'enterprise' && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins edit the enterprise library');
}

/** Someone else's personal item (or another enterprise's) is not found; an enterprise item needs an admin to change. */
function visible(actor: MemberActor, row: { owner_member_id: string | null } | undefined): row is { owner_member_id: string | null } {
  return row !== undefined && (row.owner_member_id === null || row.owner_member_id === actor.id);
}

const scopeOf = (row: { owner_member_id: string | null }): QuickReplyScopeT => (row.owner_member_id === null ? 'enterprise' : 'personal');

async function groupInLibraryOrThrow(
  db: Executor,
  actor: MemberActor,
  groupId: string,
  scope: QuickReplyScopeT,
): Promise<QuickReplyGroupRow> {
  const group = await findGroup(db, actor.enterpriseId, groupId);
  if (!group || !visible(actor, group) || scopeOf(group) !== scope) throw notFound('QUICK_REPLY_GROUP_NOT_FOUND', 'Quick reply group');
  return group;
}

// ---------- replies ----------

/** Search my libraries (title and text, case ignored); results grouped by scope and group. */
export async function searchQuickReplies(platform: Platform, actor: MemberActor, query: QuickReplyQueryT): Promise<QuickReplySearchDto> {
  const libraries = librariesOf(actor, query.scope);
  const q = query.q?.trim() || undefined;
  const [rows, groups] = await Promise.all([
    searchReplies(platform.db, libraries, q, QUICK_REPLY_LIMITS.itemsPerLibrary * libraries.length),
    listGroups(platform.db, libraries),
  ]);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const buckets = new Map<string, QuickReplySearchDto['data'][number]>();
  for (const row of rows) {
    const scope = scopeOf(row);
    const key = `${scope}:${row.group_id ?? ''}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { scope, groupId: row.group_id, groupName: row.group_id ? (names.get(row.group_id) ?? null) : null, items: [] };
      buckets.set(key, bucket);
    }
    bucket.items.push(presentQuickReply(row));
  }
  // enterprise first, then personal; ungrouped after the groups
  const order = (b: QuickReplySearchDto['data'][number]) =>
    `${b.scope === 'enterprise' ? 0 : 1}${b.groupId === null ? 1 : 0}${b.groupId ?? ''}`;
  return { data: [...buckets.values()].sort((x, y) => order(x).localeCompare(order(y))) };
}

export async function createQuickReply(platform: Platform, actor: MemberActor, input: CreateQuickReplyInput): Promise<QuickReplyDto> {
  assertCanWrite(actor, input.scope);
  return platform.transaction(async ({ tx }) => {
    if (input.groupId) await groupInLibraryOrThrow(tx, actor, input.groupId, input.scope);
    const library = libraryOf(actor, input.scope);
    // the lock serialises creations so the library cap holds
    await lockEnterprise(tx, actor.enterpriseId);
    if ((await countReplies(tx, library)) >= QUICK_REPLY_LIMITS.itemsPerLibrary) {
      throw new AppError('QUICK_REPLY_LIMIT', 'The library is full', { limit: QUICK_REPLY_LIMITS.itemsPerLibrary });
    }
    const now = Date.now();
    const row: QuickReplyRow = {
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      owner_member_id: library.ownerMemberId,
      group_id: input.groupId ?? null,
      title: input.title.trim(),
      text: input.text,
      created_at: now,
      updated_at: now,
    };
    await insertReply(tx, row);
    return presentQuickReply(row);
  });
}

async function replyToChangeOrThrow(db: Executor, actor: MemberActor, id: string): Promise<QuickReplyRow> {
  const row = await findReply(db, actor.enterpriseId, id);
  if (!row || !visible(actor, row)) throw notFound('QUICK_REPLY_NOT_FOUND', 'Quick reply');
  assertCanWrite(actor, scopeOf(row));
  return row;
}

export async function updateQuickReply(
  platform: Platform,
  actor: MemberActor,
  id: string,
  input: UpdateQuickReplyInput,
): Promise<QuickReplyDto> {
  return platform.transaction(async ({ tx }) => {
    const row = await replyToChangeOrThrow(tx, actor, id);
    if (input.groupId) await groupInLibraryOrThrow(tx, actor, input.groupId, scopeOf(row));
    const patch: Partial<QuickReplyRow> = {
      ...(input.title !== undefined && { title: input.title.trim() }),
      ...(input.text !== undefined && { text: input.text }),
      ...(input.groupId !== undefined && { group_id: input.groupId }),
      updated_at: Date.now(),
    };
    await updateReplyRow(tx, id, patch);
    return presentQuickReply({ ...row, ...patch });
  });
}

export async function deleteQuickReply(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async ({ tx }) => {
    await replyToChangeOrThrow(tx, actor, id);
    await deleteReply(tx, id);
    return { ok: true as const };
  });
}

// ---------- groups ----------

export async function listQuickReplyGroups(
  platform: Platform,
  actor: MemberActor,
  scope: QuickReplyScopeT | 'all' | undefined,
): Promise<{ data: QuickReplyGroupDto[] }> {
  return { data: (await listGroups(platform.db, librariesOf(actor, scope))).map(presentQuickReplyGroup) };
}

export async function createQuickReplyGroup(
  platform: Platform,
  actor: MemberActor,
  input: { scope: QuickReplyScopeT; name: string },
): Promise<QuickReplyGroupDto> {
  assertCanWrite(actor, input.scope);
  return platform.transaction(async ({ tx }) => {
    const library = libraryOf(actor, input.scope);
    await lockEnterprise(tx, actor.enterpriseId);
    if ((await countGroups(tx, library)) >= QUICK_REPLY_LIMITS.groupsPerLibrary) {
      throw new AppError('QUICK_REPLY_LIMIT', 'The library has too many groups', { limit: QUICK_REPLY_LIMITS.groupsPerLibrary });
    }
    const now = Date.now();
    const row: QuickReplyGroupRow = {
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      owner_member_id: library.ownerMemberId,
      name: input.name.trim(),
      created_at: now,
    };
    await insertGroup(tx, row);
    return presentQuickReplyGroup(row);
  });
}

async function groupToChangeOrThrow(db: Executor, actor: MemberActor, id: string): Promise<QuickReplyGroupRow> {
  const group = await findGroup(db, actor.enterpriseId, id);
  if (!group || !visible(actor, group)) throw notFound('QUICK_REPLY_GROUP_NOT_FOUND', 'Quick reply group');
  assertCanWrite(actor, scopeOf(group));
  return group;
}

export async function renameQuickReplyGroup(platform: Platform, actor: MemberActor, id: string, name: string): Promise<QuickReplyGroupDto> {
  return platform.transaction(async ({ tx }) => {
    const group = await groupToChangeOrThrow(tx, actor, id);
    await renameGroup(tx, id, name.trim());
    return presentQuickReplyGroup({ ...group, name: name.trim() });
  });
}

/** Deletes a group; its replies stay, ungrouped. */
export async function deleteQuickReplyGroup(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async ({ tx }) => {
    await groupToChangeOrThrow(tx, actor, id);
    await deleteGroup(tx, id);
    return { ok: true as const };
  });
}
