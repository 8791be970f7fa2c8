import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import { containsPattern } from '../items/items.sql.js';

/** Which (item, shop) pairs an as-of read covers, with row ids. */
export interface AsOfFilter {
  accountId: string;
  /** Adjustments created at or before this instant count. */
  at: Date;
  shopId: string | null;
  /** Null: every item; empty: none. */
  itemIds: readonly string[] | null;
  search: string | null;
}

/** The as-of order: item SKU, then shop name, then shop id. */
export interface AsOfKey {
  sku: string;
  shopName: string;
  shopId: string;
}

/**
 * One page of quantities as of `filter.at`, in (item SKU, shop name, shop id) order after `after`.
 *
 * A keyset walk over (item, shop) pairs: items in SKU order (items_account_sku_order_idx), each
 * with the account's shops by name, and for each pair one LATERAL probe of its history newest first
 * by id (inventory_adjustments_as_of_idx, see its migration for why id and not created_at) down to
 * the first adjustment created at or before the instant. A page of 50 reads about 50 pairs plus the
 * pairs without any adjustment by then, never the ledger as a whole. Pairs without one have no row.
 */
export function pageInventoryAsOf(db: DB, filter: AsOfFilter, page: { after: AsOfKey | null; limit: number }) {
  let query = db
    .selectFrom('items as item')
    .innerJoin('shops as shop', (join) => join.on('shop.account_id', '=', filter.accountId))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('inventory_adjustments as candidate')
          .select('candidate.id')
          .where('candidate.account_id', '=', filter.accountId)
          .whereRef('candidate.item_id', '=', 'item.id')
          .whereRef('candidate.shop_id', '=', 'shop.id')
          .where('candidate.created_at', '<=', filter.at)
          .orderBy('candidate.id', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .innerJoin('inventory_adjustments as adjustment', (join) =>
      join.on('adjustment.account_id', '=', filter.accountId).onRef('adjustment.id', '=', 'last.id'),
    )
    .where('item.account_id', '=', filter.accountId)
    .selectAll('adjustment')
    .select(['item.sku as item_sku', 'item.name as item_name', 'shop.name as shop_name']);
  if (filter.shopId !== null) query = query.where('shop.id', '=', filter.shopId);
  if (filter.itemIds !== null) {
    // An empty list keeps nothing; `in ()` is not SQL.
    query = filter.itemIds.length > 0 ? query.where('item.id', 'in', filter.itemIds) : query.where(sql<boolean>`false`);
  }
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    query = query.where((eb) => eb.or([eb('item.sku', 'ilike', pattern), eb('item.name', 'ilike', pattern)]));
  }
  if (page.after) {
    const { sku, shopName, shopId } = page.after;
    // The first conjunct bounds the index scan on items; the row comparison is the keyset.
    query = query
      .where('item.sku', '>=', sku)
      .where(sql<boolean>`(item.sku, shop.name, shop.id) > (${sku}, ${shopName}, ${shopId}::bigint)`);
  }
  return query.orderBy('item.sku').orderBy('shop.name').orderBy('shop.id').limit(page.limit).execute();
}

export type AsOfRow = Awaited<ReturnType<typeof pageInventoryAsOf>>[number];
