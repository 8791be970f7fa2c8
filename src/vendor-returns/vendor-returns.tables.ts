import type { ColumnType, Generated } from 'kysely';

export interface VendorReturnsTable {
  account_id: string;
  id: Generated<string>;
  shop_id: string;
  vendor: string;
  employee_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface VendorReturnLinesTable {
  account_id: string;
  vendor_return_id: string;
  line_number: number;
  item_id: string;
  quantity: number;
}
