import type { Insertable } from 'kysely';
import type { DB } from '../db/database.js';
import type { EmployeesTable } from './employees.tables.js';

export function findEmployeeByEmail(db: DB, email: string) {
  return db.selectFrom('employees').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findEmployeesByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('employees').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function insertEmployee(db: DB, employee: Insertable<EmployeesTable>) {
  return db.insertInto('employees').values(employee).returningAll().executeTakeFirstOrThrow();
}
