import type { Transaction } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Database, DB } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { inTransaction } from '../db/transaction.js';
import { ValidationError } from '../errors/domain-errors.js';
import { insertEmployee, insertSignInEmail } from './employees.sql.js';
import type { EmployeeRole } from './employees.tables.js';

export interface NewEmployee {
  name: string;
  email: string;
  password: string;
  role: EmployeeRole;
}

/** E-mail addresses are compared without case: sign-in takes whatever case the person types. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Adds the employee and its entry in the sign-in directory (sign_in_emails), in one transaction:
 * the caller's, when given one (account creation adds its first admin atomically), else its own.
 *
 * An address is unique across all accounts (signIn takes no account). The directory's primary key
 * holds that rule; employees_account_email_key only within the account, which a database
 * distributed by account can enforce. A duplicate in the same account trips the latter first (the
 * employee is written first, for its id), one in another account the former: the same error.
 */
export async function addEmployee(db: DB, accountId: string, employee: NewEmployee) {
  // Hashed before the transaction: it takes a while, and holds nothing.
  const passwordHash = await hashPassword(employee.password);
  const add = async (trx: Transaction<Database>) => {
    const added = await insertEmployee(trx, {
      account_id: accountId,
      name: employee.name.trim(),
      email: normalizeEmail(employee.email),
      password_hash: passwordHash,
      role: employee.role,
    });
    await insertSignInEmail(trx, { email: added.email, account_id: added.account_id, employee_id: added.id });
    return added;
  };
  try {
    return await (db.isTransaction ? add(db as Transaction<Database>) : inTransaction(db, add));
  } catch (error) {
    if (isUniqueViolation(error, 'sign_in_emails_pkey') || isUniqueViolation(error, 'employees_account_email_key')) {
      throw new ValidationError('An employee with this e-mail address already exists.', 'email');
    }
    throw error;
  }
}
