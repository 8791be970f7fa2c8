import type { DB } from '../db/database.js';
import type { OptionalModuleName } from './accounts.tables.js';

export function insertAccount(db: DB, account: { name: string; legacy: boolean }) {
  return db.insertInto('accounts').values(account).returningAll().executeTakeFirstOrThrow();
}

export function insertModuleSetting(
  db: DB,
  setting: { accountId: string; module: OptionalModuleName; enabled: boolean; locked: boolean },
) {
  return db
    .insertInto('account_modules')
    .values({ account_id: setting.accountId, module: setting.module, enabled: setting.enabled, locked: setting.locked })
    .execute();
}

export function findAccountsByIds(db: DB, ids: readonly string[]) {
  return db.selectFrom('accounts').selectAll().where('id', 'in', ids).execute();
}

export function findModuleSettings(db: DB, accountIds: readonly string[]) {
  return db
    .selectFrom('account_modules')
    .selectAll()
    .where('account_id', 'in', accountIds)
    .orderBy('account_id')
    .orderBy('module')
    .execute();
}

export async function findModuleSetting(db: DB, accountId: string, module: OptionalModuleName) {
  return db
    .selectFrom('account_modules')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('module', '=', module)
    .executeTakeFirstOrThrow();
}
