import type { Kysely } from 'kysely';

/**
 * Tags (enterprise tag groups, optionally limited to departments; personal tags of a member), the tags
 * on customer relations, the CRM link template of an enterprise, and quick replies (快捷回复) in groups,
 * for the enterprise library (owner_member_id null) or a member's personal library.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tag_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tag_groups_enterprise').on('tag_groups').columns(['enterprise_id', 'id']).execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    // an enterprise tag has a group; a personal tag has an owner
    .addColumn('group_id', 'text', (c) => c.references('tag_groups.id'))
    .addColumn('owner_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tags_enterprise_group').on('tags').columns(['enterprise_id', 'group_id']).execute();
  await db.schema.createIndex('tags_owner').on('tags').columns(['owner_member_id']).execute();

  await db.schema
    .createTable('customer_tags')
    .addColumn('relation_id', 'text', (c) => c.notNull().references('customer_relations.id'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id'))
    .addColumn('enterprise_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_tags_pk', ['relation_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('customer_tags_tag').on('customer_tags').columns(['tag_id', 'relation_id']).execute();

  await db.schema
    .createTable('crm_link_templates')
    .addColumn('enterprise_id', 'text', (c) => c.primaryKey().references('enterprises.id'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quick_reply_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('owner_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quick_reply_groups_scope').on('quick_reply_groups').columns(['enterprise_id', 'owner_member_id']).execute();

  await db.schema
    .createTable('quick_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('owner_member_id', 'text', (c) => c.references('members.id'))
    .addColumn('group_id', 'text', (c) => c.references('quick_reply_groups.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quick_replies_scope').on('quick_replies').columns(['enterprise_id', 'owner_member_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quick_replies').execute();
  await db.schema.dropTable('quick_reply_groups').execute();
  await db.schema.dropTable('crm_link_templates').execute();
  await db.schema.dropTable('customer_tags').execute();
  await db.schema.dropTable('tags').execute();
  await db.schema.dropTable('tag_groups').execute();
}
