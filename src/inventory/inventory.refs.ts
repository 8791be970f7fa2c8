import { builder } from '../schema/builder.js';
import type { LevelSnapshot } from './inventory.views.js';
import type { AdjustmentRow } from './ledger.sql.js';

// The inventory types other areas' schema files show (a payload's levels, a count's or an alert's
// adjustment, the reason filters), declared here and implemented in inventory.schema.ts. That file
// shows the other areas' types in turn (an adjustment's source document, a payload's alerts), so
// importing them from it would close an import cycle; Pothos resolves a ref when the schema is
// built, so using one before its fields are defined is fine (Pothos' "circular references" guide).

export const AdjustmentReasonEnum = builder.enumType('AdjustmentReason', {
  description: "Why an item's quantity on hand changed.",
  values: ['SALE', 'TRANSFER_OUT', 'TRANSFER_IN', 'VENDOR_RETURN', 'INVENTORY_COUNT', 'RECEIVING', 'MANUAL'] as const,
});

export const InventoryLevelRef = builder.objectRef<LevelSnapshot>('InventoryLevel');

/** A Node: inventory.schema.ts implements it with builder.node. */
export const InventoryAdjustmentRef = builder.objectRef<AdjustmentRow>('InventoryAdjustment');
