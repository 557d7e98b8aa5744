import type { Dialect, Executor } from '../../platform/db/database.js';
import type { FilesTable } from '../../platform/db/schema.js';

export type FileRow = FilesTable;

export async function insertFile(db: Executor, row: FileRow) {
  await db.insertInto('files').values(row).execute();
}

export function findFile(db: Executor, id: string): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The file if one of `principals` may read it: its uploader, or a participant of a conversation it was sent into.
 * Chat's participants table decides, so leaving a conversation (when that exists) ends access with it.
 */
export function findReadableFile(
  db: Executor,
  id: string,
  principals: string[],
  options: { lockOnPostgres?: Dialect; materialsOf?: string } = {},
): Promise<FileRow | undefined> {
  if (principals.length === 0) return Promise.resolve(undefined);
  const { lockOnPostgres, materialsOf } = options;
  const query = db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('owner', 'in', principals),
        eb.exists(
          eb
            .selectFrom('file_grants as g')
            .innerJoin('conversation_participants as p', 'p.conversation_id', 'g.conversation_id')
            .select('g.file_id')
            .whereRef('g.file_id', '=', 'files.id')
            .where('p.principal', 'in', principals),
        ),
        // the enterprise's materials (files its welcome messages show), to every member of it
        ...(materialsOf ? [eb.and([eb('enterprise_id', '=', materialsOf), eb('kept_at', 'is not', null)])] : []),
      ]),
    );
  // FOR KEY SHARE: the cleanup cannot delete the file between this check and the grant that references it (it
  // waits, then fails on the foreign key and retries); a file it deleted first is simply not found. SQLite has
  // one writer at a time, so nothing to lock there.
  return (lockOnPostgres === 'postgres' ? query.forKeyShare('files') : query).executeTakeFirst();
}

/** Makes files enterprise materials (kept from the cleanup); the first keeping counts. */
export const markFilesKept = (db: Executor, ids: string[], now: number) =>
  ids.length === 0
    ? Promise.resolve()
    : db.updateTable('files').set({ kept_at: now }).where('id', 'in', ids).where('kept_at', 'is', null).execute();

export interface GrantRow {
  fileId: string;
  conversationId: string;
  grantedBy: string;
}

/** Records that files were sent into conversations (one statement); sending one again there changes nothing. */
export async function insertGrants(db: Executor, grants: GrantRow[], now: number) {
  const unique = new Map(grants.map((g) => [`${g.fileId}|${g.conversationId}`, g]));
  if (unique.size === 0) return;
  await db
    .insertInto('file_grants')
    .values(
      [...unique.values()].map((g) => ({ file_id: g.fileId, conversation_id: g.conversationId, granted_by: g.grantedBy, granted_at: now })),
    )
    .onConflict((oc) => oc.columns(['file_id', 'conversation_id']).doNothing())
    .execute();
}

/**
 * Deletes up to `limit` files created before `before` that were never sent anywhere and returns them. The
 * `NOT EXISTS` is re-checked by the DELETE itself, so a file sent between the pick and the delete survives.
 */
export async function deleteUnsentFiles(
  db: Executor,
  before: number,
  limit: number,
): Promise<Array<Pick<FileRow, 'id' | 'has_thumbnail'>>> {
  const candidates = await db
    .selectFrom('files')
    .select(['id', 'has_thumbnail'])
    .where('created_at', '<', before)
    .where('kept_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_grants').select('file_id').whereRef('file_grants.file_id', '=', 'files.id'))))
    .orderBy('created_at')
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  return db
    .deleteFrom('files')
    .where(
      'id',
      'in',
      candidates.map((c) => c.id),
    )
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_grants').select('file_id').whereRef('file_grants.file_id', '=', 'files.id'))))
    .returning(['id', 'has_thumbnail'])
    .execute();
}
