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

/**
 * Quantity on hand of each item at the shop (0 where nothing was recorded), not locked, in item SKU
 * order: what a count's preview reads where reconciling locks with lockLevels.
 */
export async function findOnHandInSkuOrder(db: DB, accountId: string, shopId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('items')
    .leftJoin('inventory_levels', (join) =>
      join
        .onRef('inventory_levels.account_id', '=', 'items.account_id')
        .onRef('inventory_levels.item_id', '=', 'items.id')
        .on('inventory_levels.shop_id', '=', shopId),
    )
    .select((eb) => ['items.id as item_id', eb.fn.coalesce('inventory_levels.quantity_on_hand', eb.lit(0)).as('quantity_on_hand')])
    .where('items.account_id', '=', accountId)
    .where('items.id', 'in', itemIds)
    .orderBy('items.sku')
    .orderBy('items.id')
    .execute();
}
