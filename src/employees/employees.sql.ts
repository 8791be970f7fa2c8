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

/**
 * Replaces an employee's password hash, only if it is still the one the caller verified, so that a
 * hash written meanwhile (a password change) is never overwritten with one of the old password.
 */
export function replacePasswordHash(db: DB, employee: { accountId: string; id: string; verifiedHash: string; newHash: string }) {
  return db
    .updateTable('employees')
    .set({ password_hash: employee.newHash })
    .where('account_id', '=', employee.accountId)
    .where('id', '=', employee.id)
    .where('password_hash', '=', employee.verifiedHash)
    .execute();
}
