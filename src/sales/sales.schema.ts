import type { Selectable } from 'kysely';
import { NegativeInventoryAlertRef } from '../alerts/alerts.schema.js';
import { employeeCaller } from '../context.js';
import { loadNodes } from '../db/loader.js';
import { EmployeeRef } from '../employees/employees.schema.js';
import { employeeLoader } from '../employees/employees.loader.js';
import { IdempotencyConflictError, InsufficientInventoryError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { loadAlerts } from '../inventory/inventory.loader.js';
import { InventoryLevelRef } from '../inventory/inventory.refs.js';
import { documentLineType, idempotencyKeyRule, linesRule, QuantityLineInput } from '../inventory/quantity-lines.schema.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { saleLinesLoader, saleLoader } from './sales.loader.js';
import { recordSale, type RecordSaleResult } from './sales.service.js';
import type { SalesTable } from './sales.tables.js';

type SaleRow = Selectable<SalesTable>;

const SaleLineRef = documentLineType('SaleLine');

export const SaleRef = builder.node(builder.objectRef<SaleRow>('Sale'), {
  id: { resolve: (sale) => sale.id },
  loadMany: loadNodes(saleLoader),
  fields: (t) => ({
    shop: t.field({ type: ShopRef, resolve: (sale, _args, context) => loadShop(context, sale.shop_id) }),
    employee: t.field({
      type: EmployeeRef,
      nullable: true,
      resolve: (sale, _args, context) => (sale.employee_id ? employeeLoader(context).load(sale.employee_id) : null),
    }),
    lines: t.field({ type: [SaleLineRef], resolve: (sale, _args, context) => saleLinesLoader(context).load(sale.id) }),
    createdAt: t.expose('created_at', { type: DateTime }),
  }),
});

const RecordSaleInput = builder.inputType('RecordSaleInput', {
  fields: (t) => ({
    shopId: t.id({ required: true }),
    lines: t.field({ type: [QuantityLineInput], required: true, validate: linesRule }),
    idempotencyKey: t.string({ validate: idempotencyKeyRule }),
  }),
});

const RecordSalePayload = builder.objectRef<RecordSaleResult>('RecordSalePayload').implement({
  fields: (t) => ({
    sale: t.field({
      type: SaleRef,
      resolve: ({ sale }): SaleRow => ({
        account_id: sale.accountId,
        id: sale.id,
        shop_id: sale.shopId,
        employee_id: sale.employeeId,
        created_at: new Date(sale.createdAt),
      }),
    }),
    levels: t.expose('levels', { type: [InventoryLevelRef] }),
    alerts: t.field({
      type: [NegativeInventoryAlertRef],
      description: 'Alerts raised by this sale: items that it took below zero.',
      resolve: (result, _args, context) => loadAlerts(context, result.alertIds),
    }),
  }),
});

builder.mutationField('recordSale', (t) =>
  t.field({
    type: RecordSalePayload,
    description: 'Any employee.',
    authScopes: { employee: true },
    errors: {
      types: [ValidationError, NotFoundError, InsufficientInventoryError, IdempotencyConflictError],
      union: { name: 'RecordSaleResult' },
    },
    args: { input: t.arg({ type: RecordSaleInput, required: true }) },
    resolve: (_root, { input }, context) => recordSale(context.db, employeeCaller(context), input),
  }),
);
