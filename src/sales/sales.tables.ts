import type { ColumnType, Generated } from 'kysely';

export interface SalesTable {
  account_id: string;
  id: Generated<string>;
  shop_id: string;
  employee_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SaleLinesTable {
  account_id: string;
  sale_id: string;
  line_number: number;
  item_id: string;
  quantity: number;
}
