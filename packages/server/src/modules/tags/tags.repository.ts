import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { TagGroupsTable, TagsTable } from '../../platform/db/schema.js';

export type TagGroupRow = Selectable<TagGroupsTable>;
export type TagRow = Selectable<TagsTable>;

// ---------- groups ----------

export const listTagGroups = (db: Executor, enterpriseId: string) =>
  db.selectFrom('tag_groups').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('id').execute();

/** A group of one enterprise; another enterprise's id finds nothing. */
export const findTagGroup = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('tag_groups').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const insertTagGroup = (db: Executor, row: TagGroupRow) => db.insertInto('tag_groups').values(row).execute();

export const updateTagGroupRow = (db: Executor, id: string, patch: Partial<TagGroupRow>) =>
  db.updateTable('tag_groups').set(patch).where('id', '=', id).execute();

/** Deletes a group, its tags and every use of them on customers. */
export async function deleteTagGroupRows(db: Executor, id: string): Promise<void> {
  await db
    .deleteFrom('customer_tags')
    .where('tag_id', 'in', (eb) => eb.selectFrom('tags').select('id').where('group_id', '=', id))
    .execute();
  await db.deleteFrom('tags').where('group_id', '=', id).execute();
  await db.deleteFrom('tag_groups').where('id', '=', id).execute();
}

// ---------- tags ----------

/** Enterprise tags of these groups, oldest first. */
export async function listTagsOfGroups(db: Executor, groupIds: string[]): Promise<TagRow[]> {
  if (!groupIds.length) return [];
  return db.selectFrom('tags').selectAll().where('group_id', 'in', groupIds).orderBy('id').execute();
}

export const listPersonalTags = (db: Executor, memberId: string) =>
  db.selectFrom('tags').selectAll().where('owner_member_id', '=', memberId).orderBy('id').execute();

/** A tag of one enterprise; another enterprise's id finds nothing. */
export const findTag = (db: Executor, enterpriseId: string, id: string) =>
  db.selectFrom('tags').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

/** Tags of one enterprise among `ids`. */
export async function findTags(db: Executor, enterpriseId: string, ids: string[]): Promise<TagRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('tags').selectAll().where('enterprise_id', '=', enterpriseId).where('id', 'in', ids).execute();
}

