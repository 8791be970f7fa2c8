import { GraphQLError } from 'graphql';
import { accountCaller } from '../context.js';
import { AdjustmentReasonEnum, InventoryAdjustmentRef } from '../inventory/inventory.refs.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { maxInt32, minInt32 } from '../schema/pagination.js';
import { maxSearchLength } from '../schema/search.js';
import { connectionComplexity, connectionEdgesComplexity } from '../schema/complexity.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { negativeInventoryReport, type NegativeReportConnection, type NegativeRow } from './reports.service.js';
import { readsFromReplica } from '../db/read-replica.js';

// The negative inventory report (Query.negativeInventoryReport). The rows come with their episode's
// adjustments and in-transit quantities already read (a fixed number of queries per page, in one
// snapshot); items, shops, employees and sources go through the request's batch loaders.

export const NegativeInventoryRowRef = builder.objectRef<NegativeRow>('NegativeInventoryRow').implement({
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
    inTransitQuantity: t.int({
      description: 'Units on transfers sent to this shop and not yet received: receive them before counting.',
      resolve: (row) => int32(row.inTransitQuantity, 'inTransitQuantity'),
    }),
    negativeAdjustments: t.expose('negativeAdjustments', {
      type: [InventoryAdjustmentRef],
      description: 'The adjustments of the current episode, oldest first: the one that took it below zero and every later one.',
    }),
  }),
});

const NegativeInventoryRowEdgeRef = builder.objectRef<NegativeReportConnection['edges'][number]>('NegativeInventoryRowEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.expose('node', { type: NegativeInventoryRowRef }),
  }),
});

const NegativeInventoryReportConnectionRef = builder.objectRef<NegativeReportConnection>('NegativeInventoryReportConnection').implement({
  description: 'Rows ordered by quantityOnHand ascending, then by item SKU, then by shop.',
  fields: (t) => ({
    edges: t.expose('edges', { type: [NegativeInventoryRowEdgeRef], complexity: connectionEdgesComplexity }),
    pageInfo: t.expose('pageInfo', { type: builder.pageInfoRef() }),
    totalCount: t.int({
      description: 'Rows in the whole report, not only this page.',
      resolve: (report) => int32(report.totalCount, 'totalCount', narrowTheReport),
    }),
    totalNegativeUnits: t.int({
      description:
        'Sum of the absolute negative quantities in the whole report. Past what an Int holds (2,147,483,647) it is a\n' +
        'GraphQL error with extensions.code VALUE_OUT_OF_RANGE: narrow the report (shopId, search, reasons).',
      resolve: (report) => int32(report.totalNegativeUnits, 'totalNegativeUnits', narrowTheReport),
    }),
    generatedAt: t.expose('generatedAt', { type: DateTime }),
  }),
});

/**
 * A sum that may have outgrown GraphQL's Int (each quantity is an integer, their sum is not):
 * a clear error of its own rather than graphql-js's failure to serialize it, an internal error.
 */
function int32(value: number, field: string, remedy = ''): number {
  if (value >= minInt32 && value <= maxInt32) return value;
  throw new GraphQLError(
    `${field} is ${value.toLocaleString('en')}, more than a GraphQL Int holds (${maxInt32.toLocaleString('en')}).${remedy}`,
    { extensions: { code: 'VALUE_OUT_OF_RANGE', field, http: { status: 200 } } },
  );
}

const narrowTheReport = ' Narrow the report with shopId, search or reasons.';

builder.queryField('negativeInventoryReport', (t) =>
  t.field({
    type: NegativeInventoryReportConnectionRef,
    description:
      'search matches item SKU or name; reasons keeps rows whose current episode began with one of them.\n' +
      'Any token of the account (employees and partner API keys). Rows are ordered by quantityOnHand ascending, then\n' +
      'item SKU, then shop name; `after` takes an edge cursor. A shopId that is not a shop of the account (unknown,\n' +
      "undecodable or another account's) is a GraphQL error with extensions.code BAD_USER_INPUT and extensions.id the\n" +
      'ID as given. GET /reports/negative-inventory.csv?shopId=&search=&reasons=SALE,TRANSFER_OUT exports the whole\n' +
      `report, one line per negative adjustment. search is at most ${maxSearchLength} characters (BAD_USER_INPUT).`,
    // May lag the primary by up to READ_REPLICA_MAX_LAG_SECONDS (src/server/read-routing.plugin.ts).
    extensions: readsFromReplica,
    authScopes: { account: true },
    complexity: connectionComplexity,
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
