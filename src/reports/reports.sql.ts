import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { AdjustmentReason } from '../inventory/inventory.tables.js';
import type { AdjustmentRow } from '../inventory/ledger.sql.js';
import { containsPattern } from '../items/items.sql.js';

export interface NegativeReportFilter {
  accountId: string;
  shopId: string | null;
  search: string | null;
  /** Keep rows whose current episode began with one of these; null keeps every row. */
  reasons: readonly AdjustmentReason[] | null;
}

/** The report's sort key: quantity on hand ascending, then item SKU, then shop name (unique), then shop id. */
export interface NegativeReportKey {
  quantityOnHand: number;
  sku: string;
  shopName: string;
  shopId: string;
}

/**
 * The (item, shop) rows below zero now, with where their current negative episode began.
 *
 * It reads the partial index inventory_levels_negative_report_idx (quantity_on_hand < 0), which
 * holds the negative rows already in the report's order (quantity, SKU, shop name, shop id): a
 * page reads its own rows off the index and looks up only their episodes, whatever the number of
 * negative rows or the size of the catalogue. The episode start is the latest adjustment of the
 * pair that began at zero or more: every later one began below zero, so that one crossed below
 * zero and raised the pair's latest alert (alerts are keyed by that adjustment). It is found by
 * walking the pair's history backwards on inventory_adjustments_as_of_idx; the alert then
 * gives when and why.
 */
function negativeLevels(db: DB, filter: NegativeReportFilter) {
  let query = db
    .selectFrom('inventory_levels as level')
    .where('level.account_id', '=', filter.accountId)
    .where('level.quantity_on_hand', '<', 0);
  if (filter.shopId !== null) query = query.where('level.shop_id', '=', filter.shopId);
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    query = query.where((eb) =>
      eb.or([
        eb('level.item_sku', 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('items as item')
            .select(sql`1`.as('one'))
            .whereRef('item.account_id', '=', 'level.account_id')
            .whereRef('item.id', '=', 'level.item_id')
            .where('item.name', 'ilike', pattern),
        ),
      ]),
    );
  }
  return query;
}

function negativeRows(db: DB, filter: NegativeReportFilter) {
  let query = negativeLevels(db, filter)
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('inventory_adjustments as crossing')
          .select('crossing.id')
          .whereRef('crossing.account_id', '=', 'level.account_id')
          .whereRef('crossing.item_id', '=', 'level.item_id')
          .whereRef('crossing.shop_id', '=', 'level.shop_id')
          .where('crossing.quantity_before', '>=', 0)
          .orderBy('crossing.id', 'desc')
          .limit(1)
          .as('episode'),
      (join) => join.onTrue(),
    )
    .innerJoin('negative_inventory_alerts as alert', (join) =>
      join.onRef('alert.account_id', '=', 'level.account_id').onRef('alert.adjustment_id', '=', 'episode.id'),
    );
  if (filter.reasons !== null) {
    // An empty list keeps nothing (`in ()` is not SQL).
    query = filter.reasons.length > 0 ? query.where('alert.reason', 'in', filter.reasons) : query.where(sql<boolean>`false`);
  }
  return query;
}

/** One page of the report in its order, after `after` (keyset). Fetch one row more than the page. */
export function pageNegativeRowsQuery(db: DB, filter: NegativeReportFilter, page: { after: NegativeReportKey | null; limit: number }) {
  let query = negativeRows(db, filter)
    .innerJoin('items as item', (join) => join.onRef('item.account_id', '=', 'level.account_id').onRef('item.id', '=', 'level.item_id'))
    .select([
      'level.item_id',
      'level.shop_id',
      'level.quantity_on_hand',
      'level.item_sku as sku',
      'item.name as item_name',
      'level.shop_name',
      'alert.adjustment_id as episode_start_id',
      'alert.occurred_at as went_negative_at',
      'alert.reason as episode_reason',
    ]);
  if (page.after) {
    const { quantityOnHand, sku, shopName, shopId } = page.after;
    query = query.where(
      sql<boolean>`(level.quantity_on_hand, level.item_sku, level.shop_name, level.shop_id) > (${quantityOnHand}::integer, ${sku}, ${shopName}, ${shopId}::bigint)`,
    );
  }
  return query
    .orderBy('level.quantity_on_hand')
    .orderBy('level.item_sku')
    .orderBy('level.shop_name')
    .orderBy('level.shop_id')
    .limit(page.limit);
}

