import type { DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { ValidationError } from '../errors/domain-errors.js';
import { addEmployee } from '../employees/employees.service.js';
import { insertAccount, insertModuleSetting } from './accounts.sql.js';

export interface NewAccount {
  name: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
  legacy: boolean;
}

/**
 * An account, its first admin and its module settings, in one transaction.
 * Newer accounts get negative inventory on and locked; legacy accounts start with it off and
 * may toggle it (the help article's "older accounts").
 */
export async function createAccount(db: DB, input: NewAccount) {
  return inTransaction(db, async (trx) => {
    const account = await insertAccount(trx, { name: input.name.trim(), legacy: input.legacy });
    await insertModuleSetting(trx, {
      accountId: account.id,
      module: 'NEGATIVE_INVENTORY',
      enabled: !input.legacy,
      locked: !input.legacy,
    });
    const admin = await addEmployee(trx, account.id, {
      name: input.adminName,
      email: input.adminEmail,
      password: input.adminPassword,
      role: 'ADMIN',
    }).catch((error: unknown) => {
      // The employee service names its own input's field; here the address is `adminEmail`.
      if (error instanceof ValidationError && error.field === 'email') {
        throw new ValidationError(error.message, 'adminEmail');
      }
      throw error;
    });
    return { account, admin };
  });
}
