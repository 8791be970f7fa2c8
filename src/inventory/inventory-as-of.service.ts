import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { BadUserInputError } from '../errors/domain-errors.js';
import { findItemsByIds } from '../items/items.sql.js';
import { decodeId } from '../node/global-id.js';
import { requireFilterShopId, unknownFilterId } from '../reports/filter-ids.js';
import { connectionFrom, cursorCodec, forwardPage, maxPageSize, type Connection, type ForwardPageArgs } from '../schema/pagination.js';
import { searchText } from '../schema/search.js';
import { pageInventoryAsOf, type AsOfFilter, type AsOfKey, type AsOfRow } from './inventory-as-of.sql.js';
import type { AdjustmentRow } from './ledger.sql.js';

// Quantities on hand as they were at an instant, for reconciling to a cut-off (a partner's month
// end): Query.inventoryAsOf and GET /reports/inventory-as-of.csv.

export interface InventoryAsOfInput {
  at: Date;
  shopId?: string | null;
  itemIds?: readonly string[] | null;
  search?: string | null;
}

/** One (item, shop) as it was at the instant: the quantity its last adjustment by then left. */
export interface InventoryLevelAsOf {
  itemId: string;
  shopId: string;
  sku: string;
  itemName: string;
  shopName: string;
  quantityOnHand: number;
  /** What the shop could sell: the quantity, or 0 where it was below zero. */
  sellableQuantity: number;
  lastAdjustment: AdjustmentRow;
}

export interface InventoryAsOfConnection extends Connection<InventoryLevelAsOf> {
  at: Date;
}

const asOfCursor = cursorCodec(['string', 'string', 'id'], {
  toValues: (key: AsOfKey) => [key.sku, key.shopName, key.shopId],
  fromValues: ([sku, shopName, shopId]) => ({ sku, shopName, shopId }),
});

export function asOfKey(level: Pick<InventoryLevelAsOf, 'sku' | 'shopName' | 'shopId'>): AsOfKey {
  return { sku: level.sku, shopName: level.shopName, shopId: level.shopId };
}

/**
 * The filter with row ids. An `at` in the future is refused (what it would answer could still
 * change), and so are IDs that are not the account's shop or items (BAD_USER_INPUT, as in the ledger).
 */
export async function resolveAsOfFilter(db: DB, accountId: string, input: InventoryAsOfInput): Promise<AsOfFilter> {
  if (input.at.getTime() > Date.now()) {
    throw new BadUserInputError(`at (${input.at.toISOString()}) is in the future: ask for an instant that has passed.`, 'at');
  }
  const search = searchText(input.search);
  const shopId = input.shopId ? await requireFilterShopId(db, accountId, 'shopId', input.shopId) : null;
  let itemIds: string[] | null = null;
  if (input.itemIds) {
    if (input.itemIds.length > maxPageSize) throw new BadUserInputError(`itemIds holds at most ${maxPageSize} IDs.`, 'itemIds');
    const decoded = input.itemIds.map((globalId) => ({ globalId, id: decodeId(globalId, 'Item') }));
    const wanted = [...new Set(decoded.flatMap((item) => item.id ?? []))];
    const found = new Set(wanted.length === 0 ? [] : (await findItemsByIds(db, accountId, wanted)).map((item) => item.id));
    const unknown = decoded.find((item) => item.id === null || !found.has(item.id));
    if (unknown) throw unknownFilterId('itemIds', unknown.globalId);
    itemIds = wanted;
  }
  return { accountId, at: input.at, shopId, itemIds, search };
}

/** Rows of the as-of read, after `after`, in (SKU, shop name, shop id) order. */
export async function readInventoryAsOf(db: DB, filter: AsOfFilter, page: { after: AsOfKey | null; limit: number }) {
  const rows = await pageInventoryAsOf(db, filter, page);
  return rows.map(levelAsOf);
}

function levelAsOf(row: AsOfRow): InventoryLevelAsOf {
  const { item_sku, item_name, shop_name, ...adjustment } = row;
  return {
    itemId: adjustment.item_id,
    shopId: adjustment.shop_id,
    sku: item_sku,
    itemName: item_name,
    shopName: shop_name,
    quantityOnHand: adjustment.quantity_after,
    sellableQuantity: Math.max(0, adjustment.quantity_after),
    lastAdjustment: adjustment,
  };
}

/** A page of quantities as of an instant, ordered by item SKU, then shop name, then shop ID. */
export async function inventoryAsOf(
  db: DB,
  caller: AccountCaller,
  input: InventoryAsOfInput & ForwardPageArgs,
): Promise<InventoryAsOfConnection> {
  const page = forwardPage(input, asOfCursor);
  const filter = await resolveAsOfFilter(db, caller.accountId, input);
  const rows = await readInventoryAsOf(db, filter, page);
  return { ...connectionFrom(page, rows, (level) => asOfCursor.encode(asOfKey(level))), at: filter.at };
}
