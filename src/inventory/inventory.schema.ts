import { brandWithType } from '@pothos/core';
import { z } from 'zod';
import { NegativeInventoryAlertRef } from '../alerts/alerts.schema.js';
import { employeeCaller } from '../context.js';
import { countLoader } from '../counts/counts.loader.js';
import { InventoryCountRef } from '../counts/counts.schema.js';
import { loadExisting, loadNodes } from '../db/loader.js';
import { EmployeeRef } from '../employees/employees.schema.js';
import { employeeLoader } from '../employees/employees.loader.js';
import { IdempotencyConflictError, InsufficientInventoryError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { saleLoader } from '../sales/sales.loader.js';
import { SaleRef } from '../sales/sales.schema.js';
import { builder } from '../schema/builder.js';
import { perShopComplexity } from '../schema/complexity.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { transferLoader } from '../transfers/transfers.loader.js';
import { TransferRef } from '../transfers/transfers.schema.js';
import { vendorReturnLoader } from '../vendor-returns/vendor-returns.loader.js';
import { VendorReturnRef } from '../vendor-returns/vendor-returns.schema.js';
import { adjustmentLoader, itemInventoryLoader, loadAdjustments, loadAlerts } from './inventory.loader.js';
import { AdjustmentReasonEnum, InventoryAdjustmentRef, InventoryLevelRef } from './inventory.refs.js';
import { adjustInventory, receiveStock, type AdjustInventoryResult, type ReceiveStockResult } from './inventory.service.js';
import type { AdjustmentRow } from './ledger.sql.js';
import { maxQuantity } from './quantity-lines.js';
import { idempotencyKeyRule, linesRule, QuantityLineInput } from './quantity-lines.schema.js';
import type { Context } from '../context.js';

InventoryLevelRef.implement({
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (level, _args, context) => loadItem(context, level.itemId) }),
    shop: t.field({ type: ShopRef, resolve: (level, _args, context) => loadShop(context, level.shopId) }),
    quantityOnHand: t.exposeInt('quantityOnHand', { description: 'May be below zero when negative inventory is on.' }),
    sellableQuantity: t.int({
      description: "What the shop can sell: quantityOnHand, or 0 where that is below zero (for integrations that can't handle negatives).",
      resolve: (level) => Math.max(level.quantityOnHand, 0),
    }),
    updatedAt: t.field({
      type: DateTime,
      nullable: true,
      description: 'Null where nothing was ever recorded for the item at that shop.',
      resolve: (level) => (level.updatedAt ? new Date(level.updatedAt) : null),
    }),
  }),
});

builder.objectField(ItemRef, 'inventory', (t) =>
  t.field({
    type: [InventoryLevelRef],
    description: 'Quantity on hand at every shop of the account (0 where nothing was ever recorded).',
    complexity: perShopComplexity,
    resolve: (item, _args, context) => itemInventoryLoader(context).load(item.id),
  }),
);

/** Marks a loaded row with its Node type, for the Node interface to resolve (brandWithType returns nothing). */
function branded<Row extends object>(row: Row, type: Parameters<typeof brandWithType>[1]): Row {
  brandWithType(row, type);
  return row;
}

/** The document an adjustment came from, as the Node type a client can refetch. */
async function loadSource(adjustment: AdjustmentRow, context: Context) {
  if (!adjustment.source_type || !adjustment.source_id) return null;
  const id = adjustment.source_id;
  switch (adjustment.source_type) {
    case 'SALE':
      return branded(await loadExisting(saleLoader(context), id, 'Sale'), SaleRef);
    case 'TRANSFER':
      return branded(await loadExisting(transferLoader(context), id, 'Transfer'), TransferRef);
    case 'VENDOR_RETURN':
      return branded(await loadExisting(vendorReturnLoader(context), id, 'VendorReturn'), VendorReturnRef);
    case 'INVENTORY_COUNT':
      return branded(await loadExisting(countLoader(context), id, 'InventoryCount'), InventoryCountRef);
  }
}

