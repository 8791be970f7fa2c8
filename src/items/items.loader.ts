import type { Context } from '../context.js';
import { defineLoader, loadExisting } from '../db/loader.js';
import { findItemsByIds } from './items.sql.js';

export const itemLoader = defineLoader((context, accountId, ids) => findItemsByIds(context.db, accountId, ids));

export function loadItem(context: Context, itemId: string) {
  return loadExisting(itemLoader(context), itemId, 'Item');
}
