import { sql, type Selectable, type Transaction } from 'kysely';
import type { Database, DB } from '../db/database.js';
import type { AdjustmentReason, AdjustmentSourceType, InventoryAdjustmentsTable, InventoryLevelsTable } from './inventory.tables.js';
import type { LevelSnapshot } from './inventory.views.js';

export type LevelRow = Selectable<InventoryLevelsTable>;
export type AdjustmentRow = Selectable<InventoryAdjustmentsTable>;

/** What the stock-movement functions (migrations/2026-12-02T0200_stock_movement_functions.ts) answer. */
export interface MovementResult {
  /** The (item, shop) quantities the write changed, in lock order. */
  levels: LevelSnapshot[];
  /** The ledger rows written, in lock order. */
  adjustmentIds: string[];
  /** The alerts raised: ids of the adjustments that took a quantity below zero. */
  alertIds: string[];
}

export interface MovementEntry {
  accountId: string;
  reason: AdjustmentReason;
  source: { type: AdjustmentSourceType; id: string } | null;
  employeeId: string | null;
  note: string | null;
  /** False: a change that would leave a quantity below zero refuses the whole write. */
  allowNegative: boolean;
  /** Any order, pairs may repeat: the function sums them per (item, shop) and sorts them. */
  movements: readonly { itemId: string; shopId: string; quantityChange: number }[];
}

/**
 * Applies movements through `inventory_apply_movements`, the only way quantities change (its
 * comment in the migration states the lock order and the rules). One statement, inside the
 * caller's transaction: its row locks are held until that commits.
 */
export async function applyMovementsStatement(trx: Transaction<Database>, entry: MovementEntry): Promise<MovementResult> {
  const { rows } = await sql<{ result: MovementResult }>`
    select inventory_apply_movements(
      ${entry.accountId}::bigint, ${entry.reason}::text, ${entry.source?.type ?? null}::text,
      ${entry.source?.id ?? null}::bigint, ${entry.employeeId}::bigint, ${entry.note}::text, ${entry.allowNegative}::boolean,
      ${entry.movements.map((movement) => movement.itemId)}::bigint[],
      ${entry.movements.map((movement) => movement.shopId)}::bigint[],
      ${entry.movements.map((movement) => movement.quantityChange)}::integer[]
    ) as result
  `.execute(trx);
  return rows[0]!.result;
}

/**
 * Locks the (item, shop) rows of `pairs` and returns their quantities, creating at 0 the ones that
 * don't exist yet: for writers that must read a quantity before deciding the change (an inventory
 * count sets a quantity rather than adding to it). `pairs` must be sorted by (item, shop), unique.
 *
 * One statement, rows taken in the VALUES order like inventory_apply_movements: a row this
 * transaction creates is as good as locked (a writer inserting it waits for us), so creating the
 * missing rows first and locking the others afterwards would take rows out of the fixed order and
 * could deadlock with a sale. A 0 row with no adjustments keeps the ledger invariant (the sum of
 * none is 0).
 */
export function lockLevels(trx: Transaction<Database>, accountId: string, pairs: readonly { itemId: string; shopId: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  return trx
    .insertInto('inventory_levels')
    .values(pairs.map((pair) => ({ account_id: accountId, item_id: pair.itemId, shop_id: pair.shopId, quantity_on_hand: 0 })))
    .onConflict((conflict) =>
      conflict
        .columns(['account_id', 'item_id', 'shop_id'])
        // Changes nothing; it is how an upsert locks the existing row.
        .doUpdateSet((eb) => ({ quantity_on_hand: eb.ref('inventory_levels.quantity_on_hand') })),
    )
    .returningAll()
    .execute();
}

/** The shop's items below zero now (not locked: the caller locks them in order with lockLevels). */
export async function findNegativeItemsOfShop(db: DB, accountId: string, shopId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('inventory_levels')
    .select('item_id')
    .where('account_id', '=', accountId)
    .where('shop_id', '=', shopId)
    .where('quantity_on_hand', '<', 0)
    .execute();
  return rows.map((row) => row.item_id);
}

/**
 * Waits for every write in flight that left one of the account's quantities below zero (they hold
 * this lock shared, see inventory_apply_movements) and keeps new ones out until commit: after it,
 * counting the negative levels gives a number no concurrent write can change.
 */
export async function lockOutNegativeWrites(trx: Transaction<Database>, accountId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(negative_inventory_setting_lock_key(${accountId}::bigint))`.execute(trx);
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
  return db.selectFrom('inventory_adjustments').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
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
