import type { Selectable } from 'kysely';
import { z } from 'zod';
import { accountCaller, employeeCaller } from '../context.js';
import { loadNodes } from '../db/loader.js';
import { InventoryCountClosedError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { loadAdjustments } from '../inventory/inventory.loader.js';
import { InventoryAdjustmentRef } from '../inventory/inventory.refs.js';
import { maxQuantity } from '../inventory/quantity-lines.js';
import { linesRule } from '../inventory/quantity-lines.schema.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { countLinesLoader, countLoader } from './counts.loader.js';
import {
  previewInventoryCount,
  reconcileInventoryCount,
  recordInventoryCount,
  startInventoryCount,
  type CountPreviewRow,
  type ReconcileResult,
} from './counts.service.js';
import type { CountRow } from './counts.sql.js';
import type { InventoryCountLinesTable } from './counts.tables.js';

type CountLineRow = Selectable<InventoryCountLinesTable>;

const countedQuantityRule = z
  .number()
  .int()
  .min(0, 'A counted quantity is at least 0.')
  .max(maxQuantity, `A counted quantity is at most ${maxQuantity.toLocaleString('en')}.`);

export const InventoryCountStatusEnum = builder.enumType('InventoryCountStatus', { values: ['OPEN', 'RECONCILED'] as const });

const InventoryCountLineRef = builder.objectRef<CountLineRow>('InventoryCountLine').implement({
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (line, _args, context) => loadItem(context, line.item_id) }),
    countedQuantity: t.exposeInt('counted_quantity'),
  }),
});

const InventoryCountChangeRef = builder.objectRef<CountPreviewRow>('InventoryCountChange').implement({
  description: 'What reconciling an open inventory count would change for one item.',
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (change, _args, context) => loadItem(context, change.itemId) }),
    quantityOnHand: t.exposeInt('quantityOnHand', { description: "Now, at the count's shop." }),
    countedQuantity: t.exposeInt('countedQuantity', {
      nullable: true,
      description: 'Null for an uncounted item below zero, which reconciling sets to zero when zeroUncountedNegatives.',
    }),
    quantityChange: t.exposeInt('quantityChange', { description: 'What reconciling would add (negative: take away).' }),
    inTransitQuantity: t.exposeInt('inTransitQuantity', {
      description:
        "Units of this item on transfers sent to the count's shop and not yet received. Receive them\n" +
        'before reconciling: received afterwards, they come on top of the counted quantity.',
    }),
  }),
});

export const InventoryCountRef = builder.node(builder.objectRef<CountRow>('InventoryCount'), {
  id: { resolve: (count) => count.id },
  loadMany: loadNodes(countLoader),
  fields: (t) => ({
    shop: t.field({ type: ShopRef, resolve: (count, _args, context) => loadShop(context, count.shop_id) }),
    name: t.exposeString('name'),
    status: t.expose('status', { type: InventoryCountStatusEnum }),
    lines: t.field({
      type: [InventoryCountLineRef],
      resolve: (count, _args, context) => countLinesLoader(context).load(count.id),
    }),
    createdAt: t.expose('created_at', { type: DateTime }),
    reconciledAt: t.expose('reconciled_at', { type: DateTime, nullable: true }),
    preview: t.field({
      type: [InventoryCountChangeRef],
      description:
        'What reconcileInventoryCount would change now, one row per item whose quantity would change,\n' +
        'in item SKU order. Empty once the count is reconciled.',
      args: { zeroUncountedNegatives: t.arg.boolean({ defaultValue: true }) },
      resolve: (count, args, context) =>
        previewInventoryCount(context.db, accountCaller(context), count, args.zeroUncountedNegatives ?? true),
    }),
  }),
});

const CountLineInput = builder.inputType('CountLineInput', {
  fields: (t) => ({
    itemId: t.id({ required: true }),
    countedQuantity: t.int({
      required: true,
      description: 'A whole number from 0 to 1,000,000: what is physically on the shelf.',
      validate: countedQuantityRule,
    }),
  }),
});

const StartInventoryCountInput = builder.inputType('StartInventoryCountInput', {
  fields: (t) => ({
    shopId: t.id({ required: true }),
    name: t.string({ required: true, validate: z.string().trim().min(1, 'Name is required.').max(200, 'Name is too long.') }),
  }),
});

const RecordInventoryCountInput = builder.inputType('RecordInventoryCountInput', {
  fields: (t) => ({
    countId: t.id({ required: true }),
    lines: t.field({ type: [CountLineInput], required: true, validate: linesRule }),
  }),
});

const ReconcileInventoryCountInput = builder.inputType('ReconcileInventoryCountInput', {
  fields: (t) => ({
    countId: t.id({ required: true }),
    zeroUncountedNegatives: t.boolean({
      defaultValue: true,
      description: 'Also set to zero every item of the shop that is below zero and was not counted.',
    }),
  }),
});

const StartInventoryCountPayload = builder.objectRef<{ count: CountRow }>('StartInventoryCountPayload').implement({
  fields: (t) => ({ count: t.expose('count', { type: InventoryCountRef }) }),
});

const RecordInventoryCountPayload = builder.objectRef<{ count: CountRow }>('RecordInventoryCountPayload').implement({
  fields: (t) => ({ count: t.expose('count', { type: InventoryCountRef }) }),
});

const ReconcileInventoryCountPayload = builder.objectRef<ReconcileResult>('ReconcileInventoryCountPayload').implement({
  fields: (t) => ({
    count: t.expose('count', { type: InventoryCountRef }),
    adjustments: t.field({
      type: [InventoryAdjustmentRef],
      resolve: (result, _args, context) => loadAdjustments(context, result.adjustmentIds),
    }),
  }),
});

builder.mutationField('startInventoryCount', (t) =>
  t.field({
    type: StartInventoryCountPayload,
    description: 'Admin or manager.',
    authScopes: { managerOrAdmin: true },
    errors: { types: [ValidationError, NotFoundError], union: { name: 'StartInventoryCountResult' } },
    args: { input: t.arg({ type: StartInventoryCountInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      count: await startInventoryCount(context.db, employeeCaller(context), input),
    }),
  }),
);

builder.mutationField('recordInventoryCount', (t) =>
  t.field({
    type: RecordInventoryCountPayload,
    description: "Admin or manager. Sets each line's counted quantity (a later line for the same item replaces it).",
    authScopes: { managerOrAdmin: true },
    errors: {
      types: [ValidationError, NotFoundError, InventoryCountClosedError],
      union: { name: 'RecordInventoryCountResult' },
    },
    args: { input: t.arg({ type: RecordInventoryCountInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      count: await recordInventoryCount(context.db, employeeCaller(context), input),
    }),
  }),
);

builder.mutationField('reconcileInventoryCount', (t) =>
  t.field({
    type: ReconcileInventoryCountPayload,
    description:
      "Admin or manager. Sets each counted item's quantity on hand to its counted quantity (no adjustment where they are equal).\n" +
      'Differences are measured against the quantity on hand at reconcile time and written as INVENTORY_COUNT adjustments\n' +
      'whose source is the count. Allowed whatever the negative-inventory setting. A reconciled count is closed.',
    authScopes: { managerOrAdmin: true },
    errors: {
      types: [NotFoundError, InventoryCountClosedError],
      union: { name: 'ReconcileInventoryCountResult' },
    },
    args: { input: t.arg({ type: ReconcileInventoryCountInput, required: true }) },
    resolve: (_root, { input }, context) => reconcileInventoryCount(context.db, employeeCaller(context), input),
  }),
);
