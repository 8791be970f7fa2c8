import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { decodeId } from '../node/global-id.js';
import { findItemsByIds, insertItem } from './items.sql.js';

export async function createItem(db: DB, caller: AccountCaller, input: { sku: string; name: string }) {
  try {
    return await insertItem(db, { accountId: caller.accountId, sku: input.sku.trim(), name: input.name.trim() });
  } catch (error) {
    if (isUniqueViolation(error, 'items_account_sku_key')) {
      throw new ValidationError('An item with this SKU already exists.', 'sku');
    }
    throw error;
  }
}

/** The row id of one of the account's items, or NotFoundError carrying the ID as given. */
export async function requireItemId(db: DB, accountId: string, itemGlobalId: string): Promise<string> {
  const itemId = decodeId(itemGlobalId, 'Item');
  const [item] = itemId ? await findItemsByIds(db, accountId, [itemId]) : [];
  if (!item) throw new NotFoundError(itemGlobalId, 'Item');
  return item.id;
}