builder.node(InventoryAdjustmentRef, {
  description: 'One entry of the inventory ledger. For each item and shop, quantityOnHand is the sum of its adjustments.',
  id: { resolve: (adjustment) => adjustment.id },
  loadMany: loadNodes(adjustmentLoader),
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (adjustment, _args, context) => loadItem(context, adjustment.item_id) }),
    shop: t.field({ type: ShopRef, resolve: (adjustment, _args, context) => loadShop(context, adjustment.shop_id) }),
    quantityChange: t.exposeInt('quantity_change'),
    quantityBefore: t.exposeInt('quantity_before'),
    quantityAfter: t.exposeInt('quantity_after'),
    reason: t.expose('reason', { type: AdjustmentReasonEnum }),
    source: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The sale, transfer, vendor return or inventory count that made it; null for RECEIVING and MANUAL.',
      resolve: (adjustment, _args, context) => loadSource(adjustment, context) as never,
    }),
    employee: t.field({
      type: EmployeeRef,
      nullable: true,
      resolve: (adjustment, _args, context) => (adjustment.employee_id ? employeeLoader(context).load(adjustment.employee_id) : null),
    }),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('created_at', { type: DateTime }),
  }),
});

const ReceiveStockInput = builder.inputType('ReceiveStockInput', {
  fields: (t) => ({
    shopId: t.id({ required: true }),
    lines: t.field({ type: [QuantityLineInput], required: true, validate: linesRule }),
    idempotencyKey: t.string({ validate: idempotencyKeyRule }),
  }),
});

const ReceiveStockPayload = builder.objectRef<ReceiveStockResult>('ReceiveStockPayload').implement({
  fields: (t) => ({
    levels: t.expose('levels', { type: [InventoryLevelRef] }),
    adjustments: t.field({
      type: [InventoryAdjustmentRef],
      resolve: (result, _args, context) => loadAdjustments(context, result.adjustmentIds),
    }),
  }),
});

builder.mutationField('receiveStock', (t) =>
  t.field({
    type: ReceiveStockPayload,
    description: 'Admin or manager.',
    authScopes: { managerOrAdmin: true },
    errors: {
      types: [ValidationError, NotFoundError, IdempotencyConflictError],
      union: { name: 'ReceiveStockResult' },
    },
    args: { input: t.arg({ type: ReceiveStockInput, required: true }) },
    resolve: (_root, { input }, context) => receiveStock(context.db, employeeCaller(context), input),
  }),
);

const AdjustInventoryInput = builder.inputType('AdjustInventoryInput', {
  fields: (t) => ({
    shopId: t.id({ required: true }),
    itemId: t.id({ required: true }),
    quantityChange: t.int({
      required: true,
      description: "Any non-zero whole number; below zero is held to the session's negative-inventory setting.",
      validate: z
        .number()
        .int()
        .refine((change) => change !== 0, 'The change may not be 0.')
        .refine((change) => Math.abs(change) <= maxQuantity, `The change is at most ${maxQuantity.toLocaleString('en')} units.`),
    }),
    note: t.string({ validate: z.string().max(1000, 'A note is at most 1,000 characters.') }),
    idempotencyKey: t.string({ validate: idempotencyKeyRule }),
  }),
});

const AdjustInventoryPayload = builder.objectRef<AdjustInventoryResult>('AdjustInventoryPayload').implement({
  fields: (t) => ({
    level: t.expose('level', { type: InventoryLevelRef }),
    adjustment: t.field({
      type: InventoryAdjustmentRef,
      resolve: (result, _args, context) => loadExisting(adjustmentLoader(context), result.adjustmentId, 'InventoryAdjustment'),
    }),
    alerts: t.field({
      type: [NegativeInventoryAlertRef],
      resolve: (result, _args, context) => loadAlerts(context, result.alertIds),
    }),
  }),
});

builder.mutationField('adjustInventory', (t) =>
  t.field({
    type: AdjustInventoryPayload,
    description: 'Admin or manager.',
    authScopes: { managerOrAdmin: true },
    errors: {
      types: [ValidationError, NotFoundError, InsufficientInventoryError, IdempotencyConflictError],
      union: { name: 'AdjustInventoryResult' },
    },
    args: { input: t.arg({ type: AdjustInventoryInput, required: true }) },
    resolve: (_root, { input }, context) => adjustInventory(context.db, employeeCaller(context), input),
  }),
);
