import type { ColumnType } from 'kysely';
import type { AdjustmentReason } from '../inventory/inventory.tables.js';

/** One row per crossing below zero, keyed by the adjustment that crossed (written with it). */
export interface NegativeInventoryAlertsTable {
  account_id: string;
  adjustment_id: string;
  /** The adjustment's epoch and xid: alerts are read in the ledger's order. */
  epoch: number;
  xid: string;
  item_id: string;
  shop_id: string;
  quantity_before: number;
  quantity_after: number;
  reason: AdjustmentReason;
  occurred_at: ColumnType<Date, Date | undefined, never>;
  /**
   * When the episode this alert began ended (the pair back at zero or more), and the adjustment
   * that ended it: written by inventory_apply_movements in that adjustment's statement
   * (migrations/2026-12-06T0300_negative_episode_resolution.ts). Null while it lasts.
   */
  resolved_at: ColumnType<Date | null, never, never>;
  resolved_by_adjustment_id: ColumnType<string | null, never, never>;
}
