import type { Selectable } from 'kysely';
import { z } from 'zod';
import { accountCaller } from '../context.js';
import { ValidationError } from '../errors/domain-errors.js';
import { loadNodes } from '../db/loader.js';
import { builder } from '../schema/builder.js';
import { perShopComplexity } from '../schema/complexity.js';
import { shopLoader } from './shops.loader.js';
import { createShop } from './shops.service.js';
import { listShops } from './shops.sql.js';
import type { ShopsTable } from './shops.tables.js';

export type ShopRow = Selectable<ShopsTable>;

export const ShopRef = builder.node(builder.objectRef<ShopRow>('Shop'), {
  id: { resolve: (shop) => shop.id },
  loadMany: loadNodes(shopLoader),
  fields: (t) => ({
    name: t.exposeString('name'),
  }),
});

builder.queryField('shops', (t) =>
  t.field({
    type: [ShopRef],
    authScopes: { account: true },
    complexity: perShopComplexity,
    resolve: (_root, _args, context) => listShops(context.db, accountCaller(context).accountId),
  }),
);

const CreateShopInput = builder.inputType('CreateShopInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: z.string().trim().min(1, 'Name is required.').max(200, 'Name is too long.') }),
  }),
});

const CreateShopPayload = builder.objectRef<{ shop: ShopRow }>('CreateShopPayload').implement({
  fields: (t) => ({ shop: t.expose('shop', { type: ShopRef }) }),
});

builder.mutationField('createShop', (t) =>
  t.field({
    type: CreateShopPayload,
    description: 'Admin or manager.',
    authScopes: { managerOrAdmin: true },
    errors: { types: [ValidationError], union: { name: 'CreateShopResult' } },
    args: { input: t.arg({ type: CreateShopInput, required: true }) },
    resolve: async (_root, { input }, context) => ({
      shop: await createShop(context.db, accountCaller(context), input.name),
    }),
  }),
);
