import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { MemberCardsTable } from '../../platform/db/schema.js';

export type CardRow = Selectable<MemberCardsTable>;

export const findCard = (db: Executor, enterpriseId: string, memberId: string) =>
  db.selectFrom('member_cards').selectAll().where('enterprise_id', '=', enterpriseId).where('member_id', '=', memberId).executeTakeFirst();

/** Creates the card row on first edit, or replaces its fields. */
export const upsertCard = (db: Executor, row: CardRow) =>
  db
    .insertInto('member_cards')
    .values(row)
    .onConflict((oc) =>
      oc.column('member_id').doUpdateSet({
        phone: row.phone,
        store_address: row.store_address,
        photo_url: row.photo_url,
        bio: row.bio,
        custom_fields: row.custom_fields,
        updated_at: row.updated_at,
      }),
    )
    .execute();
