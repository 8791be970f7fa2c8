import type { ColumnType, Generated } from 'kysely';

export type EmployeeRole = 'ADMIN' | 'MANAGER' | 'CASHIER';

export interface EmployeesTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  /** Lower-cased; unique across all accounts. */
  email: string;
  password_hash: string;
  role: EmployeeRole;
  created_at: ColumnType<Date, never, never>;
}
