import { sql, type Insertable, type Selectable } from 'kysely';
import type { DB } from '../db/database.js';
import type {
  InventoryAdjustmentsTable,
  InventoryLevelsTable,
  NegativeInventoryAlertsTable,
} from './inventory.tables.js';

export type LevelRow = Selectable<InventoryLevelsTable>;
export type AdjustmentRow = Selectable<InventoryAdjustmentsTable>;
export type AlertRow = Selectable<NegativeInventoryAlertsTable>;

export function createLedgerHead(db: DB, accountId: string) {
  return db.insertInto('inventory_ledger_heads').values({ account_id: accountId }).execute();
}

/**
 * Adds each change to its (item, shop) quantity in one statement, creating rows that don't exist
 * yet (a missing row means 0). `changes` must be sorted by (item, shop) with one entry per pair:
 * rows are locked in the order of the VALUES list, and every writer uses the same order, so two
 * transactions over the same items can wait for each other but never deadlock.
 * The addition happens in SQL on the locked row, so concurrent writers never lose an update.
 */
export function addToLevels(
  db: DB,
  accountId: string,
  changes: readonly { itemId: string; shopId: string; quantityChange: number }[],
) {
  const now = new Date();
  return db
    .insertInto('inventory_levels')
    .values(
      changes.map((change) => ({
        account_id: accountId,
        item_id: change.itemId,
        shop_id: change.shopId,
        quantity_on_hand: change.quantityChange,
        updated_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'item_id', 'shop_id']).doUpdateSet((eb) => ({
        quantity_on_hand: sql<number>`${eb.ref('inventory_levels.quantity_on_hand')} + ${eb.ref('excluded.quantity_on_hand')}`,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .execute();
}

/**
 * Locks the (item, shop) rows that exist among `pairs`, in the fixed (item, shop) order, and
 * returns their quantities. For writers that must read a quantity before deciding the change
 * (an inventory count sets a quantity rather than adding to it).
 */
export function lockLevels(db: DB, accountId: string, pairs: readonly { itemId: string; shopId: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inventory_levels')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb(
        eb.refTuple('item_id', 'shop_id'),
        'in',
        pairs.map((pair) => eb.tuple(pair.itemId, pair.shopId)),
      ),
    )
    .orderBy('item_id')
    .orderBy('shop_id')
    .forUpdate()
    .execute();
}

/**
 * Hands out `count` consecutive ledger numbers. The head row is locked until commit, after the
 * inventory rows (the fixed order), so ledger numbers are given out in commit order: whoever gets
 * a higher number commits later. Readers paging by id never see a lower id appear behind them.
 */
export async function allocateAdjustmentIds(db: DB, accountId: string, count: number): Promise<bigint> {
  const head = await db
    .updateTable('inventory_ledger_heads')
    .set((eb) => ({ last_adjustment_id: sql<string>`${eb.ref('last_adjustment_id')} + ${count}` }))
    .where('account_id', '=', accountId)
    .returning('last_adjustment_id')
    .executeTakeFirstOrThrow();
  return BigInt(head.last_adjustment_id) - BigInt(count) + 1n;
}

export function insertAdjustments(db: DB, adjustments: Insertable<InventoryAdjustmentsTable>[]) {
  return db.insertInto('inventory_adjustments').values(adjustments).returningAll().execute();
}

export function insertAlerts(db: DB, alerts: Insertable<NegativeInventoryAlertsTable>[]) {
  if (alerts.length === 0) return Promise.resolve([]);
  return db.insertInto('negative_inventory_alerts').values(alerts).returningAll().execute();
}

/**
 * Holds the account's negative-inventory setting still until commit (a shared lock: writers don't
 * wait for each other). Taken by any write that leaves a quantity below zero, so it serializes
 * with the switch turning the module off, which takes the row exclusively: the switch either sees
 * the new negative quantity or commits before it exists.
 */
export function shareLockNegativeInventorySetting(db: DB, accountId: string) {
  return db
    .selectFrom('account_modules')
    .select('enabled')
    .where('account_id', '=', accountId)
    .where('module', '=', 'NEGATIVE_INVENTORY')
    .forShare()
    .execute();
}

export async function countNegativeLevels(db: DB, accountId: string): Promise<number> {
  const { count } = await db
    .selectFrom('inventory_levels')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('quantity_on_hand', '<', 0)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export function findAdjustmentsByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db
    .selectFrom('inventory_adjustments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .execute();
}

export function findAlertsByAdjustmentIds(db: DB, accountId: string, adjustmentIds: readonly string[]) {
  return db
    .selectFrom('negative_inventory_alerts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('adjustment_id', 'in', adjustmentIds)
    .execute();
}

/**
 * Quantity on hand of each item at every shop of the account (0 where nothing was recorded), for
 * many items in one query.
 */
export function findInventoryOfItems(db: DB, accountId: string, itemIds: readonly string[]) {
  return db
    .selectFrom('items')
    .innerJoin('shops', 'shops.account_id', 'items.account_id')
    .leftJoin('inventory_levels', (join) =>
      join
        .onRef('inventory_levels.account_id', '=', 'items.account_id')
        .onRef('inventory_levels.item_id', '=', 'items.id')
        .onRef('inventory_levels.shop_id', '=', 'shops.id'),
    )
    .select((eb) => [
      'items.account_id',
      'items.id as item_id',
      'shops.id as shop_id',
      eb.fn.coalesce('inventory_levels.quantity_on_hand', sql<number>`0`).as('quantity_on_hand'),
      'inventory_levels.updated_at',
    ])
    .where('items.account_id', '=', accountId)
    .where('items.id', 'in', itemIds)
    .orderBy('items.id')
    .orderBy('shops.name')
    .orderBy('shops.id')
    .execute();
}
