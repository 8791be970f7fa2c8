import type { Selectable } from 'kysely';
import { loadNodes } from '../db/loader.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { DateTime } from '../schema/scalars.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loadShop } from '../shops/shops.loader.js';
import { countLinesLoader, countLoader } from './counts.loader.js';
import type { InventoryCountLinesTable, InventoryCountsTable } from './counts.tables.js';

export type CountRow = Selectable<InventoryCountsTable>;
type CountLineRow = Selectable<InventoryCountLinesTable>;

export const InventoryCountStatusEnum = builder.enumType('InventoryCountStatus', { values: ['OPEN', 'RECONCILED'] as const });

const InventoryCountLineRef = builder.objectRef<CountLineRow>('InventoryCountLine').implement({
  fields: (t) => ({
    item: t.field({ type: ItemRef, resolve: (line, _args, context) => loadItem(context, line.item_id) }),
    countedQuantity: t.exposeInt('counted_quantity'),
  }),
});

export const InventoryCountRef = builder.node(builder.objectRef<CountRow>('InventoryCount'), {
  id: { resolve: (count) => count.id },
  loadMany: loadNodes(countLoader),
  fields: (t) => ({
    shop: t.field({ type: ShopRef, resolve: (count, _args, context) => loadShop(context, count.shop_id) }),
    name: t.exposeString('name'),
    status: t.expose('status', { type: InventoryCountStatusEnum }),
    lines: t.field({
      type: [InventoryCountLineRef],
      resolve: (count, _args, context) => countLinesLoader(context).load(count.id),
    }),
    createdAt: t.expose('created_at', { type: DateTime }),
    reconciledAt: t.expose('reconciled_at', { type: DateTime, nullable: true }),
  }),
});
