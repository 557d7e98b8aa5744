import { type Kysely, sql } from 'kysely';

/**
 * Customer contact (客户联系): the member ↔ consumer follow relationship (one row per pair, kept when
 * the consumer deletes or blocks the member, so the member sees the customer as lost) and the
 * requests a member sends to a consumer.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_relations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lost_reason', 'text')
    .addColumn('lost_at', 'bigint')
    .addColumn('add_source', 'text', (c) => c.notNull())
    .addColumn('initiator_member_id', 'text')
    .addColumn('contact_way_id', 'text')
    .addColumn('state', 'text')
    .addColumn('remark', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('remark_phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('company', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('customer_relations_member_consumer', ['member_id', 'consumer_id'])
    .execute();
  // a member's list and capacity; the enterprise's distinct customers; a consumer's enterprise contacts
  await db.schema.createIndex('customer_relations_member').on('customer_relations').columns(['member_id', 'status', 'id']).execute();
  await db.schema
    .createIndex('customer_relations_enterprise')
    .on('customer_relations')
    .columns(['enterprise_id', 'consumer_id', 'status'])
    .execute();
  await db.schema.createIndex('customer_relations_consumer').on('customer_relations').columns(['consumer_id', 'status']).execute();

  await db.schema
    .createTable('customer_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  // one pending request per member and consumer: sending again refreshes it
  await db.schema
    .createIndex('customer_requests_pending')
    .on('customer_requests')
    .columns(['member_id', 'consumer_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('customer_requests_consumer').on('customer_requests').columns(['consumer_id', 'status', 'id']).execute();
  await db.schema.createIndex('customer_requests_member').on('customer_requests').columns(['member_id', 'status', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_requests').execute();
  await db.schema.dropTable('customer_relations').execute();
}
