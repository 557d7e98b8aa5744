import type {
  AvailableTagsDto,
  BulkTagCustomersInput,
  BulkTagResultDto,
  CreateTagGroupInput,
  CustomerTagsDto,
  TagDto,
  TagGroupDto,
  UpdateTagGroupInput,
} from '@rapport/shared';
import type { MemberActor } from '../../platform/auth/actor.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { recordEvent } from '../../platform/events/outbox.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newId } from '../../platform/ids.js';
import { listDepartments, listMemberDepartmentIds, lockEnterprise } from '../organisation/index.js';
import { TAG_DOMAIN_EVENTS } from './tags.events.js';
import { canSeeGroup, canSeeTag, departmentScope, resolveCrmUrl, type TagViewer, tagCaps } from './tags.policy.js';
import { presentTag, presentTagGroup } from './tags.presenter.js';
import {
  addCustomerTags,
  countEnterpriseTags,
  countPersonalTags,
  deleteCrmTemplate,
  deleteTagGroupRows,
  deleteTagRow,
  findCrmTemplate,
  findRelationRef,
  findTag,
  findTagGroup,
  findTags,
  insertTagGroup,
  insertTags,
  listPersonalTags,
  listTagGroups,
  listTagRowsOfRelations,
  listTagsOfGroups,
  ownRelationIds,
  removeCustomerTags,
  type TagGroupRow,
  type TagRow,
  takenTagNames,
  updateTagGroupRow,
  updateTagName,
  upsertCrmTemplate,
} from './tags.repository.js';

const actorRef = (actor: MemberActor) => ({ kind: actor.kind, id: actor.id });

async function viewerOf(db: Executor, actor: MemberActor): Promise<TagViewer> {
  const [departments, own] = await Promise.all([listDepartments(db, actor.enterpriseId), listMemberDepartmentIds(db, [actor.id])]);
  return { memberId: actor.id, admin: actor.role === 'admin', departmentScope: departmentScope(own.get(actor.id) ?? [], departments) };
}

async function groupsWithTags(db: Executor, groups: TagGroupRow[]): Promise<TagGroupDto[]> {
  const tags = await listTagsOfGroups(
    db,
    groups.map((g) => g.id),
  );
  const byGroup = new Map<string, TagDto[]>();
  for (const tag of tags) {
    const list = byGroup.get(tag.group_id as string) ?? [];
    list.push(presentTag(tag));
    byGroup.set(tag.group_id as string, list);
  }
  return groups.map((g) => presentTagGroup(g, byGroup.get(g.id) ?? []));
}

/** Department ids must be the enterprise's own (another enterprise's answer DEPARTMENT_NOT_FOUND). */
async function checkDepartments(db: Executor, enterpriseId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const known = new Set((await listDepartments(db, enterpriseId)).map((d) => d.id));
  if (ids.some((id) => !known.has(id))) throw notFound('DEPARTMENT_NOT_FOUND', 'Department');
}

function uniqueNames(names: string[]): string[] {
  const trimmed = names.map((n) => n.trim());
  if (new Set(trimmed).size !== trimmed.length) throw new AppError('TAG_NAME_TAKEN', 'A tag name appears twice');
  return trimmed;
}

/** Enterprise tags stay within the cap: checked in the creating transaction, under the enterprise lock. */
async function assertEnterpriseRoom(db: Executor, enterpriseId: string, adding: number): Promise<void> {
  await lockEnterprise(db, enterpriseId);
  const count = await countEnterpriseTags(db, enterpriseId);
  if (count + adding > tagCaps.enterpriseTags) {
    throw new AppError('TAG_LIMIT', 'The enterprise has reached its tag limit', { limit: tagCaps.enterpriseTags, count });
  }
}

const tagRow = (enterpriseId: string, scope: { groupId: string } | { ownerMemberId: string }, name: string, now: number): TagRow => ({
  id: newId(now),
  enterprise_id: enterpriseId,
  group_id: 'groupId' in scope ? scope.groupId : null,
  owner_member_id: 'ownerMemberId' in scope ? scope.ownerMemberId : null,
  name,
  created_at: now,
});

// ---------- admin: the enterprise tag library ----------

/** Every tag group of the enterprise with its tags (admin). */
export async function listEnterpriseTagGroups(platform: Platform, actor: MemberActor): Promise<{ data: TagGroupDto[] }> {
  return { data: await groupsWithTags(platform.db, await listTagGroups(platform.db, actor.enterpriseId)) };
}

