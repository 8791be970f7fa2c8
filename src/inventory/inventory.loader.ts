import { alertLoader } from '../alerts/alerts.loader.js';
import type { Context } from '../context.js';
import { defineGroupLoader, defineLoader, loadExisting } from '../db/loader.js';
import { levelSnapshot } from './inventory.views.js';
import { findAdjustmentsByIds, findInventoryOfItems } from './ledger.sql.js';

export const adjustmentLoader = defineLoader((context, accountId, ids) => findAdjustmentsByIds(context.db, accountId, ids));

/** Every shop's level of an item, batched over all the items a response shows. */
export const itemInventoryLoader = defineGroupLoader(
  async (context, accountId, itemIds) =>
    (await findInventoryOfItems(context.db, accountId, itemIds)).map((row) => ({ ...levelSnapshot(row), itemId: row.item_id })),
  (level) => level.itemId,
);

/** Loads ledger rows by id for a payload; they were written by the same request or its original. */
export function loadAdjustments(context: Context, ids: readonly string[]) {
  return Promise.all(ids.map((id) => loadExisting(adjustmentLoader(context), id, 'InventoryAdjustment')));
}

/** Loads the alerts a write raised (by the ids of the adjustments that raised them), for its payload. */
export function loadAlerts(context: Context, adjustmentIds: readonly string[]) {
  return Promise.all(adjustmentIds.map((id) => loadExisting(alertLoader(context), id, 'NegativeInventoryAlert')));
}
