import type { ColumnType, Generated } from 'kysely';

export interface ItemsTable {
  account_id: string;
  id: Generated<string>;
  sku: string;
  name: string;
  created_at: ColumnType<Date, never, never>;
}
