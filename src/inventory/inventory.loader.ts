import { defineGroupLoader, defineLoader } from '../db/loader.js';
import { levelSnapshot } from './inventory.views.js';
import { findAdjustmentsByIds, findAlertsByAdjustmentIds, findInventoryOfItems } from './ledger.sql.js';

export const adjustmentLoader = defineLoader((context, accountId, ids) => findAdjustmentsByIds(context.db, accountId, ids));

/** Alerts are keyed by the adjustment that raised them; `id` here is that adjustment's id. */
export const alertLoader = defineLoader(async (context, accountId, ids) =>
  (await findAlertsByAdjustmentIds(context.db, accountId, ids)).map((alert) => ({ ...alert, id: alert.adjustment_id })),
);

/** Every shop's level of an item, batched over all the items a response shows. */
export const itemInventoryLoader = defineGroupLoader(
  async (context, accountId, itemIds) =>
    (await findInventoryOfItems(context.db, accountId, itemIds)).map((row) => ({ ...levelSnapshot(row), itemId: row.item_id })),
  (level) => level.itemId,
);
