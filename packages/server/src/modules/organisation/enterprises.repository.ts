import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { EnterprisesTable } from '../../platform/db/schema.js';

export type EnterpriseRow = Selectable<EnterprisesTable>;

export const findEnterpriseById = (db: Executor, id: string) =>
  db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();

export const findEnterpriseByCode = (db: Executor, code: string) =>
  db.selectFrom('enterprises').selectAll().where('code', '=', code).executeTakeFirst();

export const insertEnterprise = (db: Executor, row: EnterpriseRow) => db.insertInto('enterprises').values(row).execute();

export const updateEnterpriseRow = (db: Executor, id: string, patch: Partial<EnterpriseRow>) =>
  db.updateTable('enterprises').set(patch).where('id', '=', id).execute();
