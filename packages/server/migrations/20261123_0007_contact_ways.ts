import type { Kysely } from 'kysely';

/**
 * Contact ways (联系我 / 渠道活码): the way with its members and rules (JSON text), the per-member per-day add
 * counters its daily cap is claimed on, and the requests of consumers waiting for a member's confirmation.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contact_ways')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('member_ids', 'text', (c) => c.notNull())
    .addColumn('skip_verify', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('remark', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tag_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('welcome', 'text')
    .addColumn('daily_cap', 'integer')
    .addColumn('schedules', 'text', (c) => c.notNull().defaultTo('[]'))
    // where the next rotation starts (index into member_ids)
    .addColumn('rotation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_ways_enterprise').on('contact_ways').columns(['enterprise_id', 'id']).execute();
  await db.schema.createIndex('contact_ways_creator').on('contact_ways').columns(['created_by', 'id']).execute();

  await db.schema
    .createTable('contact_way_daily_adds')
    .addColumn('contact_way_id', 'text', (c) => c.notNull().references('contact_ways.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    // the enterprise-local date, YYYY-MM-DD
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_way_daily_adds_pk', ['contact_way_id', 'member_id', 'day'])
    .execute();

  await db.schema
    .createTable('contact_way_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('contact_way_id', 'text', (c) => c.notNull().references('contact_ways.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('contact_way_requests_pair')
    .on('contact_way_requests')
    .columns(['contact_way_id', 'consumer_id', 'status'])
    .execute();
  await db.schema.createIndex('contact_way_requests_member').on('contact_way_requests').columns(['member_id', 'status']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_way_requests').execute();
  await db.schema.dropTable('contact_way_daily_adds').execute();
  await db.schema.dropTable('contact_ways').execute();
}
