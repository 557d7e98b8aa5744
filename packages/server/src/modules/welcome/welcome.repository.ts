import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { WelcomeMessagesTable } from '../../platform/db/schema.js';

export type WelcomeRow = Selectable<WelcomeMessagesTable>;

export const enterpriseOwner = (enterpriseId: string) => `enterprise:${enterpriseId}`;
export const memberOwner = (memberId: string) => `member:${memberId}`;

/** The welcome message of an owner within an enterprise; another enterprise's finds nothing. */
export const findWelcome = (db: Executor, enterpriseId: string, ownerKey: string) =>
  db
    .selectFrom('welcome_messages')
    .selectAll()
    .where('owner_key', '=', ownerKey)
    .where('enterprise_id', '=', enterpriseId)
    .executeTakeFirst();

export const upsertWelcome = (db: Executor, row: WelcomeRow) =>
  db
    .insertInto('welcome_messages')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('owner_key')
        .doUpdateSet({ text: row.text, attachments: row.attachments, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();

export const deleteWelcome = (db: Executor, enterpriseId: string, ownerKey: string) =>
  db.deleteFrom('welcome_messages').where('owner_key', '=', ownerKey).where('enterprise_id', '=', enterpriseId).execute();
