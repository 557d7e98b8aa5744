import type { Kysely } from 'kysely';

/**
 * Attachments: the stored file (its bytes live in the blob store under its id) and the conversations it was sent
 * into, which decide who may download it. Portable SQL: text ids, bigint epoch ms, 0/1 integers.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // the uploader's enterprise; null for consumers
    .addColumn('enterprise_id', 'text', (c) => c.references('enterprises.id'))
    // the uploader, `<kind>:<id>`
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('has_thumbnail', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // the cleanup of files never sent walks them by age
  await db.schema.createIndex('files_created').on('files').columns(['created_at']).execute();

  await db.schema
    .createTable('file_grants')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_grants_pk', ['file_id', 'conversation_id'])
    .execute();
  await db.schema.createIndex('file_grants_conversation').on('file_grants').columns(['conversation_id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_grants').execute();
  await db.schema.dropTable('files').execute();
}