export async function getTagGroupOrThrow(platform: Platform, actor: MemberActor, id: string): Promise<TagGroupDto> {
  const group = await findTagGroup(platform.db, actor.enterpriseId, id);
  if (!group) throw notFound('TAG_GROUP_NOT_FOUND', 'Tag group');
  return (await groupsWithTags(platform.db, [group]))[0];
}

/** Creates a group with its tags inline; the enterprise's tags stay within the cap. */
export async function createTagGroup(platform: Platform, actor: MemberActor, input: CreateTagGroupInput): Promise<TagGroupDto> {
  return platform.transaction(async ({ tx }) => {
    const departmentIds = input.departmentIds ?? [];
    await checkDepartments(tx, actor.enterpriseId, departmentIds);
    const names = uniqueNames((input.tags ?? []).map((t) => t.name));
    await assertEnterpriseRoom(tx, actor.enterpriseId, names.length);
    const now = Date.now();
    const group: TagGroupRow = {
      id: newId(now),
      enterprise_id: actor.enterpriseId,
      name: input.name.trim(),
      department_ids: JSON.stringify(departmentIds),
      created_at: now,
      updated_at: now,
    };
    await insertTagGroup(tx, group);
    await insertTags(
      tx,
      // one millisecond apart, so the time-ordered ids keep the order the admin typed
      names.map((name, i) => tagRow(actor.enterpriseId, { groupId: group.id }, name, now + i)),
    );
    return (await groupsWithTags(tx, [group]))[0];
  });
}

export async function updateTagGroup(platform: Platform, actor: MemberActor, id: string, input: UpdateTagGroupInput): Promise<TagGroupDto> {
  return platform.transaction(async ({ tx }) => {
    const group = await findTagGroup(tx, actor.enterpriseId, id);
    if (!group) throw notFound('TAG_GROUP_NOT_FOUND', 'Tag group');
    if (input.departmentIds) await checkDepartments(tx, actor.enterpriseId, input.departmentIds);
    await updateTagGroupRow(tx, id, {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.departmentIds !== undefined && { department_ids: JSON.stringify(input.departmentIds) }),
      updated_at: Date.now(),
    });
    const updated = await findTagGroup(tx, actor.enterpriseId, id);
    return (await groupsWithTags(tx, [updated as TagGroupRow]))[0];
  });
}

/** Deletes a group and its tags; customers lose those tags. */
export async function deleteTagGroup(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async ({ tx }) => {
    const group = await findTagGroup(tx, actor.enterpriseId, id);
    if (!group) throw notFound('TAG_GROUP_NOT_FOUND', 'Tag group');
    await deleteTagGroupRows(tx, id);
    return { ok: true as const };
  });
}

/** Adds one tag to a group (admin), within the enterprise's cap. */
export async function createTag(platform: Platform, actor: MemberActor, input: { groupId: string; name: string }): Promise<TagDto> {
  return platform.transaction(async ({ tx }) => {
    const group = await findTagGroup(tx, actor.enterpriseId, input.groupId);
    if (!group) throw notFound('TAG_GROUP_NOT_FOUND', 'Tag group');
    const name = input.name.trim();
    await assertEnterpriseRoom(tx, actor.enterpriseId, 1);
    if ((await takenTagNames(tx, { groupId: group.id }, [name])).size) throw new AppError('TAG_NAME_TAKEN', 'The group has this tag');
    const row = tagRow(actor.enterpriseId, { groupId: group.id }, name, Date.now());
    await insertTags(tx, [row]);
    return presentTag(row);
  });
}

/** An enterprise tag the admin may edit; personal tags are their owner's only (404 here). */
async function enterpriseTagOrThrow(db: Executor, actor: MemberActor, id: string): Promise<TagRow> {
  const tag = await findTag(db, actor.enterpriseId, id);
  if (!tag || tag.group_id === null) throw notFound('TAG_NOT_FOUND', 'Tag');
  return tag;
}

export async function renameTag(platform: Platform, actor: MemberActor, id: string, name: string): Promise<TagDto> {
  return platform.transaction(async ({ tx }) => {
    const tag = await enterpriseTagOrThrow(tx, actor, id);
    const trimmed = name.trim();
    if ((await takenTagNames(tx, { groupId: tag.group_id as string }, [trimmed], id)).size) {
      throw new AppError('TAG_NAME_TAKEN', 'The group has this tag');
    }
    await updateTagName(tx, id, trimmed);
    return presentTag({ ...tag, name: trimmed });
  });
}

export async function deleteTag(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async ({ tx }) => {
    await enterpriseTagOrThrow(tx, actor, id);
    await deleteTagRow(tx, id);
    return { ok: true as const };
  });
}