/** Enterprise tags (in a group) of the enterprise: the 3,000 cap counts these. */
export async function countEnterpriseTags(db: Executor, enterpriseId: string): Promise<number> {
  const row = await db
    .selectFrom('tags')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .where('group_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countPersonalTags(db: Executor, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('tags')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('owner_member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Names already used among `names` in the group (or the member's personal tags), other than `exceptId`. */
export async function takenTagNames(
  db: Executor,
  scope: { groupId: string } | { ownerMemberId: string },
  names: string[],
  exceptId?: string,
): Promise<Set<string>> {
  if (!names.length) return new Set();
  let query = db.selectFrom('tags').select('name').where('name', 'in', names);
  query = 'groupId' in scope ? query.where('group_id', '=', scope.groupId) : query.where('owner_member_id', '=', scope.ownerMemberId);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return new Set((await query.execute()).map((r) => r.name));
}

export async function insertTags(db: Executor, rows: TagRow[]): Promise<void> {
  if (rows.length) await db.insertInto('tags').values(rows).execute();
}

export const updateTagName = (db: Executor, id: string, name: string) =>
  db.updateTable('tags').set({ name }).where('id', '=', id).execute();

/** Deletes a tag and every use of it on customers. */
export async function deleteTagRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('customer_tags').where('tag_id', '=', id).execute();
  await db.deleteFrom('tags').where('id', '=', id).execute();
}

// ---------- tags on customers ----------

/**
 * Puts every tag of `tagIds` on every relation of `relationIds` in one statement (INSERT … SELECT …
 * ON CONFLICT DO NOTHING); returns the pairs newly tagged, so a re-tag adds and records nothing.
 */
export async function addCustomerTags(
  db: Executor,
  enterpriseId: string,
  relationIds: string[],
  tagIds: string[],
  now: number,
): Promise<Array<{ relation_id: string; tag_id: string }>> {
  if (!relationIds.length || !tagIds.length) return [];
  return db
    .insertInto('customer_tags')
    .columns(['relation_id', 'tag_id', 'enterprise_id', 'created_at'])
    .expression(
      db
        .selectFrom('customer_relations as r')
        .innerJoin('tags as t', (join) => join.onRef('t.enterprise_id', '=', 'r.enterprise_id'))
        .select(['r.id', 't.id', 'r.enterprise_id', sql.lit(now).as('created_at')])
        .where('r.enterprise_id', '=', enterpriseId)
        .where('r.id', 'in', relationIds)
        .where('t.id', 'in', tagIds),
    )
    .onConflict((oc) => oc.columns(['relation_id', 'tag_id']).doNothing())
    .returning(['relation_id', 'tag_id'])
    .execute();
}

/** Takes the tags off the relations in one statement; returns the pairs removed. */
export async function removeCustomerTags(
  db: Executor,
  enterpriseId: string,
  relationIds: string[],
  tagIds: string[],
): Promise<Array<{ relation_id: string; tag_id: string }>> {
  if (!relationIds.length || !tagIds.length) return [];
  return db
    .deleteFrom('customer_tags')
    .where('enterprise_id', '=', enterpriseId)
    .where('relation_id', 'in', relationIds)
    .where('tag_id', 'in', tagIds)
    .returning(['relation_id', 'tag_id'])
    .execute();
}

/** The tags on each of the relations, with the tag rows. */
export async function listTagRowsOfRelations(db: Executor, relationIds: string[]) {
  if (!relationIds.length) return [];
  return db
    .selectFrom('customer_tags as ct')
    .innerJoin('tags as t', 't.id', 'ct.tag_id')
    .select(['ct.relation_id', 't.id', 't.name', 't.group_id', 't.owner_member_id', 't.enterprise_id', 't.created_at'])
    .where('ct.relation_id', 'in', relationIds)
    .orderBy('t.id')
    .execute();
}

/** Which of `relationIds` are active-or-lost relations of the member in the enterprise. */
export async function ownRelationIds(db: Executor, enterpriseId: string, memberId: string, relationIds: string[]): Promise<Set<string>> {
  if (!relationIds.length) return new Set();
  const rows = await db
    .selectFrom('customer_relations')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('member_id', '=', memberId)
    .where('id', 'in', relationIds)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The customer relation, for the CRM link; another enterprise's finds nothing. */
export const findRelationRef = (db: Executor, enterpriseId: string, id: string) =>
  db
    .selectFrom('customer_relations')
    .select(['id', 'member_id', 'consumer_id'])
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .executeTakeFirst();

/**
 * A predicate for a customers list: relation `r.id` carries every one of `tagIds`. For the customers
 * module's list (`eb.exists(...)` per tag keeps it one statement).
 */
export const relationIdsWithAllTags = (db: Executor, tagIds: string[]) =>
  db
    .selectFrom('customer_tags')
    .select('relation_id')
    .where('tag_id', 'in', tagIds)
    .groupBy('relation_id')
    .having((eb) => eb.fn.count('tag_id'), '=', tagIds.length);

// ---------- CRM link ----------

export const findCrmTemplate = async (db: Executor, enterpriseId: string) =>
  (await db.selectFrom('crm_link_templates').select('template').where('enterprise_id', '=', enterpriseId).executeTakeFirst())?.template ??
  null;

export const upsertCrmTemplate = (db: Executor, enterpriseId: string, template: string, now: number) =>
  db
    .insertInto('crm_link_templates')
    .values({ enterprise_id: enterpriseId, template, updated_at: now })
    .onConflict((oc) => oc.column('enterprise_id').doUpdateSet({ template, updated_at: now }))
    .execute();

export const deleteCrmTemplate = (db: Executor, enterpriseId: string) =>
  db.deleteFrom('crm_link_templates').where('enterprise_id', '=', enterpriseId).execute();
