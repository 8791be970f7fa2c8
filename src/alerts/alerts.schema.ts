import { GraphQLError } from 'graphql';
import { accountCaller } from '../context.js';
import { loadExisting, loadNodes } from '../db/loader.js';
import { adjustmentLoader } from '../inventory/inventory.loader.js';
import { AdjustmentReasonEnum, InventoryAdjustmentRef } from '../inventory/inventory.refs.js';
import { ItemRef } from '../items/items.schema.js';
import { itemLoader, loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { connectionComplexity } from '../schema/complexity.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop, shopLoader } from '../shops/shops.loader.js';
import { alertLoader } from './alerts.loader.js';
import type { AlertRelatedRows } from './alerts.reader.js';
import { alertCursor, alertHistory, subscribeToAlerts } from './alerts.service.js';
import type { AlertRow } from './alerts.sql.js';
import type { AlertEvent } from './alerts.subscription.js';
import { readsFromReplica } from '../db/read-replica.js';
import { sharedExecution } from '../realtime/shared-subscriptions.js';

/** An alert row; from the live stream, with the rows its fields show (no query per subscriber). */
type AlertNode = AlertRow & { related?: AlertRelatedRows };

export const NegativeInventoryAlertRef = builder.node(builder.objectRef<AlertNode>('NegativeInventoryAlert'), {
  description: 'Raised when an item at a shop goes from zero or more on hand to below zero.',
  id: { resolve: (alert) => alert.adjustment_id },
  loadMany: loadNodes(alertLoader),
  fields: (t) => ({
    cursor: t.string({
      description:
        'Opaque. Alerts of an account are delivered in commit order, and cursors follow that order:\npass one as `after` to resume the stream without gaps.',
      resolve: alertCursor,
    }),
    item: t.field({ type: ItemRef, resolve: (alert, _args, context) => alert.related?.item ?? loadItem(context, alert.item_id) }),
    shop: t.field({ type: ShopRef, resolve: (alert, _args, context) => alert.related?.shop ?? loadShop(context, alert.shop_id) }),
    quantityBefore: t.exposeInt('quantity_before'),
    quantityAfter: t.exposeInt('quantity_after'),
    reason: t.expose('reason', { type: AdjustmentReasonEnum }),
    adjustment: t.field({
      type: InventoryAdjustmentRef,
      resolve: (alert, _args, context) => {
        const related = alert.related;
        if (!related?.adjustment) return loadExisting(adjustmentLoader(context), alert.adjustment_id, 'InventoryAdjustment');
        // The adjustment's item and shop are the alert's: they came with it too.
        if (related.item) itemLoader(context).clear(related.item.id).prime(related.item.id, related.item);
        if (related.shop) shopLoader(context).clear(related.shop.id).prime(related.shop.id, related.shop);
        return related.adjustment;
      },
    }),
    occurredAt: t.expose('occurred_at', { type: DateTime }),
    resolvedAt: t.expose('resolved_at', {
      type: DateTime,
      nullable: true,
      description:
        'When the episode this alert began ended (the quantity was back at zero or more); null while it lasts.\n' +
        'Recorded by the write that ended it. A live alert is delivered as raised, with null.',
    }),
  }),
});

const NegativeInventoryAlertConnection = builder.connectionObject(
  {
    type: NegativeInventoryAlertRef,
    name: 'NegativeInventoryAlertConnection',
    description: 'Ordered by cursor (commit order), oldest first.',
  },
  { name: 'NegativeInventoryAlertEdge' },
);

builder.queryField('negativeInventoryAlerts', (t) =>
  t.field({
    type: NegativeInventoryAlertConnection,
    description:
      'The alerts raised so far, oldest first: the history of the live stream, with the same cursors.\n' +
      'Page forwards with `first`/`after`, or backwards from the newest with `last`/`before` (edges still oldest first).',
    // May lag the primary by up to READ_REPLICA_MAX_LAG_SECONDS (src/server/read-routing.plugin.ts).
    extensions: readsFromReplica,
    authScopes: { account: true },
    complexity: connectionComplexity,
    args: { shopId: t.arg.id(), first: t.arg.int(), after: t.arg.string(), last: t.arg.int(), before: t.arg.string() },
    resolve: (_root, args, context) => alertHistory(context.db, accountCaller(context), args),
  }),
);

function subscriberTooSlow(event: Extract<AlertEvent, { kind: 'overflow' }>): GraphQLError {
  const resumeAfter = event.lastQueued ? alertCursor(event.lastQueued) : null;
  return new GraphQLError(
    `This subscription fell more than ${event.bufferSize} alerts behind, so the server ended it. ` +
      'Subscribe again with `after` set to the cursor of the last alert you received: you will get every alert since, without gaps.',
    { extensions: { code: 'SUBSCRIBER_TOO_SLOW', ...(resumeAfter ? { after: resumeAfter } : {}) } },
  );
}

builder.subscriptionField('negativeInventoryAlerts', (t) =>
  t.field({
    type: NegativeInventoryAlertRef,
    description:
      "New negative-QOH alerts of the token's account, live. With `after`, first every alert\nafter that cursor, in order, then live ones: none missed, none twice. An `after` that is\nnot a cursor of this account's alerts is a GraphQL error with extensions.code BAD_USER_INPUT.",
    authScopes: { account: true },
    // `after` only says where a subscriber's stream starts: subscribers that differ in it alone
    // share each alert's execution (src/realtime/shared-subscriptions.ts).
    extensions: sharedExecution({ streamArgs: ['after'] }),
    args: { shopId: t.arg.id(), after: t.arg.string() },
    subscribe: (_root, args, context) =>
      subscribeToAlerts(context.db, context.alerts, accountCaller(context), args, {
        bufferSize: context.config.subscriptionBufferSize,
        logger: context.logger,
        sink: context.liveDelivery,
      }),
    resolve: (event: AlertEvent) => {
      if (event.kind === 'overflow') throw subscriberTooSlow(event);
      return event.alert;
    },
  }),
);
