import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { AdjustmentReason } from '../inventory/inventory.tables.js';
import type { AdjustmentRow } from '../inventory/ledger.sql.js';
import { connectionFrom, cursorCodec, forwardPage, type Connection, type ForwardPageArgs } from '../schema/pagination.js';
import { searchText } from '../schema/search.js';
import { requireFilterShopId } from './filter-ids.js';
import {
  findEpisodeAdjustments,
  findInTransitQuantities,
  negativeReportTotals,
  pageNegativeRows,
  type NegativeReportFilter,
  type NegativeReportKey,
} from './reports.sql.js';

export interface NegativeReportInput {
  shopId?: string | null;
  search?: string | null;
  reasons?: readonly AdjustmentReason[] | null;
}

/** One (item, shop) below zero now, with its current negative episode. */
export interface NegativeRow {
  itemId: string;
  shopId: string;
  sku: string;
  itemName: string;
  shopName: string;
  quantityOnHand: number;
  wentNegativeAt: Date;
  /** The reason of the adjustment that began the episode. */
  reason: AdjustmentReason;
  inTransitQuantity: number;
  /** Oldest first: the adjustment that crossed below zero and every later one. */
  negativeAdjustments: AdjustmentRow[];
}

export interface NegativeReportConnection extends Connection<NegativeRow> {
  totalCount: number;
  totalNegativeUnits: number;
  generatedAt: Date;
}

/** The filter with the shop's row id; an ID that is not one of the account's shops is BAD_USER_INPUT. */
export async function resolveReportFilter(db: DB, accountId: string, input: NegativeReportInput): Promise<NegativeReportFilter> {
  return {
    accountId,
    shopId: input.shopId ? await requireFilterShopId(db, accountId, 'shopId', input.shopId) : null,
    search: searchText(input.search),
    reasons: input.reasons ? [...new Set(input.reasons)] : null,
  };
}

export function reportKey(row: Pick<NegativeRow, 'quantityOnHand' | 'sku' | 'shopName' | 'shopId'>): NegativeReportKey {
  return { quantityOnHand: row.quantityOnHand, sku: row.sku, shopName: row.shopName, shopId: row.shopId };
}

/** The report's cursors: a row's place in the report's order. */
const reportCursor = cursorCodec(['int', 'string', 'string', 'id'], {
  toValues: (key: NegativeReportKey) => [key.quantityOnHand, key.sku, key.shopName, key.shopId],
  fromValues: ([quantityOnHand, sku, shopName, shopId]) => ({ quantityOnHand, sku, shopName, shopId }),
});

/**
 * Up to `limit` rows of the report after `after`, each with its episode's adjustments and its
 * in-transit quantity: three queries whatever the number of rows. `rows` may hold one row more
 * than asked when the caller asks for limit + 1 to learn whether a next page exists.
 */
export async function readNegativeRows(
  db: DB,
  filter: NegativeReportFilter,
  page: { after: NegativeReportKey | null; limit: number },
): Promise<NegativeRow[]> {
  const records = await pageNegativeRows(db, filter, page);
  if (records.length === 0) return [];
  // One after the other: inside a transaction both go over the same connection anyway.
  const adjustments = await findEpisodeAdjustments(
    db,
    filter.accountId,
    records.map((record) => ({ itemId: record.item_id, shopId: record.shop_id, startId: record.episode_start_id })),
  );
  const inTransit = await findInTransitQuantities(
    db,
    filter.accountId,
    [...new Set(records.map((record) => record.item_id))],
    [...new Set(records.map((record) => record.shop_id))],
  );
  const adjustmentsByPair = new Map<string, AdjustmentRow[]>();
  for (const adjustment of adjustments) {
    const key = `${adjustment.item_id}:${adjustment.shop_id}`;
    adjustmentsByPair.set(key, [...(adjustmentsByPair.get(key) ?? []), adjustment]);
  }
  const inTransitByPair = new Map(inTransit.map((row) => [`${row.item_id}:${row.shop_id}`, Number(row.quantity)]));
  return records.map((record) => {
    const key = `${record.item_id}:${record.shop_id}`;
    return {
      itemId: record.item_id,
      shopId: record.shop_id,
      sku: record.sku,
      itemName: record.item_name,
      shopName: record.shop_name,
      quantityOnHand: record.quantity_on_hand,
      wentNegativeAt: record.went_negative_at,
      reason: record.episode_reason as AdjustmentReason,
      inTransitQuantity: inTransitByPair.get(key) ?? 0,
      negativeAdjustments: adjustmentsByPair.get(key) ?? [],
    };
  });
}

/**
 * A page of the negative inventory report with the totals of the whole filtered report. Read in one
 * repeatable-read snapshot, so the page, its episodes and the totals agree with each other.
 */
export async function negativeInventoryReport(
  db: DB,
  caller: AccountCaller,
  input: NegativeReportInput & ForwardPageArgs,
): Promise<NegativeReportConnection> {
  const page = forwardPage(input, reportCursor);
  const generatedAt = new Date();
  return inTransaction(
    db,
    async (trx) => {
      const filter = await resolveReportFilter(trx, caller.accountId, input);
      const rows = await readNegativeRows(trx, filter, page);
      const totals = await negativeReportTotals(trx, filter);
      return { ...connectionFrom(page, rows, (row) => reportCursor.encode(row)), ...totals, generatedAt };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
