import type { Executor } from '../../platform/db/database.js';

export const findOperatorByAccount = (db: Executor, account: string) =>
  db.selectFrom('operators').selectAll().where('account', '=', account).executeTakeFirst();

export const findOperator = (db: Executor, id: string) => db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();

export const countOperators = async (db: Executor) =>
  Number(
    (
      await db
        .selectFrom('operators')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertOperator = (db: Executor, row: { id: string; account: string; password_hash: string; created_at: number }) =>
  db.insertInto('operators').values(row).execute();

export const updateOperatorPassword = (db: Executor, id: string, passwordHash: string) =>
  db.updateTable('operators').set({ password_hash: passwordHash }).where('id', '=', id).execute();

export const getSetting = async (db: Executor, key: string) =>
  (await db.selectFrom('platform_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

export const putSetting = (db: Executor, key: string, value: string, now: number) =>
  db
    .insertInto('platform_settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();

export const deleteSetting = (db: Executor, key: string) => db.deleteFrom('platform_settings').where('key', '=', key).execute();
