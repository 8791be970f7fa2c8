import type { DB } from '../db/database.js';
import { BadUserInputError } from '../errors/domain-errors.js';
import { findItemsByIds } from '../items/items.sql.js';
import { decodeId } from '../node/global-id.js';
import { findShopsByIds } from '../shops/shops.sql.js';

/**
 * A read filter naming an ID that is not one of the account's objects. Queries that return a
 * connection have no error union to carry NotFoundError, and an empty result would read as "no
 * rows for that shop": so it is BAD_USER_INPUT (a GraphQL error with extensions.code), naming the
 * argument and carrying the ID as given (like NotFoundError). The CSV routes answer it with 400.
 */
export function unknownFilterId(argument: string, id: string): BadUserInputError {
  return new BadUserInputError(`${argument} ${id} is not an object of this account.`, argument, id);
}

export async function requireFilterShopId(db: DB, accountId: string, argument: string, shopGlobalId: string): Promise<string> {
  const shopId = decodeId(shopGlobalId, 'Shop');
  const [shop] = shopId ? await findShopsByIds(db, accountId, [shopId]) : [];
  if (!shop) throw unknownFilterId(argument, shopGlobalId);
  return shop.id;
}

export async function requireFilterItemId(db: DB, accountId: string, argument: string, itemGlobalId: string): Promise<string> {
  const itemId = decodeId(itemGlobalId, 'Item');
  const [item] = itemId ? await findItemsByIds(db, accountId, [itemId]) : [];
  if (!item) throw unknownFilterId(argument, itemGlobalId);
  return item.id;
}
