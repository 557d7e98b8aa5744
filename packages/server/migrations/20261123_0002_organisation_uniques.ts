import { type Kysely, sql } from 'kysely';

/**
 * Organisation uniqueness rules (docs/decisions/0002-member-csv-import.md):
 * - a member's account, phone and email are unique among the enterprise's members who have not
 *   resigned, so a returning employee can be added again with the same phone or account;
 * - sibling departments have distinct names, so a path like "Shanghai/Xuhui Store" names one department.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['account', 'phone', 'email']) {
    await db.schema.dropIndex(`members_${column}`).execute();
    await db.schema
      .createIndex(`members_${column}`)
      .on('members')
      .columns(['enterprise_id', column])
      .unique()
      .where(sql.ref('status'), '<>', 'resigned')
      .execute();
  }
  await db.schema
    .createIndex('departments_sibling_name')
    .on('departments')
    .columns(['enterprise_id', 'parent_id', 'name'])
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('departments_sibling_name').execute();
  for (const column of ['account', 'phone', 'email']) {
    await db.schema.dropIndex(`members_${column}`).execute();
    await db.schema.createIndex(`members_${column}`).on('members').columns(['enterprise_id', column]).unique().execute();
  }
}