// ---------- member: available and personal tags ----------

/** The enterprise groups visible to me (department limits apply) and my personal tags. */
export async function listAvailableTags(platform: Platform, actor: MemberActor): Promise<AvailableTagsDto> {
  const viewer = await viewerOf(platform.db, actor);
  const groups = (await listTagGroups(platform.db, actor.enterpriseId)).filter((g) => canSeeGroup(viewer, g));
  return {
    groups: await groupsWithTags(platform.db, groups),
    personal: (await listPersonalTags(platform.db, actor.id)).map(presentTag),
  };
}

export async function createPersonalTag(platform: Platform, actor: MemberActor, name: string): Promise<TagDto> {
  return platform.transaction(async ({ tx }) => {
    const trimmed = name.trim();
    // the enterprise lock serialises a member's concurrent creations, so the cap and the name hold
    await lockEnterprise(tx, actor.enterpriseId);
    const count = await countPersonalTags(tx, actor.id);
    if (count >= tagCaps.personalTags)
      throw new AppError('TAG_LIMIT', 'You have reached your personal tag limit', { limit: tagCaps.personalTags });
    if ((await takenTagNames(tx, { ownerMemberId: actor.id }, [trimmed])).size) throw new AppError('TAG_NAME_TAKEN', 'You have this tag');
    const row = tagRow(actor.enterpriseId, { ownerMemberId: actor.id }, trimmed, Date.now());
    await insertTags(tx, [row]);
    return presentTag(row);
  });
}

export async function deletePersonalTag(platform: Platform, actor: MemberActor, id: string): Promise<{ ok: true }> {
  return platform.transaction(async ({ tx }) => {
    const tag = await findTag(tx, actor.enterpriseId, id);
    if (!tag || tag.owner_member_id !== actor.id) throw notFound('TAG_NOT_FOUND', 'Tag');
    await deleteTagRow(tx, id);
    return { ok: true as const };
  });
}

// ---------- tags on customers ----------

/**
 * Tags and untags the member's own customers in one transaction with set-based statements; a tag
 * the member cannot see (another enterprise's, a department-limited group's outside my departments,
 * someone else's personal tag) answers TAG_NOT_FOUND and nothing is written. Each customer whose
 * tags changed gets one `customer.tagged` / `customer.untagged` event with the tag ids.
 */
async function changeCustomerTags(
  platform: Platform,
  actor: MemberActor,
  customerIds: string[],
  add: string[],
  remove: string[],
): Promise<{ added: number; removed: number }> {
  if (add.some((id) => remove.includes(id))) {
    throw new AppError('VALIDATION_FAILED', 'A tag cannot be both added and removed', { field: 'add' });
  }
  return platform.transaction(async ({ tx }) => {
    const own = await ownRelationIds(tx, actor.enterpriseId, actor.id, customerIds);
    if (own.size !== new Set(customerIds).size) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
    const wanted = [...new Set([...add, ...remove])];
    const tags = await findTags(tx, actor.enterpriseId, wanted);
    const viewer = await viewerOf(tx, actor);
    const visibleGroups = new Set((await listTagGroups(tx, actor.enterpriseId)).filter((g) => canSeeGroup(viewer, g)).map((g) => g.id));
    if (tags.length !== wanted.length || tags.some((t) => !canSeeTag(viewer, t, visibleGroups))) throw notFound('TAG_NOT_FOUND', 'Tag');

    const now = Date.now();
    const added = await addCustomerTags(tx, actor.enterpriseId, customerIds, add, now);
    const removed = await removeCustomerTags(tx, actor.enterpriseId, customerIds, remove);
    for (const [type, pairs] of [
      [TAG_DOMAIN_EVENTS.customerTagged, added],
      [TAG_DOMAIN_EVENTS.customerUntagged, removed],
    ] as const) {
      const byRelation = new Map<string, string[]>();
      for (const p of pairs) byRelation.set(p.relation_id, [...(byRelation.get(p.relation_id) ?? []), p.tag_id]);
      for (const [relationId, tagIds] of byRelation) {
        await recordEvent(
          tx,
          { type, enterpriseId: actor.enterpriseId, aggregateId: relationId, actor: actorRef(actor), payload: { tagIds: tagIds.sort() } },
          now,
        );
      }
    }
    return { added: added.length, removed: removed.length };
  });
}