export function pageNegativeRows(db: DB, filter: NegativeReportFilter, page: { after: NegativeReportKey | null; limit: number }) {
  return pageNegativeRowsQuery(db, filter, page).execute();
}

export type NegativeRowRecord = Awaited<ReturnType<typeof pageNegativeRows>>[number];

/** Rows and units of the whole filtered report. */
export async function negativeReportTotals(db: DB, filter: NegativeReportFilter) {
  // Every negative row has an episode (quantities only change through the ledger, which raises
  // an alert at each crossing), so only the reason filter needs the episodes looked up.
  const rows = filter.reasons === null ? negativeLevels(db, filter) : negativeRows(db, filter);
  const totals = await rows
    .select((eb) => [
      eb.fn.countAll<string>().as('row_count'),
      // Summed as a bigint and negated after: negating each integer would overflow at -2^31.
      eb.fn.coalesce(eb.fn.sum<string>('level.quantity_on_hand'), sql<string>`0`).as('quantity_sum'),
    ])
    .executeTakeFirstOrThrow();
  // May exceed what GraphQL's Int holds: the schema says so when it does (reports.schema.ts).
  return { totalCount: Number(totals.row_count), totalNegativeUnits: Math.abs(Number(totals.quantity_sum)) };
}

/**
 * The adjustments of each episode, oldest first: for each (item, shop), its adjustments from the
 * one that crossed below zero on. One query for a whole page of rows.
 */
export async function findEpisodeAdjustments(
  db: DB,
  accountId: string,
  episodes: readonly { itemId: string; shopId: string; startId: string }[],
) {
  if (episodes.length === 0) return [];
  // A join on the episodes as a set (one index range scan each), rather than an OR of one
  // condition per episode, which the planner can only answer with a bitmap over all of them.
  const result = await sql<AdjustmentRow>`
    select adjustment.*
    from unnest(${episodes.map((episode) => episode.itemId)}::bigint[], ${episodes.map((episode) => episode.shopId)}::bigint[],
                ${episodes.map((episode) => episode.startId)}::bigint[]) as episode(item_id, shop_id, start_id)
    join inventory_adjustments adjustment
      on adjustment.account_id = ${accountId}::bigint
     and adjustment.item_id = episode.item_id
     and adjustment.shop_id = episode.shop_id
     and adjustment.id >= episode.start_id
    order by adjustment.item_id, adjustment.shop_id, adjustment.id
  `.execute(db);
  return result.rows;
}

/**
 * Units on transfers still SENT to the given shops, per (item, receiving shop), for the given items.
 * transfers_in_transit_idx holds exactly the transfers in transit.
 */
export function findInTransitQuantities(db: DB, accountId: string, itemIds: readonly string[], shopIds: readonly string[]) {
  if (itemIds.length === 0 || shopIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('transfers')
    .innerJoin('transfer_lines', (join) =>
      join.onRef('transfer_lines.account_id', '=', 'transfers.account_id').onRef('transfer_lines.transfer_id', '=', 'transfers.id'),
    )
    .select((eb) => [
      'transfer_lines.item_id',
      'transfers.to_shop_id as shop_id',
      eb.fn.sum<string>('transfer_lines.quantity').as('quantity'),
    ])
    .where('transfers.account_id', '=', accountId)
    .where('transfers.status', '=', 'SENT')
    .where('transfers.to_shop_id', 'in', shopIds)
    .where('transfer_lines.item_id', 'in', itemIds)
    .groupBy(['transfer_lines.item_id', 'transfers.to_shop_id'])
    .execute();
}
