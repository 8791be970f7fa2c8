import type { Transaction } from 'kysely';
import type { AccountCaller, EmployeeCaller } from '../auth/viewer.js';
import type { Database, DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { InventoryCountClosedError, NotFoundError } from '../errors/domain-errors.js';
import { applyMovements, compareItemShop, type Movement } from '../inventory/ledger.service.js';
import { findNegativeItemsOfShop, lockLevels } from '../inventory/ledger.sql.js';
import { resolveItemLines } from '../inventory/quantity-lines.js';
import { decodeId } from '../node/global-id.js';
import { findInTransitQuantities } from '../reports/reports.sql.js';
import { requireShopId } from '../shops/shops.service.js';
import {
  findCountLines,
  findCountsByIds,
  findOnHandInSkuOrder,
  insertCount,
  lockCount,
  markCountReconciled,
  upsertCountLines,
  type CountRow,
} from './counts.sql.js';

/** Opens a count at a shop: nothing changes on hand until it is reconciled. */
export async function startInventoryCount(db: DB, caller: EmployeeCaller, input: { shopId: string; name: string }): Promise<CountRow> {
  const shopId = await requireShopId(db, caller.accountId, input.shopId);
  return insertCount(db, { accountId: caller.accountId, shopId, name: input.name.trim(), employeeId: caller.employeeId });
}

/** The open count, locked until commit; NotFoundError with the ID as given, or closed. */
async function lockOpenCount(trx: Transaction<Database>, accountId: string, countGlobalId: string): Promise<CountRow> {
  const countId = decodeId(countGlobalId, 'InventoryCount');
  const count = countId ? await lockCount(trx, accountId, countId) : undefined;
  if (!count) throw new NotFoundError(countGlobalId, 'Inventory count');
  if (count.status !== 'OPEN') throw new InventoryCountClosedError();
  return count;
}

/** Records counted quantities; a later line for the same item (in this call or a later one) replaces it. */
export async function recordInventoryCount(
  db: DB,
  caller: EmployeeCaller,
  input: { countId: string; lines: readonly { itemId: string; countedQuantity: number }[] },
): Promise<CountRow> {
  return inTransaction(db, async (trx) => {
    const count = await lockOpenCount(trx, caller.accountId, input.countId);
    const lines = await resolveItemLines(
      trx,
      caller.accountId,
      input.lines.map((line) => ({ itemId: line.itemId, quantity: line.countedQuantity })),
    );
    // One row per item: the last line wins (an upsert can't touch the same row twice).
    const countedByItem = new Map(lines.map((line) => [line.itemId, line.quantity]));
    await upsertCountLines(
      trx,
      caller.accountId,
      count.id,
      [...countedByItem].map(([itemId, countedQuantity]) => ({ itemId, countedQuantity })),
    );
    return count;
  });
}

export interface ReconcileResult {
  count: CountRow;
  adjustmentIds: string[];
}

/** What reconciling a count changes for one item at the count's shop. */
export interface CountChange {
  itemId: string;
  quantityOnHand: number;
  /** Null for an uncounted item below zero, which reconciling sets to zero. */
  countedQuantity: number | null;
  quantityChange: number;
}

/**
 * What reconciling `count` changes, given the quantities on hand `readOnHand` returns for the
 * (item, count's shop) pairs it is asked about: the one decision reconcileInventoryCount acts on
 * (reading them locked) and previewInventoryCount shows (reading them plainly), so the preview
 * can't drift from what reconciling does. Counted items whose count differs from the quantity on
 * hand come first, in lock order; then (with zeroUncountedNegatives) the shop's uncounted items
 * still below zero. An uncounted item that a receipt brought back to zero or more since
 * findNegativeItemsOfShop looked is left alone.
 */
async function planReconcile(
  db: DB,
  accountId: string,
  count: CountRow,
  zeroUncountedNegatives: boolean,
  readOnHand: (pairs: { itemId: string; shopId: string }[]) => Promise<readonly { item_id: string; quantity_on_hand: number }[]>,
): Promise<CountChange[]> {
  const shopId = count.shop_id;
  const countLines = await findCountLines(db, accountId, [count.id]);
  const countedByItem = new Map(countLines.map((line) => [line.item_id, line.counted_quantity]));
  const countedItemIds = [...countedByItem.keys()].sort((a, b) => compareItemShop({ itemId: a, shopId }, { itemId: b, shopId }));

  const uncountedNegativeIds = zeroUncountedNegatives
    ? (await findNegativeItemsOfShop(db, accountId, shopId)).filter((itemId) => !countedByItem.has(itemId))
    : [];
  const pairs = [...countedItemIds, ...uncountedNegativeIds].map((itemId) => ({ itemId, shopId })).sort(compareItemShop);
  const onHandByItem = new Map((await readOnHand(pairs)).map((level) => [level.item_id, level.quantity_on_hand]));

  const counted = countedItemIds.map((itemId) => {
    const quantityOnHand = onHandByItem.get(itemId) ?? 0;
    const countedQuantity = countedByItem.get(itemId)!;
    return { itemId, quantityOnHand, countedQuantity, quantityChange: countedQuantity - quantityOnHand };
  });
  const uncounted = uncountedNegativeIds.map((itemId) => {
    const quantityOnHand = onHandByItem.get(itemId) ?? 0;
    return { itemId, quantityOnHand, countedQuantity: null, quantityChange: -quantityOnHand };
  });
  // A counted item equal to its count changes nothing (and would write nothing: applyMovements
  // skips pairs that net to zero).
  return [...counted.filter((change) => change.quantityChange !== 0), ...uncounted.filter((change) => change.quantityChange > 0)];
}

/**
 * Sets each counted item's quantity on hand at the count's shop to its counted quantity, and (with
 * zeroUncountedNegatives) every other item of the shop that is below zero to 0, in one transaction.
 * Each difference is an INVENTORY_COUNT adjustment whose source is the count, measured against the
 * quantity on hand at reconcile time, so sales recorded between counting and reconciling are
 * absorbed rather than counted twice.
 *
 * Correct under concurrent sales: the count row is locked first; then every level row to touch
 * (counted items and the shop's negative ones) is locked, and created at 0 where missing, with
 * lockLevels in the writers' (item, shop) order, so the deltas come from quantities no one else can
 * change before commit, and applyMovements adds them on those locked rows. An item that went below zero after we
 * looked is not zeroed: its sale came after the reconcile. Allowed whatever the negative-inventory
 * setting: no result is below zero.
 */
export async function reconcileInventoryCount(
  db: DB,
  caller: EmployeeCaller,
  input: { countId: string; zeroUncountedNegatives?: boolean | null },
): Promise<ReconcileResult> {
  return inTransaction(db, async (trx) => {
    const count = await lockOpenCount(trx, caller.accountId, input.countId);
    const shopId = count.shop_id;
    const changes = await planReconcile(trx, caller.accountId, count, input.zeroUncountedNegatives ?? true, (pairs) =>
      lockLevels(trx, caller.accountId, pairs),
    );
    const movements = (uncounted: boolean): Movement[] =>
      changes
        .filter((change) => (change.countedQuantity === null) === uncounted)
        .map((change) => ({ itemId: change.itemId, shopId, quantityChange: change.quantityChange }));

    const entry = {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      reason: 'INVENTORY_COUNT' as const,
      source: { type: 'INVENTORY_COUNT' as const, id: count.id },
      allowNegative: true,
    };
    // Every row is locked already, so two calls can't deadlock; the note tells the back office
    // which lines were set to 0 without being counted.
    const counted = await applyMovements(trx, { ...entry, movements: movements(false) });
    const uncounted = await applyMovements(trx, {
      ...entry,
      note: 'Not counted: below zero, set to 0 by reconciling the count.',
      movements: movements(true),
    });
    const reconciled = await markCountReconciled(trx, caller.accountId, count.id);
    return {
      count: reconciled,
      adjustmentIds: [...counted.adjustmentIds, ...uncounted.adjustmentIds],
    };
  });
}

export interface CountPreviewRow extends CountChange {
  /** Units of the item on transfers sent to the count's shop and not yet received. */
  inTransitQuantity: number;
}

/**
 * What reconcileInventoryCount would change now (planReconcile, on quantities read without locking
 * or writing anything), in item SKU order, with the units in transit to the count's shop: staff
 * receive those first. Empty once the count is reconciled. Read in one snapshot, so the count, its
 * lines and the quantities agree.
 */
export async function previewInventoryCount(
  db: DB,
  caller: AccountCaller,
  count: CountRow,
  zeroUncountedNegatives: boolean,
): Promise<CountPreviewRow[]> {
  if (count.status !== 'OPEN') return [];
  return inTransaction(
    db,
    async (trx) => {
      const [current] = await findCountsByIds(trx, caller.accountId, [count.id]);
      if (current?.status !== 'OPEN') return [];
      const shopId = current.shop_id;
      let skuOrder: string[] = [];
      const changes = await planReconcile(trx, caller.accountId, current, zeroUncountedNegatives, async (pairs) => {
        const levels = await findOnHandInSkuOrder(
          trx,
          caller.accountId,
          shopId,
          pairs.map((pair) => pair.itemId),
        );
        skuOrder = levels.map((level) => level.item_id);
        return levels;
      });
      const inTransit = await findInTransitQuantities(
        trx,
        caller.accountId,
        changes.map((change) => change.itemId),
        [shopId],
      );
      const inTransitByItem = new Map(inTransit.map((row) => [row.item_id, Number(row.quantity)]));
      const changeByItem = new Map(changes.map((change) => [change.itemId, change]));
      return skuOrder.flatMap((itemId) => {
        const change = changeByItem.get(itemId);
        return change ? [{ ...change, inTransitQuantity: inTransitByItem.get(itemId) ?? 0 }] : [];
      });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
