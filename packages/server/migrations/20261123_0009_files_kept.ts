import type { Kysely } from 'kysely';

/**
 * Enterprise materials: a file a welcome message (the enterprise's, a member's or a contact way's) refers to is
 * kept — never cleaned up as unsent — and every member of its enterprise may read and send it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').addColumn('kept_at', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').dropColumn('kept_at').execute();
}
