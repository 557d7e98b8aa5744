import type { Kysely } from 'kysely';

/**
 * One-to-one chat (conversations, participants, messages) and consumer friends.
 * Portable SQL: text ids, bigint epoch ms, 0/1 integers, JSON as text.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // null for consumer-only conversations (friends)
    .addColumn('enterprise_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_reason', 'text')
    // the participant set and kind, so opening the same conversation twice finds the first
    .addColumn('participants_key', 'text', (c) => c.notNull().unique())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'bigint')
    .addColumn('has_consumer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversations_enterprise').on('conversations').columns(['enterprise_id', 'last_message_at']).execute();

  await db.schema
    .createTable('conversation_participants')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'text')
    .addColumn('last_read_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_delivered_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_participants_pk', ['conversation_id', 'principal'])
    .execute();
  await db.schema.createIndex('conversation_participants_principal').on('conversation_participants').columns(['principal']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('enterprise_id', 'text')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('quote_seq', 'bigint')
    .addColumn('recalled_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('messages_pk', ['conversation_id', 'seq'])
    .addUniqueConstraint('messages_sender_client_id', ['sender', 'client_id'])
    .execute();

  await db.schema
    .createTable('friend_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('to_consumer_id', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema.createIndex('friend_requests_to').on('friend_requests').columns(['to_consumer_id', 'status']).execute();
  await db.schema.createIndex('friend_requests_from').on('friend_requests').columns(['from_consumer_id', 'status']).execute();

  await db.schema
    .createTable('friendships')
    // consumer_a < consumer_b: one row per pair
    .addColumn('consumer_a', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('consumer_b', 'text', (c) => c.notNull().references('consumers.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('friendships_pk', ['consumer_a', 'consumer_b'])
    .execute();
  await db.schema.createIndex('friendships_b').on('friendships').columns(['consumer_b']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['friendships', 'friend_requests', 'messages', 'conversation_participants', 'conversations']) {
    await db.schema.dropTable(table).execute();
  }
}
