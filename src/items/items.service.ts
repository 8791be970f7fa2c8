import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { decodeId } from '../node/global-id.js';
import { connectionFrom, cursorCodec, forwardPage, type ForwardPageArgs } from '../schema/pagination.js';
import { searchText } from '../schema/search.js';
import { findItemsByIds, insertItem, pageItems, type ItemKey } from './items.sql.js';

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

/** The catalogue's cursors: an item's place in SKU order. */
const itemCursor = cursorCodec(['string', 'id'], {
  toValues: (key: ItemKey) => [key.sku, key.id],
  fromValues: ([sku, id]) => ({ sku, id }),
});

/** A page of the account's catalogue, ordered by SKU; `search` matches SKU or name. */
export async function listItems(db: DB, caller: AccountCaller, args: ForwardPageArgs & { search?: string | null }) {
  const page = forwardPage(args, itemCursor);
  const rows = await pageItems(db, { accountId: caller.accountId, search: searchText(args.search), after: page.after, limit: page.limit });
  return connectionFrom(page, rows, (item) => itemCursor.encode(item));
}

/** The row id of one of the account's items, or NotFoundError carrying the ID as given. */
export async function requireItemId(db: DB, accountId: string, itemGlobalId: string): Promise<string> {
  const itemId = decodeId(itemGlobalId, 'Item');
  const [item] = itemId ? await findItemsByIds(db, accountId, [itemId]) : [];
  if (!item) throw new NotFoundError(itemGlobalId, 'Item');
  return item.id;
}
