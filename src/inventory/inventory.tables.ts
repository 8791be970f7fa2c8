import type { ColumnType, Generated } from 'kysely';

export type AdjustmentReason = 'SALE' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'VENDOR_RETURN' | 'INVENTORY_COUNT' | 'RECEIVING' | 'MANUAL';

export type AdjustmentSourceType = 'SALE' | 'TRANSFER' | 'VENDOR_RETURN' | 'INVENTORY_COUNT';

export interface InventoryLevelsTable {
  account_id: string;
  item_id: string;
  shop_id: string;
  quantity_on_hand: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  /** Copies of the item's SKU and the shop's name (set by a trigger), for the report's order. */
  item_sku: ColumnType<string, never, never>;
  shop_name: ColumnType<string, never, never>;
}

export interface InventoryAdjustmentsTable {
  account_id: string;
  /** One identity across all accounts. Ledger order is (epoch, xid, id): see ledger-order.ts. */
  id: Generated<string>;
  /** Raised when the database is restored into a cluster whose transaction ids start over. */
  epoch: ColumnType<number, never, never>;
  /** The writing transaction's id (xid8, as a decimal string). */
  xid: ColumnType<string, never, never>;
  item_id: string;
  shop_id: string;
  quantity_change: number;
  quantity_before: number;
  quantity_after: number;
  reason: AdjustmentReason;
  source_type: AdjustmentSourceType | null;
  source_id: string | null;
  employee_id: string | null;
  note: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
