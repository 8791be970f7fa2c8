import type { ColumnType, Generated } from 'kysely';

export type InventoryCountStatus = 'OPEN' | 'RECONCILED';

export interface InventoryCountsTable {
  account_id: string;
  id: Generated<string>;
  shop_id: string;
  name: string;
  status: InventoryCountStatus;
  employee_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  reconciled_at: Date | null;
}

export interface InventoryCountLinesTable {
  account_id: string;
  count_id: string;
  item_id: string;
  counted_quantity: number;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
