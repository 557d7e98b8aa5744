import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ConsumersTable } from '../../platform/db/schema.js';

export type ConsumerRow = Selectable<ConsumersTable>;

export const findConsumer = (db: Executor, id: string) => db.selectFrom('consumers').selectAll().where('id', '=', id).executeTakeFirst();

/** Sign-in lookup by account name or phone number. */
export const findConsumerByLogin = (db: Executor, login: string) =>
  db
    .selectFrom('consumers')
    .selectAll()
    .where((eb) => eb.or([eb('account', '=', login), eb('phone', '=', normalizePhone(login))]))
    .executeTakeFirst();

export const insertConsumer = (db: Executor, row: ConsumerRow) => db.insertInto('consumers').values(row).execute();

export const updateConsumerRow = (db: Executor, id: string, patch: Partial<ConsumerRow>) =>
  db.updateTable('consumers').set(patch).where('id', '=', id).execute();

/** Phones are stored without spaces and dashes so "138 0013 8000" and "13800138000" are one number. */
export const normalizePhone = (phone: string) => phone.replace(/[\s-]/g, '');
