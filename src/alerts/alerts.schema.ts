import type { Selectable } from 'kysely';
import { GraphQLError } from 'graphql';
import { loadExisting, loadNodes } from '../db/loader.js';
import { adjustmentLoader, alertLoader } from '../inventory/inventory.loader.js';
import { AdjustmentReasonEnum, InventoryAdjustmentRef } from '../inventory/inventory.schema.js';
import type { NegativeInventoryAlertsTable } from '../inventory/inventory.tables.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { encodeCursor } from '../schema/pagination.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';

/** An alert row; its id is the id of the adjustment that raised it. */
export type AlertRow = Selectable<NegativeInventoryAlertsTable> & { id: string };

/** Alert cursors are the raising adjustment's ledger number: commit order (see the migration). */
export function alertCursor(alert: Pick<AlertRow, 'adjustment_id'>): string {
  return encodeCursor([alert.adjustment_id]);
}

export const NegativeInventoryAlertRef = builder.node(builder.objectRef<AlertRow>('NegativeInventoryAlert'), {
  description: 'Raised when an item at a shop goes from zero or more on hand to below zero.',
  id: { resolve: (alert) => alert.adjustment_id },
  loadMany: loadNodes(alertLoader),
  fields: (t) => ({
    cursor: t.string({
      description:
        'Opaque. Alerts of an account are delivered in commit order, and cursors follow that order:\npass one as `after` to resume the stream without gaps.',
      resolve: alertCursor,
    }),
    item: t.field({ type: ItemRef, resolve: (alert, _args, context) => loadItem(context, alert.item_id) }),
    shop: t.field({ type: ShopRef, resolve: (alert, _args, context) => loadShop(context, alert.shop_id) }),
    quantityBefore: t.exposeInt('quantity_before'),
    quantityAfter: t.exposeInt('quantity_after'),
    reason: t.expose('reason', { type: AdjustmentReasonEnum }),
    adjustment: t.field({
      type: InventoryAdjustmentRef,
      resolve: (alert, _args, context) => loadExisting(adjustmentLoader(context), alert.adjustment_id, 'InventoryAdjustment'),
    }),
    occurredAt: t.expose('occurred_at', { type: DateTime }),
  }),
});

builder.subscriptionField('negativeInventoryAlerts', (t) =>
  t.field({
    type: NegativeInventoryAlertRef,
    args: { shopId: t.arg.id(), after: t.arg.string() },
    subscribe: () => {
      throw new GraphQLError('negativeInventoryAlerts is not implemented yet.');
    },
    resolve: (alert: AlertRow) => alert,
  }),
);
