import { hashPassword } from '../auth/passwords.js';
import type { DB } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { ValidationError } from '../errors/domain-errors.js';
import { insertEmployee } from './employees.sql.js';
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

/** Works on a transaction too, so account creation can add its first admin atomically. */
export async function addEmployee(db: DB, accountId: string, employee: NewEmployee) {
  try {
    return await insertEmployee(db, {
      account_id: accountId,
      name: employee.name.trim(),
      email: normalizeEmail(employee.email),
      password_hash: await hashPassword(employee.password),
      role: employee.role,
    });
  } catch (error) {
    if (isUniqueViolation(error, 'employees_email_key')) {
      throw new ValidationError('An employee with this e-mail address already exists.', 'email');
    }
    throw error;
  }
}
