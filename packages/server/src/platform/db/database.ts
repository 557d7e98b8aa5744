import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { startBackgroundCheckpoints } from './checkpointer.js';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or a transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (count(*), bigint columns) as numbers so both engines return the same types.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/** Opens the database named by a `sqlite:<file>` or `postgres://…` URL. */
export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // Statement journals (a multi-row INSERT inside a transaction keeps one) in memory, not in a temp file.
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Checkpoints run in a worker thread, off the event loop (decision 0010); an in-memory database has no WAL.
    // Under sustained writes its rounds never quite catch up, and the WAL starts over only once one has: so the
    // writer itself still checkpoints every 64 MB of WAL (copying what the worker has not, and syncing), and an
    // oversized WAL file is cut back to 64 MB when it starts over.
    const checkpointer = file === ':memory:' ? null : startBackgroundCheckpoints(file);
    if (checkpointer) sqlite.pragma('wal_autocheckpoint = 16384');
    sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    cachePreparedStatements(sqlite);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; re-preparing was ~14 % of a simple authenticated GET. The
 * queries are a small fixed set (parameters are bound, never inlined), so a bounded cache keyed
 * by SQL text keeps them prepared.
 */
function cachePreparedStatements(sqlite: SQLite.Database, limit = 1000) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/** True when an error is a unique-constraint violation on either engine. */
export function isUniqueViolation(error: unknown, constraintHint?: string): boolean {
  const e = error as { code?: string; message?: string; constraint?: string; detail?: string };
  const unique = e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || !constraintHint) return unique;
  return [e.message, e.constraint, e.detail].some((s) => s?.includes(constraintHint));
}
