import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { decodeId } from '../node/global-id.js';
import { findShopsByIds, insertShop } from './shops.sql.js';

export async function createShop(db: DB, caller: AccountCaller, name: string) {
  try {
    return await insertShop(db, caller.accountId, name.trim());
  } catch (error) {
    if (isUniqueViolation(error, 'shops_account_name_key')) {
      throw new ValidationError('A shop with this name already exists.', 'name');
    }
    throw error;
  }
}

/**
 * The row id of one of the caller's shops, or NotFoundError carrying the ID as given: for IDs
 * that don't decode, name another type, or belong to another account alike.
 */
export async function requireShopId(db: DB, accountId: string, shopGlobalId: string): Promise<string> {
  const shopId = decodeId(shopGlobalId, 'Shop');
  const [shop] = shopId ? await findShopsByIds(db, accountId, [shopId]) : [];
  if (!shop) throw new NotFoundError(shopGlobalId, 'Shop');
  return shop.id;
}
