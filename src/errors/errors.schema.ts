import { builder } from '../schema/builder.js';
import { OptionalModuleEnum } from '../accounts/accounts.schema.js';
import {
  type DomainError,
  IdempotencyConflictError,
  InsufficientInventoryError,
  InvalidCredentialsError,
  InventoryCountClosedError,
  ModuleLockedError,
  NegativeInventoryOutstandingError,
  NotFoundError,
  ValidationError,
  type Shortage,
} from './domain-errors.js';
import { ItemRef } from '../items/items.schema.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadItem } from '../items/items.loader.js';
import { loadShop } from '../shops/shops.loader.js';
import { NegativeInventoryRowRef } from '../reports/reports.schema.js';
import { maxBlockers } from '../accounts/optional-modules.service.js';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', {
      nullable: true,
      description: 'The input field at fault, as a dotted path such as lines.0.quantity.',
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ id: t.exposeID('id') }),
});

const ShortageRef = builder.objectRef<Shortage>('Shortage').implement({
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (shortage, _args, context) => loadItem(context, shortage.itemId) }),
    shop: t.field({ type: ShopRef, resolve: (shortage, _args, context) => loadShop(context, shortage.shopId) }),
    requested: t.exposeInt('requested', {
      description: 'The units the operation takes out of that shop: summed over its lines for the same item.',
    }),
    available: t.exposeInt('available', { description: 'The quantity on hand there now.' }),
  }),
});

builder.objectType(InsufficientInventoryError, {
  name: 'InsufficientInventoryError',
  description: 'Negative inventory is off for this session and the operation would take a quantity below zero.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ shortages: t.field({ type: [ShortageRef], resolve: (error) => error.shortages }) }),
});

builder.objectType(NegativeInventoryOutstandingError, {
  name: 'NegativeInventoryOutstandingError',
  description: "Negative inventory can't be turned off while any item is below zero.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    negativeItemCount: t.exposeInt('negativeItemCount', {
      description: 'How many (item, shop) pairs are below zero now.',
    }),
    blockers: t.field({
      type: [NegativeInventoryRowRef],
      description: `Up to ${maxBlockers} of the rows that keep the module on, in the negative inventory report's order.`,
      // Its length is known: the estimate counts what is selected under it that many times.
      complexity: { field: 1, multiplier: maxBlockers },
      resolve: (error) => error.blockers,
    }),
  }),
});

builder.objectType(ModuleLockedError, {
  name: 'ModuleLockedError',
  description: "The module can't be turned off on this account.",
  interfaces: [ErrorInterface],
  fields: (t) => ({ module: t.expose('module', { type: OptionalModuleEnum }) }),
});

builder.objectType(IdempotencyConflictError, {
  name: 'IdempotencyConflictError',
  description: 'The idempotency key was used before for a different request.',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(InventoryCountClosedError, {
  name: 'InventoryCountClosedError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});
