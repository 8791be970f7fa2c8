import type { Selectable, Transaction } from 'kysely';
import type { Database, DB } from '../db/database.js';
import type { InventoryCountsTable } from './counts.tables.js';

export type CountRow = Selectable<InventoryCountsTable>;

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

export function insertCount(db: DB, count: { accountId: string; shopId: string; name: string; employeeId: string | null }) {
  return db
    .insertInto('inventory_counts')
    .values({ account_id: count.accountId, shop_id: count.shopId, name: count.name, status: 'OPEN', employee_id: count.employeeId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Locks a count until commit. Recording and reconciling lock it first, before any inventory row
 * (nothing locks them the other way round), so a line can't be recorded into a count being
 * reconciled, and a count is reconciled once.
 */
export function lockCount(trx: Transaction<Database>, accountId: string, countId: string) {
  return trx
    .selectFrom('inventory_counts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', countId)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets each item's counted quantity; `lines` has one entry per item (a later count replaces it). */
export function upsertCountLines(
  db: DB,
  accountId: string,
  countId: string,
  lines: readonly { itemId: string; countedQuantity: number }[],
) {
  const now = new Date();
  return db
    .insertInto('inventory_count_lines')
    .values(
      lines.map((line) => ({
        account_id: accountId,
        count_id: countId,
        item_id: line.itemId,
        counted_quantity: line.countedQuantity,
        updated_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'count_id', 'item_id']).doUpdateSet((eb) => ({
        counted_quantity: eb.ref('excluded.counted_quantity'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export function markCountReconciled(db: DB, accountId: string, countId: string) {
  return db
    .updateTable('inventory_counts')
    .set({ status: 'RECONCILED', reconciled_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', countId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
