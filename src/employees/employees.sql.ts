import type { Insertable, Transaction } from 'kysely';
import type { Database, DB } from '../db/database.js';
import type { EmployeesTable, SignInEmailsTable } from './employees.tables.js';

/**
 * The employee an address signs in as, from any account: the sign-in directory names the account
 * and employee (by the address alone), then the employee is read by its key, within its account
 * (one shard, were the data distributed by account).
 */
export async function findEmployeeByEmail(db: DB, email: string) {
  const entry = await db.selectFrom('sign_in_emails').select(['account_id', 'employee_id']).where('email', '=', email).executeTakeFirst();
  if (!entry) return undefined;
  return db
    .selectFrom('employees')
    .selectAll()
    .where('account_id', '=', entry.account_id)
    .where('id', '=', entry.employee_id)
    .executeTakeFirst();
}

export function findEmployeesByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('employees').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function insertEmployee(db: DB, employee: Insertable<EmployeesTable>) {
  return db.insertInto('employees').values(employee).returningAll().executeTakeFirstOrThrow();
}

/** Write it in the employee's transaction: nothing else keeps the two in step (no foreign key). */
export async function insertSignInEmail(trx: Transaction<Database>, entry: SignInEmailsTable) {
  await trx.insertInto('sign_in_emails').values(entry).execute();
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
