import type { DB } from '../db/database.js';

export function findCountsByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('inventory_counts').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function findCountLines(db: DB, accountId: string, countIds: readonly string[]) {
  return db
    .selectFrom('inventory_count_lines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('count_id', 'in', countIds)
    .orderBy('count_id')
    .orderBy('item_id')
    .execute();
}
