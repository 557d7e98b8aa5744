import type { Kysely } from 'kysely';

/**
 * Customers meet chat, and welcome messages (欢迎语): a relationship remembers its member ↔ consumer
 * conversation, and a welcome message is stored per owner — the enterprise default (`enterprise:<id>`)
 * or a member's own (`member:<id>`) — as text plus up to 9 attachments (JSON).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customer_relations').addColumn('conversation_id', 'text').execute();
  await db.schema
    .createTable('welcome_messages')
    .addColumn('owner_key', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id'))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('welcome_messages_enterprise').on('welcome_messages').columns(['enterprise_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('welcome_messages').execute();
  await db.schema.alterTable('customer_relations').dropColumn('conversation_id').execute();
}
