import type { Selectable } from 'kysely';
import { z } from 'zod';
import { accountCaller } from '../context.js';
import { ValidationError } from '../errors/domain-errors.js';
import { loadNodes } from '../db/loader.js';
import { builder } from '../schema/builder.js';
import { connectionComplexity } from '../schema/complexity.js';
import { maxSearchLength } from '../schema/search.js';
import { itemLoader } from './items.loader.js';
import { createItem, listItems } from './items.service.js';
import type { ItemsTable } from './items.tables.js';

export type ItemRow = Selectable<ItemsTable>;

export const ItemRef = builder.node(builder.objectRef<ItemRow>('Item'), {
  id: { resolve: (item) => item.id },
  loadMany: loadNodes(itemLoader),
  fields: (t) => ({
    sku: t.exposeString('sku'),
    name: t.exposeString('name'),
  }),
});

const ItemConnection = builder.connectionObject({ type: ItemRef, name: 'ItemConnection' }, { name: 'ItemEdge' });

builder.queryField('items', (t) =>
  t.field({
    type: ItemConnection,
    description: `search: a case-insensitive part of the SKU or the name. Ordered by SKU.\nsearch is at most ${maxSearchLength} characters (BAD_USER_INPUT).`,
    authScopes: { account: true },
    complexity: connectionComplexity,
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      search: t.arg.string(),
    },
    resolve: (_root, args, context) => listItems(context.db, accountCaller(context), args),
  }),
);

const CreateItemInput = builder.inputType('CreateItemInput', {
  fields: (t) => ({
    sku: t.string({
      required: true,
      validate: z.string().trim().min(1, 'SKU is required.').max(64, 'SKU is at most 64 characters.'),
    }),
    name: t.string({ required: true, validate: z.string().trim().min(1, 'Name is required.').max(200, 'Name is too long.') }),
  }),
});

const CreateItemPayload = builder.objectRef<{ item: ItemRow }>('CreateItemPayload').implement({
  fields: (t) => ({ item: t.expose('item', { type: ItemRef }) }),
});

builder.mutationField('createItem', (t) =>
  t.field({
    type: CreateItemPayload,
    description: 'Admin or manager.',
    authScopes: { managerOrAdmin: true },
    errors: { types: [ValidationError], union: { name: 'CreateItemResult' } },
    args: { input: t.arg({ type: CreateItemInput, required: true }) },
    resolve: async (_root, { input }, context) => ({ item: await createItem(context.db, accountCaller(context), input) }),
  }),
);
