import type { Transaction } from 'kysely';
import type { Database, DB } from '../db/database.js';
import type { OptionalModuleName } from './accounts.tables.js';

export function insertAccount(db: DB, account: { name: string; legacy: boolean }) {
  return db.insertInto('accounts').values(account).returningAll().executeTakeFirstOrThrow();
}

export function insertModuleSetting(db: DB, setting: { accountId: string; module: OptionalModuleName; enabled: boolean; locked: boolean }) {
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

/** Locks the setting row for the rest of the transaction (the switch is serialized per account). */
export function lockModuleSetting(trx: Transaction<Database>, accountId: string, module: OptionalModuleName) {
  return trx
    .selectFrom('account_modules')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('module', '=', module)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Reads the account's negative-inventory setting under a shared row lock until commit: a sign-in
 * copies the setting this way, so a switch (which takes the row exclusively) waits for it and
 * counts the new session in sessionsToRefresh.
 */
export function shareLockNegativeInventorySetting(trx: Transaction<Database>, accountId: string) {
  return trx
    .selectFrom('account_modules')
    .select('enabled')
    .where('account_id', '=', accountId)
    .where('module', '=', 'NEGATIVE_INVENTORY')
    .forShare()
    .execute();
}

export function updateModuleSetting(db: DB, accountId: string, module: OptionalModuleName, enabled: boolean) {
  return db
    .updateTable('account_modules')
    .set({ enabled, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('module', '=', module)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Unexpired sessions whose copied negative-inventory setting differs from `enabled`. */
export async function countSessionsWithOtherSetting(db: DB, accountId: string, enabled: boolean): Promise<number> {
  const { count } = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('expires_at', '>', new Date())
    .where('negative_inventory_enabled', '!=', enabled)
    .executeTakeFirstOrThrow();
  return Number(count);
}
