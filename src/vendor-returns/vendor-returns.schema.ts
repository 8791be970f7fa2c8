import type { Selectable } from 'kysely';
import { z } from 'zod';
import { NegativeInventoryAlertRef } from '../alerts/alerts.schema.js';
import { employeeCaller } from '../context.js';
import { loadExisting, loadNodes } from '../db/loader.js';
import { IdempotencyConflictError, InsufficientInventoryError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { loadAlerts } from '../inventory/inventory.loader.js';
import { InventoryLevelRef } from '../inventory/inventory.refs.js';
import { documentLineType, idempotencyKeyRule, linesRule, QuantityLineInput } from '../inventory/quantity-lines.schema.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { vendorReturnLinesLoader, vendorReturnLoader } from './vendor-returns.loader.js';
import { returnToVendor, type VendorReturnResult } from './vendor-returns.service.js';
import type { VendorReturnsTable } from './vendor-returns.tables.js';

type VendorReturnRow = Selectable<VendorReturnsTable>;

const VendorReturnLineRef = documentLineType('VendorReturnLine');

export const VendorReturnRef = builder.node(builder.objectRef<VendorReturnRow>('VendorReturn'), {
  id: { resolve: (vendorReturn) => vendorReturn.id },
  loadMany: loadNodes(vendorReturnLoader),
  fields: (t) => ({
    shop: t.field({ type: ShopRef, resolve: (vendorReturn, _args, context) => loadShop(context, vendorReturn.shop_id) }),
    vendor: t.exposeString('vendor'),
    lines: t.field({
      type: [VendorReturnLineRef],
      resolve: (vendorReturn, _args, context) => vendorReturnLinesLoader(context).load(vendorReturn.id),
    }),
    createdAt: t.expose('created_at', { type: DateTime }),
  }),
});

const VendorReturnInput = builder.inputType('VendorReturnInput', {
  fields: (t) => ({
    shopId: t.id({ required: true }),
    vendor: t.string({
      required: true,
      validate: z.string().trim().min(1, 'Vendor is required.').max(200, 'Vendor is at most 200 characters.'),
    }),
    lines: t.field({ type: [QuantityLineInput], required: true, validate: linesRule }),
    idempotencyKey: t.string({ validate: idempotencyKeyRule }),
  }),
});

const VendorReturnPayload = builder.objectRef<VendorReturnResult>('VendorReturnPayload').implement({
  fields: (t) => ({
    vendorReturn: t.field({
      type: VendorReturnRef,
      resolve: (result, _args, context) => loadExisting(vendorReturnLoader(context), result.vendorReturnId, 'VendorReturn'),
    }),
    levels: t.expose('levels', { type: [InventoryLevelRef] }),
    alerts: t.field({
      type: [NegativeInventoryAlertRef],
      resolve: (result, _args, context) => loadAlerts(context, result.alertIds),
    }),
  }),
});

builder.mutationField('vendorReturn', (t) =>
  t.field({
    type: VendorReturnPayload,
    description: 'Admin or manager.',
    authScopes: { managerOrAdmin: true },
    errors: {
      types: [ValidationError, NotFoundError, InsufficientInventoryError, IdempotencyConflictError],
      union: { name: 'VendorReturnResult' },
    },
    args: { input: t.arg({ type: VendorReturnInput, required: true }) },
    resolve: (_root, { input }, context) => returnToVendor(context.db, employeeCaller(context), input),
  }),
);
