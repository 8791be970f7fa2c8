import { accountCaller } from '../context.js';
import { builder } from '../schema/builder.js';
import { connectionComplexity } from '../schema/complexity.js';
import { DateTime } from '../schema/scalars.js';
import { listAdjustments } from './adjustments.service.js';
import { AdjustmentReasonEnum, InventoryAdjustmentRef } from './inventory.refs.js';
import { readsFromReplica } from '../db/read-replica.js';

// The reconciliation ledger (Query.inventoryAdjustments); GET /ledger.csv exports the same rows.

const InventoryAdjustmentConnection = builder.connectionObject(
  {
    type: InventoryAdjustmentRef,
    name: 'InventoryAdjustmentConnection',
    description: "Ordered by the ledger's own order (oldest first): a page never moves once written.",
  },
  { name: 'InventoryAdjustmentEdge' },
);

const InventoryAdjustmentFilter = builder.inputType('InventoryAdjustmentFilter', {
  fields: (t) => ({
    shopId: t.id(),
    itemId: t.id(),
    reasons: t.field({ type: [AdjustmentReasonEnum] }),
    since: t.field({ type: DateTime, description: 'Inclusive.' }),
    until: t.field({ type: DateTime, description: 'Exclusive.' }),
    negativeOnly: t.boolean({ description: 'Only adjustments that left quantityAfter below zero.' }),
  }),
});

builder.queryField('inventoryAdjustments', (t) =>
  t.field({
    type: InventoryAdjustmentConnection,
    description:
      'The ledger, oldest first. Any token of the account, partner API keys included. Rows committed while you page\n' +
      'always come after your cursor: no row is skipped or repeated. A filter shopId or itemId that is not one of the\n' +
      "account's (unknown, undecodable or another account's) is a GraphQL error with extensions.code BAD_USER_INPUT.\n" +
      'GET /ledger.csv?shopId=&itemId=&reasons=SALE,MANUAL&since=&until=&negativeOnly=true exports the same rows.',
    // May lag the primary by up to READ_REPLICA_MAX_LAG_SECONDS (src/server/read-routing.plugin.ts).
    extensions: readsFromReplica,
    authScopes: { account: true },
    complexity: connectionComplexity,
    args: {
      filter: t.arg({ type: InventoryAdjustmentFilter }),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: (_root, args, context) => listAdjustments(context.db, accountCaller(context), args),
  }),
);
