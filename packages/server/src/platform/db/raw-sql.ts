import { CompiledQuery } from 'kysely';
import type { Dialect, Executor } from './database.js';

/** PostgreSQL's `$n` form of each `?` text, kept: hot statements come in a few fixed shapes. */
const numbered = new Map<string, string>();

function forDialect(dialect: Dialect, text: string): string {
  if (dialect === 'sqlite') return text;
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (numbered.size >= 500) numbered.clear();
    numbered.set(text, out);
  }
  return out;
}

/**
 * Runs hand-written SQL with `?` placeholders on either engine, skipping Kysely's query building
 * (24 % of the chat send path when every message built its queries). For hot, set-based statements
 * inside repositories only; the text must hold no `?` other than placeholders.
 */
export async function rawQuery<R>(db: Executor, dialect: Dialect, text: string, params: readonly unknown[]): Promise<R[]> {
  const result = await db.executeQuery<R>(CompiledQuery.raw(forDialect(dialect, text), [...params]));
  return result.rows;
}

const lists = new Map<string, string>();

/** `(?, ?, …), (?, ?, …)`: `rows` groups of `width` placeholders for a multi-row VALUES list. */
export function valuesList(rows: number, width: number): string {
  const key = `${rows}x${width}`;
  let list = lists.get(key);
  if (list === undefined) {
    const one = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    list = Array.from({ length: rows }, () => one).join(', ');
    lists.set(key, list);
  }
  return list;
}

/** The sizes set-based statements come in: any batch is a few statements of these few shapes. */
const SHAPES = [256, 64, 16, 4, 1];

/**
 * Splits a batch into chunks of 256, 64, 16, 4 and 1 items, so that a statement over a chunk has one of
 * five texts, prepared once, whatever the batch size (a text per size re-prepared ~5 % of the chat send
 * path). Order is kept.
 */
export function shapedChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let at = 0;
  for (const size of SHAPES) {
    while (items.length - at >= size) {
      chunks.push(items.slice(at, at + size));
      at += size;
    }
  }
  return chunks;
}

/** PostgreSQL's chunk size: one round trip per 500 rows (it parses every statement anyway; round trips are what cost). */
const PG_CHUNK = 500;

/**
 * `rawQuery` once per chunk of `items` (`text` given the chunk's size), all their rows in order: shaped chunks
 * on SQLite, whose statements are prepared once per text; chunks of 500 on PostgreSQL.
 */
export async function rawQueryChunked<T, R = unknown>(
  db: Executor,
  dialect: Dialect,
  items: readonly T[],
  text: (rows: number) => string,
  params: (chunk: T[]) => unknown[],
): Promise<R[]> {
  const rows: R[] = [];
  const chunks =
    dialect === 'sqlite'
      ? shapedChunks(items)
      : Array.from({ length: Math.ceil(items.length / PG_CHUNK) }, (_, i) => items.slice(i * PG_CHUNK, (i + 1) * PG_CHUNK));
  for (const chunk of chunks) rows.push(...(await rawQuery<R>(db, dialect, text(chunk.length), params(chunk))));
  return rows;
}
