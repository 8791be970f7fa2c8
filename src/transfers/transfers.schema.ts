import type { Selectable } from 'kysely';
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
import { transferLinesLoader, transferLoader } from './transfers.loader.js';
import { receiveTransfer, sendTransfer, type TransferResult } from './transfers.service.js';
import type { TransfersTable } from './transfers.tables.js';

type TransferRow = Selectable<TransfersTable>;

export const TransferStatusEnum = builder.enumType('TransferStatus', { values: ['SENT', 'RECEIVED'] as const });

const TransferLineRef = documentLineType('TransferLine');

export const TransferRef = builder.node(builder.objectRef<TransferRow>('Transfer'), {
  id: { resolve: (transfer) => transfer.id },
  loadMany: loadNodes(transferLoader),
  fields: (t) => ({
    fromShop: t.field({ type: ShopRef, resolve: (transfer, _args, context) => loadShop(context, transfer.from_shop_id) }),
    toShop: t.field({ type: ShopRef, resolve: (transfer, _args, context) => loadShop(context, transfer.to_shop_id) }),
    status: t.expose('status', { type: TransferStatusEnum }),
    lines: t.field({
      type: [TransferLineRef],
      resolve: (transfer, _args, context) => transferLinesLoader(context).load(transfer.id),
    }),
    sentAt: t.expose('sent_at', { type: DateTime }),
    receivedAt: t.expose('received_at', { type: DateTime, nullable: true }),
  }),
});

const transferField = {
  type: TransferRef,
  resolve: (result: { transferId: string }, _args: object, context: Parameters<typeof transferLoader>[0]) =>
    loadExisting(transferLoader(context), result.transferId, 'Transfer'),
};

const SendTransferInput = builder.inputType('SendTransferInput', {
  fields: (t) => ({
    fromShopId: t.id({ required: true }),
    toShopId: t.id({ required: true, description: 'Another shop of the account.' }),
    lines: t.field({ type: [QuantityLineInput], required: true, validate: linesRule }),
    idempotencyKey: t.string({ validate: idempotencyKeyRule }),
  }),
});

const SendTransferPayload = builder.objectRef<TransferResult>('SendTransferPayload').implement({
  fields: (t) => ({
    transfer: t.field(transferField),
    levels: t.expose('levels', { type: [InventoryLevelRef] }),
    alerts: t.field({
      type: [NegativeInventoryAlertRef],
      resolve: (result, _args, context) => loadAlerts(context, result.alertIds),
    }),
  }),
});

builder.mutationField('sendTransfer', (t) =>
  t.field({
    type: SendTransferPayload,
    description: 'Admin or manager. Takes the quantities out of the sending shop now.',
    authScopes: { managerOrAdmin: true },
    errors: {
      types: [ValidationError, NotFoundError, InsufficientInventoryError, IdempotencyConflictError],
      union: { name: 'SendTransferResult' },
    },
    args: { input: t.arg({ type: SendTransferInput, required: true }) },
    resolve: (_root, { input }, context) => sendTransfer(context.db, employeeCaller(context), input),
  }),
);

const ReceiveTransferInput = builder.inputType('ReceiveTransferInput', {
  fields: (t) => ({ transferId: t.id({ required: true }) }),
});

const ReceiveTransferPayload = builder.objectRef<Omit<TransferResult, 'alertIds'>>('ReceiveTransferPayload').implement({
  fields: (t) => ({
    transfer: t.field(transferField),
    levels: t.expose('levels', { type: [InventoryLevelRef] }),
  }),
});

builder.mutationField('receiveTransfer', (t) =>
  t.field({
    type: ReceiveTransferPayload,
    description: 'Admin or manager. Adds the quantities to the receiving shop; a transfer already received is a ValidationError.',
    authScopes: { managerOrAdmin: true },
    errors: { types: [ValidationError, NotFoundError], union: { name: 'ReceiveTransferResult' } },
    args: { input: t.arg({ type: ReceiveTransferInput, required: true }) },
    resolve: (_root, { input }, context) => receiveTransfer(context.db, employeeCaller(context), input.transferId),
  }),
);
