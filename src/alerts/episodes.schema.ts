import { GraphQLError } from 'graphql';
import { accountCaller } from '../context.js';
import { EmployeeRef } from '../employees/employees.schema.js';
import { employeeLoader } from '../employees/employees.loader.js';
import { AdjustmentReasonEnum } from '../inventory/inventory.refs.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { maxInt32 } from '../schema/pagination.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { negativeInventoryBreakdown, type EpisodeBreakdownRow } from './episodes.service.js';
import { readsFromReplica } from '../db/read-replica.js';

// Negative episodes: each alert begins one, and the write that brings the pair back to zero or more
// ends it (NegativeInventoryAlert.resolvedAt). Query.negativeInventoryBreakdown groups them.

const NegativeInventoryDimensionEnum = builder.enumType('NegativeInventoryDimension', {
  description: 'What a breakdown of negative episodes is grouped by.',
  values: ['SHOP', 'ITEM', 'REASON', 'EMPLOYEE'] as const,
});

const NegativeInventoryBreakdownRowRef = builder.objectRef<EpisodeBreakdownRow>('NegativeInventoryBreakdownRow').implement({
  description:
    'One group of negative episodes. An episode begins when an item at a shop goes from zero or\n' +
    'more to below zero (a NegativeInventoryAlert) and ends when it is back at zero or more.',
  fields: (t) => ({
    shop: t.field({
      type: ShopRef,
      nullable: true,
      description: 'Set when grouped by SHOP.',
      resolve: (row, _args, context) => (row.shopId === null ? null : loadShop(context, row.shopId)),
    }),
    item: t.field({
      type: ItemRef,
      nullable: true,
      description: 'Set when grouped by ITEM.',
      resolve: (row, _args, context) => (row.itemId === null ? null : loadItem(context, row.itemId)),
    }),
    reason: t.expose('reason', {
      type: AdjustmentReasonEnum,
      nullable: true,
      description: 'The reason of the adjustment that began the episodes; set when grouped by REASON.',
    }),
    employee: t.field({
      type: EmployeeRef,
      nullable: true,
      description: 'The employee of that adjustment; set when grouped by EMPLOYEE and one was recorded.',
      resolve: (row, _args, context) => (row.employeeId === null ? null : employeeLoader(context).load(row.employeeId)),
    }),
    episodes: t.exposeInt('episodes', { description: 'Episodes that began in the window.' }),
    resolvedEpisodes: t.exposeInt('resolvedEpisodes', { description: 'Of those, the ones that have ended.' }),
    unitsBelowZero: t.int({
      description:
        'Units below zero right after each episode began (as a positive number), summed. Past what an Int holds it is a\n' +
        'GraphQL error with extensions.code VALUE_OUT_OF_RANGE: narrow the window, or group by more.',
      resolve: (row) => {
        if (row.unitsBelowZero <= maxInt32) return row.unitsBelowZero;
        throw new GraphQLError(`unitsBelowZero is ${row.unitsBelowZero.toLocaleString('en')}, more than a GraphQL Int holds.`, {
          extensions: { code: 'VALUE_OUT_OF_RANGE', field: 'unitsBelowZero', http: { status: 200 } },
        });
      },
    }),
    medianSecondsToResolve: t.exposeFloat('medianSecondsToResolve', {
      nullable: true,
      description: "Median seconds from an episode's beginning to its end, over the resolved ones; null where none is.",
    }),
  }),
});

builder.queryField('negativeInventoryBreakdown', (t) =>
  t.field({
    type: [NegativeInventoryBreakdownRowRef],
    description:
      'Negative episodes that began in [since, until) (until defaults to now), optionally at one shop,\n' +
      'grouped by the dimensions given: one row per combination that occurred, most episodes first (then by the\n' +
      "group's shop, item, reason and employee). An empty groupBy gives one row for the whole account.\n" +
      'Any token of the account (employees and partner API keys). An until before since, or a shopId that is not a\n' +
      'shop of the account, is a GraphQL error with extensions.code BAD_USER_INPUT (and extensions.argument).',
    // May lag the primary by up to READ_REPLICA_MAX_LAG_SECONDS (src/server/read-routing.plugin.ts).
    extensions: readsFromReplica,
    authScopes: { account: true },
    args: {
      since: t.arg({ type: DateTime, required: true }),
      until: t.arg({ type: DateTime }),
      shopId: t.arg.id(),
      groupBy: t.arg({ type: [NegativeInventoryDimensionEnum], required: true }),
    },
    resolve: (_root, args, context) => negativeInventoryBreakdown(context.db, accountCaller(context), args),
  }),
);
