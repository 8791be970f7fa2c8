import type { ColumnType, Generated } from 'kysely';

export type EmployeeRole = 'ADMIN' | 'MANAGER' | 'CASHIER';

export interface EmployeesTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  /** Lower-cased; unique across all accounts (sign_in_emails holds that rule), and within the account. */
  email: string;
  password_hash: string;
  role: EmployeeRole;
  created_at: ColumnType<Date, never, never>;
}

/**
 * The sign-in directory: every employee's e-mail address, unique across all accounts, with the
 * employee it signs in as. The one place that global rule lives: everything else is keyed by
 * account (the data can be distributed by account; this table would be a reference table, copied
 * to every node, and so has no foreign key to employees). Written in the employee's transaction.
 */
export interface SignInEmailsTable {
  /** Lower-cased, as employees.email. */
  email: string;
  account_id: string;
  employee_id: string;
}
