import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * `column` contains `text`, ignoring (ASCII) case, with `%`, `_` and `\` taken literally; the same
 * SQL on both engines (SQLite has no default LIKE escape, PostgreSQL's LIKE is case-sensitive).
 */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
