import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { BadUserInputError } from '../errors/domain-errors.js';
import type { AdjustmentReason } from '../inventory/inventory.tables.js';
import { requireFilterShopId } from '../reports/filter-ids.js';
import { findEpisodeBreakdown, type EpisodeDimension } from './episodes.sql.js';

export interface EpisodeBreakdownInput {
  since: Date;
  until?: Date | null;
  shopId?: string | null;
  groupBy: readonly EpisodeDimension[];
}

/** One group of negative episodes (NegativeInventoryBreakdownRow). */
export interface EpisodeBreakdownRow {
  shopId: string | null;
  itemId: string | null;
  reason: AdjustmentReason | null;
  employeeId: string | null;
  episodes: number;
  resolvedEpisodes: number;
  /** May be past what a GraphQL Int holds: the schema says so rather than failing to serialize. */
  unitsBelowZero: number;
  medianSecondsToResolve: number | null;
}

/**
 * Negative episodes that began in [since, until), grouped by the dimensions asked for (see
 * findEpisodeBreakdown). A window that ends before it begins, or a shopId that is not one of the
 * account's shops, is BAD_USER_INPUT, as the report's filters are.
 */
export async function negativeInventoryBreakdown(
  db: DB,
  caller: AccountCaller,
  input: EpisodeBreakdownInput,
): Promise<EpisodeBreakdownRow[]> {
  const until = input.until ?? null;
  if (until !== null && until.getTime() < input.since.getTime()) {
    throw new BadUserInputError('until must not be before since.', 'until');
  }
  const shopId = input.shopId ? await requireFilterShopId(db, caller.accountId, 'shopId', input.shopId) : null;
  const records = await findEpisodeBreakdown(db, {
    accountId: caller.accountId,
    since: input.since,
    until,
    shopId,
    groupBy: [...new Set(input.groupBy)],
  });
  return records.map((record) => ({
    shopId: record.shop_id,
    itemId: record.item_id,
    reason: record.reason as AdjustmentReason | null,
    employeeId: record.employee_id,
    episodes: record.episodes,
    resolvedEpisodes: record.resolved_episodes,
    unitsBelowZero: Number(record.units_below_zero),
    medianSecondsToResolve: record.median_seconds_to_resolve,
  }));
}
