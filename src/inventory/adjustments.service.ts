import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { requireFilterItemId, requireFilterShopId } from '../reports/filter-ids.js';
import { connectionFrom, forwardPage, type Connection, type ForwardPageArgs } from '../schema/pagination.js';
import { pageAdjustments, type LedgerFilter } from './adjustments.sql.js';
import type { AdjustmentReason } from './inventory.tables.js';
import { ledgerCursor, positionOf } from './ledger-order.js';
import type { AdjustmentRow } from './ledger.sql.js';

export interface LedgerFilterInput {
  shopId?: string | null;
  itemId?: string | null;
  reasons?: readonly AdjustmentReason[] | null;
  since?: Date | null;
  until?: Date | null;
  negativeOnly?: boolean | null;
}

/** The filter with row ids; an ID that is not the account's shop or item is BAD_USER_INPUT. */
export async function resolveLedgerFilter(db: DB, accountId: string, input: LedgerFilterInput | null | undefined): Promise<LedgerFilter> {
  return {
    accountId,
    shopId: input?.shopId ? await requireFilterShopId(db, accountId, 'filter.shopId', input.shopId) : null,
    itemId: input?.itemId ? await requireFilterItemId(db, accountId, 'filter.itemId', input.itemId) : null,
    reasons: input?.reasons ? [...new Set(input.reasons)] : null,
    since: input?.since ?? null,
    until: input?.until ?? null,
    negativeOnly: input?.negativeOnly ?? false,
  };
}

export function adjustmentCursor(adjustment: Pick<AdjustmentRow, 'epoch' | 'xid' | 'id'>): string {
  return ledgerCursor.encode(positionOf(adjustment));
}

/** A page of the ledger, oldest first, for reconciliation. */
export async function listAdjustments(
  db: DB,
  caller: AccountCaller,
  input: ForwardPageArgs & { filter?: LedgerFilterInput | null },
): Promise<Connection<AdjustmentRow>> {
  const page = forwardPage(input, ledgerCursor);
  const filter = await resolveLedgerFilter(db, caller.accountId, input.filter);
  const rows = await pageAdjustments(db, filter, page);
  return connectionFrom(page, rows, adjustmentCursor);
}
