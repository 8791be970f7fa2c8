import type { DB } from '../db/database.js';

export function findShopsByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('shops').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function listShops(db: DB, accountId: string) {
  return db.selectFrom('shops').selectAll().where('account_id', '=', accountId).orderBy('name').orderBy('id').execute();
}

export function insertShop(db: DB, accountId: string, name: string) {
  return db.insertInto('shops').values({ account_id: accountId, name }).returningAll().executeTakeFirstOrThrow();
}
