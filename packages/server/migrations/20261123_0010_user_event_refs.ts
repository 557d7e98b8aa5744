import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * A user event may refer to the row it is about instead of copying it: `message.created` stores its message's
 * conversation and seq (`ref_key`, `ref_seq`) and no payload, and a replay reads the message. Each message
 * used to be stored three times (the message and one payload per participant). On SQLite the table becomes
 * WITHOUT ROWID, clustered on (principal, seq): one B-tree per event instead of a table and its index
 * (decision 0010).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE TABLE user_events_next (
      principal text NOT NULL,
      seq bigint NOT NULL,
      type text NOT NULL,
      payload text,
      ref_key text,
      ref_seq bigint,
      created_at bigint NOT NULL,
      PRIMARY KEY (principal, seq)
    ) WITHOUT ROWID`.execute(db);
    await sql`INSERT INTO user_events_next (principal, seq, type, payload, created_at)
      SELECT principal, seq, type, payload, created_at FROM user_events`.execute(db);
    await sql`DROP TABLE user_events`.execute(db);
    await sql`ALTER TABLE user_events_next RENAME TO user_events`.execute(db);
    return;
  }
  await sql`ALTER TABLE user_events ALTER COLUMN payload DROP NOT NULL`.execute(db);
  await db.schema.alterTable('user_events').addColumn('ref_key', 'text').execute();
  await db.schema.alterTable('user_events').addColumn('ref_seq', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // Events that only refer to their row cannot be restored without it: they are dropped (clients resync).
  await db.deleteFrom('user_events').where('payload', 'is', null).execute();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`CREATE TABLE user_events_prev (
      principal text NOT NULL, seq bigint NOT NULL, type text NOT NULL, payload text NOT NULL, created_at bigint NOT NULL,
      CONSTRAINT user_events_pk PRIMARY KEY (principal, seq))`.execute(db);
    await sql`INSERT INTO user_events_prev SELECT principal, seq, type, payload, created_at FROM user_events`.execute(db);
    await sql`DROP TABLE user_events`.execute(db);
    await sql`ALTER TABLE user_events_prev RENAME TO user_events`.execute(db);
    return;
  }
  await db.schema.alterTable('user_events').dropColumn('ref_seq').execute();
  await db.schema.alterTable('user_events').dropColumn('ref_key').execute();
  await sql`ALTER TABLE user_events ALTER COLUMN payload SET NOT NULL`.execute(db);
}
