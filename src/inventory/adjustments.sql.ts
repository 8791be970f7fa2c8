import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database, DB } from '../db/database.js';
import { belowHorizon, beyondPosition, type LedgerPosition } from './ledger-order.js';
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

function ledgerRows(db: DB, filter: LedgerFilter, after: LedgerPosition | null) {
  const order = (eb: ExpressionBuilder<Database & { adjustment: Database['inventory_adjustments'] }, 'adjustment'>) => ({
    epoch: eb.ref('adjustment.epoch'),
    xid: eb.ref('adjustment.xid'),
    id: eb.ref('adjustment.id'),
  });
  let query = db
    .selectFrom('inventory_adjustments as adjustment')
    .where('adjustment.account_id', '=', filter.accountId)
    .where((eb) => belowHorizon(order(eb)));
  if (after !== null) query = query.where((eb) => beyondPosition(order(eb), '>', after));
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
 * One page of the ledger in ledger order, after a position: keyset on (epoch, xid, id), so a deep
 * page costs what the first does, and only rows below the horizon (ledger-order.ts explains why a
 * row committed while a reader pages always lands after its cursor: none skipped, none repeated).
 */
export function pageAdjustments(db: DB, filter: LedgerFilter, page: { after: LedgerPosition | null; limit: number }) {
  return inLedgerOrder(ledgerRows(db, filter, page.after).selectAll('adjustment'))
    .limit(page.limit)
    .execute();
}

/** The same page with the names a reconciliation export shows next to each line. */
export function pageAdjustmentsForExport(db: DB, filter: LedgerFilter, page: { after: LedgerPosition | null; limit: number }) {
  const rows = ledgerRows(db, filter, page.after)
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
    .select(['item.sku', 'item.name as item_name', 'shop.name as shop_name', 'employee.name as employee_name']);
  return inLedgerOrder(rows).limit(page.limit).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query over the ledger aliased `adjustment`
function inLedgerOrder<Query extends SelectQueryBuilder<any, 'adjustment', any>>(query: Query): Query {
  return query.orderBy('adjustment.epoch').orderBy('adjustment.xid').orderBy('adjustment.id') as Query;
}
