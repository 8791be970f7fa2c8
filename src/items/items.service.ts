import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { ValidationError } from '../errors/domain-errors.js';
import { insertItem } from './items.sql.js';

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
