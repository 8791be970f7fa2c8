import { defineLoader, loadExisting } from '../db/loader.js';
import type { Context } from '../context.js';
import { findShopsByIds } from './shops.sql.js';

export const shopLoader = defineLoader((context, accountId, ids) => findShopsByIds(context.db, accountId, ids));

export function loadShop(context: Context, shopId: string) {
  return loadExisting(shopLoader(context), shopId, 'Shop');
}
