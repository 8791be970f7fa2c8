import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/database.js';

/** What a breakdown of negative episodes can be grouped by (NegativeInventoryDimension). */
export type EpisodeDimension = 'SHOP' | 'ITEM' | 'REASON' | 'EMPLOYEE';

/** Each dimension's column: the alert's, or the employee of the adjustment that began the episode. */
const dimensionColumns: Record<EpisodeDimension, RawBuilder<unknown>> = {
  SHOP: sql`alert.shop_id`,
  ITEM: sql`alert.item_id`,
  REASON: sql`alert.reason`,
  EMPLOYEE: sql`adjustment.employee_id`,
};

export interface EpisodeBreakdownFilter {
  accountId: string;
  since: Date;
  /** Null: now (the statement's transaction time). */
  until: Date | null;
  shopId: string | null;
  /** Unique; empty for one row over the whole account. */
  groupBy: readonly EpisodeDimension[];
}

export interface EpisodeBreakdownRecord {
  /** Null where not grouped by it (and, for the employee, where none was recorded). */
  shop_id: string | null;
  item_id: string | null;
  reason: string | null;
  employee_id: string | null;
  episodes: number;
  resolved_episodes: number;
  /** bigint as a decimal string: a sum of integers may outgrow one. */
  units_below_zero: string;
  median_seconds_to_resolve: number | null;
}

/**
 * Episodes (alerts) that began in [since, until), grouped in one statement: GROUP BY GROUPING SETS
 * with the one set of the dimensions asked for (the empty set `()` when none: one row for the
 * account, even with no episode), the columns of the others null. The dimensions are a closed set
 * of column names, so the statement is one of sixteen shapes. Most episodes first, then by the
 * group's ids, so equal counts keep one order.
 */
export async function findEpisodeBreakdown(db: DB, filter: EpisodeBreakdownFilter): Promise<EpisodeBreakdownRecord[]> {
  const grouped = new Set(filter.groupBy);
  const column = (dimension: EpisodeDimension, type: RawBuilder<unknown>) =>
    grouped.has(dimension) ? dimensionColumns[dimension] : sql`null::${type}`;
  const groupColumns = filter.groupBy.map((dimension) => dimensionColumns[dimension]);
  const tiebreak = (['SHOP', 'ITEM', 'REASON', 'EMPLOYEE'] as const)
    .filter((dimension) => grouped.has(dimension))
    .map((dimension) => sql`${dimensionColumns[dimension]} nulls first`);
  const { rows } = await sql<EpisodeBreakdownRecord>`
    select
      ${column('SHOP', sql`bigint`)}::text as shop_id,
      ${column('ITEM', sql`bigint`)}::text as item_id,
      ${column('REASON', sql`text`)} as reason,
      ${column('EMPLOYEE', sql`bigint`)}::text as employee_id,
      count(*)::integer as episodes,
      count(alert.resolved_at)::integer as resolved_episodes,
      coalesce(sum(-alert.quantity_after::bigint), 0)::text as units_below_zero,
      percentile_cont(0.5) within group (order by extract(epoch from alert.resolved_at - alert.occurred_at))
        filter (where alert.resolved_at is not null) as median_seconds_to_resolve
    from negative_inventory_alerts alert
    join inventory_adjustments adjustment
      on adjustment.account_id = alert.account_id and adjustment.id = alert.adjustment_id
    where alert.account_id = ${filter.accountId}::bigint
      and alert.occurred_at >= ${filter.since}::timestamptz
      and alert.occurred_at < coalesce(${filter.until}::timestamptz, now())
      and (${filter.shopId}::bigint is null or alert.shop_id = ${filter.shopId}::bigint)
    group by grouping sets ((${sql.join(groupColumns)}))
    order by episodes desc${tiebreak.length > 0 ? sql`, ${sql.join(tiebreak)}` : sql``}
  `.execute(db);
  return rows.map((row) => ({
    ...row,
    median_seconds_to_resolve: row.median_seconds_to_resolve === null ? null : Number(row.median_seconds_to_resolve),
  }));
}
