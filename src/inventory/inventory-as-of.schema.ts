import { accountCaller } from '../context.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { connectionComplexity, connectionEdgesComplexity } from '../schema/complexity.js';
import { DateTime } from '../schema/scalars.js';
import { maxSearchLength } from '../schema/search.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { inventoryAsOf, type InventoryAsOfConnection, type InventoryLevelAsOf } from './inventory-as-of.service.js';
import { InventoryAdjustmentRef } from './inventory.refs.js';
import { readsFromReplica } from '../db/read-replica.js';

// Quantities as of an instant (Query.inventoryAsOf); GET /reports/inventory-as-of.csv exports the
// same rows.

const InventoryLevelAsOfRef = builder.objectRef<InventoryLevelAsOf>('InventoryLevelAsOf').implement({
  description: 'The quantity on hand of an item at a shop as it was at an instant.',
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (level, _args, context) => loadItem(context, level.itemId) }),
    shop: t.field({ type: ShopRef, resolve: (level, _args, context) => loadShop(context, level.shopId) }),
    quantityOnHand: t.exposeInt('quantityOnHand', {
      description: 'quantityAfter of the last adjustment created at or before the instant.',
    }),
    sellableQuantity: t.exposeInt('sellableQuantity', {
      description: 'What the shop could sell then: quantityOnHand, or 0 where that was below zero.',
    }),
    lastAdjustment: t.expose('lastAdjustment', { type: InventoryAdjustmentRef, description: 'That last adjustment.' }),
  }),
});

const InventoryLevelAsOfEdgeRef = builder.objectRef<InventoryAsOfConnection['edges'][number]>('InventoryLevelAsOfEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.expose('node', { type: InventoryLevelAsOfRef }),
  }),
});

const InventoryLevelAsOfConnectionRef = builder.objectRef<InventoryAsOfConnection>('InventoryLevelAsOfConnection').implement({
  description: 'Ordered by item SKU, then shop name, then shop ID.',
  fields: (t) => ({
    edges: t.expose('edges', { type: [InventoryLevelAsOfEdgeRef], complexity: connectionEdgesComplexity }),
    pageInfo: t.expose('pageInfo', { type: builder.pageInfoRef() }),
    at: t.expose('at', { type: DateTime, description: 'The instant asked for.' }),
  }),
});

builder.queryField('inventoryAsOf', (t) =>
  t.field({
    type: InventoryLevelAsOfConnectionRef,
    description:
      'Quantities on hand as they were at `at`: one row for each (item, shop) with at least one adjustment created at or\n' +
      'before then, filtered by shopId, itemIds and search (as in `items`). For reconciling to a cut-off. An `at` in the\n' +
      'future is a GraphQL error with extensions.code BAD_USER_INPUT, and so is a shopId or an item ID that is not one of\n' +
      "the account's. Any token of the account, partner API keys included. GET /reports/inventory-as-of.csv?at=&shopId=\n" +
      `&itemIds=&search= exports the same rows. search is at most ${maxSearchLength} characters (BAD_USER_INPUT).`,
    // May lag the primary by up to READ_REPLICA_MAX_LAG_SECONDS (src/server/read-routing.plugin.ts).
    extensions: readsFromReplica,
    authScopes: { account: true },
    complexity: connectionComplexity,
    args: {
      at: t.arg({ type: DateTime, required: true }),
      shopId: t.arg.id(),
      itemIds: t.arg.idList(),
      search: t.arg.string(),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: (_root, args, context) => inventoryAsOf(context.db, accountCaller(context), args),
  }),
);
