import type { ColumnType, Generated } from 'kysely';

export interface AccountsTable {
  id: Generated<string>;
  name: string;
  legacy: boolean;
  created_at: ColumnType<Date, never, never>;
}

export type OptionalModuleName = 'NEGATIVE_INVENTORY';

export interface AccountModulesTable {
  account_id: string;
  module: OptionalModuleName;
  enabled: boolean;
  locked: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
