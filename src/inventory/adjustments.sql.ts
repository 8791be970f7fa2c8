import type { DB } from '../db/database.js';
import type { AdjustmentReason } from './inventory.tables.js';

export interface LedgerFilter {
  accountId: string;
  shopId: string | null;
  itemId: string | null;
  reasons: readonly AdjustmentReason[] | null;
  /** Inclusive. */
  since: Date | null;
  /** Exclusive. */
  until: Date | null;
  negativeOnly: boolean;
}

function ledgerRows(db: DB, filter: LedgerFilter, afterId: string | null) {
  let query = db.selectFrom('inventory_adjustments as adjustment').where('adjustment.account_id', '=', filter.accountId);
  if (afterId !== null) query = query.where('adjustment.id', '>', afterId);
  if (filter.shopId !== null) query = query.where('adjustment.shop_id', '=', filter.shopId);
  if (filter.itemId !== null) query = query.where('adjustment.item_id', '=', filter.itemId);
  if (filter.reasons !== null) {
    // An empty list keeps nothing; `in ()` is not SQL, and id > id is never true.
    query =
      filter.reasons.length > 0
        ? query.where('adjustment.reason', 'in', filter.reasons)
        : query.whereRef('adjustment.id', '>', 'adjustment.id');
  }
  if (filter.since !== null) query = query.where('adjustment.created_at', '>=', filter.since);
  if (filter.until !== null) query = query.where('adjustment.created_at', '<', filter.until);
  if (filter.negativeOnly) query = query.where('adjustment.quantity_after', '<', 0);
  return query;
}

/**
 * One page of the ledger in ledger order (id), after `afterId`: keyset on the primary key, so a
 * deep page costs what the first does. Ids are handed out in commit order (see
 * appendToLedger in ledger.sql.ts), so a row committed while a reader pages always lands after its cursor:
 * none is skipped, none repeated.
 */
export function pageAdjustments(db: DB, filter: LedgerFilter, page: { afterId: string | null; limit: number }) {
  return ledgerRows(db, filter, page.afterId).selectAll('adjustment').orderBy('adjustment.id').limit(page.limit).execute();
}

/** The same page with the names a reconciliation export shows next to each line. */
export function pageAdjustmentsForExport(db: DB, filter: LedgerFilter, page: { afterId: string | null; limit: number }) {
  return ledgerRows(db, filter, page.afterId)
    .innerJoin('items as item', (join) =>
      join.onRef('item.account_id', '=', 'adjustment.account_id').onRef('item.id', '=', 'adjustment.item_id'),
    )
    .innerJoin('shops as shop', (join) =>
      join.onRef('shop.account_id', '=', 'adjustment.account_id').onRef('shop.id', '=', 'adjustment.shop_id'),
    )
    .leftJoin('employees as employee', (join) =>
      join.onRef('employee.account_id', '=', 'adjustment.account_id').onRef('employee.id', '=', 'adjustment.employee_id'),
    )
    .selectAll('adjustment')
    .select(['item.sku', 'item.name as item_name', 'shop.name as shop_name', 'employee.name as employee_name'])
    .orderBy('adjustment.id')
    .limit(page.limit)
    .execute();
}
