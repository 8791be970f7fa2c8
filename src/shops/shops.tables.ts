import type { ColumnType, Generated } from 'kysely';

export interface ShopsTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  created_at: ColumnType<Date, never, never>;
}
