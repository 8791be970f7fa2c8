import { accountCaller } from '../context.js';
import { AdjustmentReasonEnum, InventoryAdjustmentRef } from '../inventory/inventory.schema.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { negativeInventoryReport, type NegativeReportConnection, type NegativeRow } from './reports.service.js';

// The negative inventory report (Query.negativeInventoryReport). The rows come with their episode's
// adjustments and in-transit quantities already read (a fixed number of queries per page, in one
// snapshot); items, shops, employees and sources go through the request's batch loaders.

const NegativeInventoryRowRef = builder.objectRef<NegativeRow>('NegativeInventoryRow').implement({
  description: 'An item whose quantity on hand at a shop is below zero now.',
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (row, _args, context) => loadItem(context, row.itemId) }),
    shop: t.field({ type: ShopRef, resolve: (row, _args, context) => loadShop(context, row.shopId) }),
    quantityOnHand: t.exposeInt('quantityOnHand'),
    wentNegativeAt: t.expose('wentNegativeAt', {
      type: DateTime,
      description: 'When the current negative episode began: the createdAt of the adjustment that took it below zero.',
    }),
    reason: t.expose('reason', {
      type: AdjustmentReasonEnum,
      description: 'The reason of the adjustment that took it below zero (what the `reasons` filter matches).',
    }),
    inTransitQuantity: t.exposeInt('inTransitQuantity', {
      description: 'Units on transfers sent to this shop and not yet received: receive them before counting.',
    }),
    negativeAdjustments: t.expose('negativeAdjustments', {
      type: [InventoryAdjustmentRef],
      description: 'The adjustments of the current episode, oldest first: the one that took it below zero and every later one.',
    }),
  }),
});

const NegativeInventoryRowEdgeRef = builder
  .objectRef<NegativeReportConnection['edges'][number]>('NegativeInventoryRowEdge')
  .implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.expose('node', { type: NegativeInventoryRowRef }),
    }),
  });

const NegativeInventoryReportConnectionRef = builder
  .objectRef<NegativeReportConnection>('NegativeInventoryReportConnection')
  .implement({
    description: 'Rows ordered by quantityOnHand ascending, then by item SKU, then by shop.',
    fields: (t) => ({
      edges: t.expose('edges', { type: [NegativeInventoryRowEdgeRef] }),
      pageInfo: t.expose('pageInfo', { type: builder.pageInfoRef() }),
      totalCount: t.exposeInt('totalCount', { description: 'Rows in the whole report, not only this page.' }),
      totalNegativeUnits: t.exposeInt('totalNegativeUnits', {
        description: 'Sum of the absolute negative quantities in the whole report.',
      }),
      generatedAt: t.expose('generatedAt', { type: DateTime }),
    }),
  });

builder.queryField('negativeInventoryReport', (t) =>
  t.field({
    type: NegativeInventoryReportConnectionRef,
    description:
      'search matches item SKU or name; reasons keeps rows whose current episode began with one of them.\n' +
      'Any token of the account (employees and partner API keys). Rows are ordered by quantityOnHand ascending, then\n' +
      'item SKU, then shop name; `after` takes an edge cursor. A shopId that is not a shop of the account (unknown,\n' +
      "undecodable or another account's) is a GraphQL error with extensions.code BAD_USER_INPUT and extensions.id the\n" +
      'ID as given. GET /reports/negative-inventory.csv?shopId=&search=&reasons=SALE,TRANSFER_OUT exports the whole\n' +
      'report, one line per negative adjustment.',
    authScopes: { account: true },
    args: {
      shopId: t.arg.id(),
      search: t.arg.string(),
      reasons: t.arg({ type: [AdjustmentReasonEnum] }),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: (_root, args, context) => negativeInventoryReport(context.db, accountCaller(context), args),
  }),
);