/** Tags and untags one of my customers; returns the customer's tags as I see them. */
export async function tagCustomer(
  platform: Platform,
  actor: MemberActor,
  customerId: string,
  input: { add?: string[]; remove?: string[] },
): Promise<CustomerTagsDto> {
  await changeCustomerTags(platform, actor, [customerId], input.add ?? [], input.remove ?? []);
  return { customerId, tags: (await listTagsOfCustomers(platform.db, [customerId], actor.id)).get(customerId) ?? [] };
}

/** Tags and untags up to 500 of my customers in one request. */
export async function bulkTagCustomers(platform: Platform, actor: MemberActor, input: BulkTagCustomersInput): Promise<BulkTagResultDto> {
  const result = await changeCustomerTags(platform, actor, input.customerIds, input.add ?? [], input.remove ?? []);
  return { customers: input.customerIds.length, ...result };
}

/**
 * The tags on each customer relation, for the customer profile and lists. Personal tags show only to
 * their owner (`viewerId`); without one, every personal tag on the relation shows.
 */
export async function listTagsOfCustomers(db: Executor, relationIds: string[], viewerId?: string): Promise<Map<string, TagDto[]>> {
  const map = new Map<string, TagDto[]>();
  for (const row of await listTagRowsOfRelations(db, relationIds)) {
    if (viewerId && row.owner_member_id !== null && row.owner_member_id !== viewerId) continue;
    map.set(row.relation_id, [...(map.get(row.relation_id) ?? []), presentTag(row)]);
  }
  return map;
}

// ---------- CRM link ----------

export async function getCrmLink(platform: Platform, actor: MemberActor): Promise<{ template: string | null }> {
  return { template: await findCrmTemplate(platform.db, actor.enterpriseId) };
}

/** Sets (or, with null, clears) the enterprise's CRM link template (admin). */
export async function setCrmLink(platform: Platform, actor: MemberActor, template: string | null): Promise<{ template: string | null }> {
  return platform.transaction(async ({ tx }) => {
    const now = Date.now();
    if (template === null) await deleteCrmTemplate(tx, actor.enterpriseId);
    else await upsertCrmTemplate(tx, actor.enterpriseId, template, now);
    await recordEvent(
      tx,
      {
        type: TAG_DOMAIN_EVENTS.crmLinkUpdated,
        enterpriseId: actor.enterpriseId,
        aggregateId: actor.enterpriseId,
        actor: actorRef(actor),
        payload: { template },
      },
      now,
    );
    return { template };
  });
}

/** The resolved CRM link of a customer relation of the enterprise, or null (no template, or no such customer). */
export async function crmUrlOf(db: Executor, enterpriseId: string, relationId: string): Promise<string | null> {
  const [template, relation] = await Promise.all([findCrmTemplate(db, enterpriseId), findRelationRef(db, enterpriseId, relationId)]);
  return relation ? resolveCrmUrl(template, relation) : null;
}

// ---------- for other modules (contact ways) ----------

/**
 * Throws TAG_NOT_FOUND unless every tag is an enterprise tag the actor sees (personal tags are refused:
 * a contact way's auto-tags belong to the enterprise).
 */
export async function assertEnterpriseTagsVisible(db: Executor, actor: MemberActor, tagIds: string[]): Promise<void> {
  const wanted = [...new Set(tagIds)];
  if (!wanted.length) return;
  const tags = await findTags(db, actor.enterpriseId, wanted);
  const viewer = await viewerOf(db, actor);
  const visibleGroups = new Set((await listTagGroups(db, actor.enterpriseId)).filter((g) => canSeeGroup(viewer, g)).map((g) => g.id));
  if (tags.length !== wanted.length || tags.some((t) => t.group_id === null || !canSeeTag(viewer, t, visibleGroups))) {
    throw notFound('TAG_NOT_FOUND', 'Tag');
  }
}

/**
 * Puts the enterprise tags on a customer just added (a contact way's auto-tags) in the caller's transaction,
 * in one statement; tags deleted since are skipped. Records `customer.tagged` when any tag was new.
 */
export async function applyAutoTags(
  db: Executor,
  input: { enterpriseId: string; relationId: string; tagIds: string[]; actor: { kind: string; id: string }; now: number },
): Promise<void> {
  const added = await addCustomerTags(db, input.enterpriseId, [input.relationId], [...new Set(input.tagIds)], input.now);
  if (!added.length) return;
  await recordEvent(
    db,
    {
      type: TAG_DOMAIN_EVENTS.customerTagged,
      enterpriseId: input.enterpriseId,
      aggregateId: input.relationId,
      actor: input.actor,
      payload: { tagIds: added.map((p) => p.tag_id).sort() },
    },
    input.now,
  );
}
