import { createAccount } from '../accounts/accounts.service.js';
import { authenticate, signIn, signOut } from '../auth/auth.service.js';
import { SignInThrottle } from '../auth/sign-in-throttle.js';
import type { EmployeeCaller } from '../auth/viewer.js';
import type { AppConfig } from '../config/config.js';
import type { DB } from '../db/database.js';
import { addEmployee } from '../employees/employees.service.js';
import { findEmployeeByEmail } from '../employees/employees.sql.js';
import { receiveStock } from '../inventory/inventory.service.js';
import { createItem } from '../items/items.service.js';
import { encodeId } from '../node/global-id.js';
import { createShop } from '../shops/shops.service.js';
import { demoAccounts, demoPassword, demoQuantity, type DemoAccount } from './demo-catalogue.js';

export interface DemoLogin {
  role: 'ADMIN' | 'CASHIER';
  email: string;
  password: string;
}

export interface DemoAccountResult {
  name: string;
  legacy: boolean;
  /** False when the account was there already (from an earlier run) and was left as it was. */
  created: boolean;
  logins: DemoLogin[];
}

/**
 * Loads the demo retailers through the same services the API uses, acting as each account's
 * admin signed in (so every rule and every ledger entry is what a client would get).
 *
 * An account whose admin e-mail exists already is left alone, so running it again is harmless.
 * Each step is its own transaction, as it would be through the API: if a run is interrupted
 * half-way, reset the database (delete DATA_DIR) rather than expect a second run to finish it.
 */
export async function loadDemoData(db: DB, config: AppConfig): Promise<DemoAccountResult[]> {
  const results: DemoAccountResult[] = [];
  for (const account of demoAccounts) {
    const exists = (await findEmployeeByEmail(db, account.admin.email)) !== undefined;
    if (!exists) await loadAccount(db, config, account);
    results.push({
      name: account.name,
      legacy: account.legacy,
      created: !exists,
      logins: [
        { role: 'ADMIN', email: account.admin.email, password: demoPassword },
        { role: 'CASHIER', email: account.cashier.email, password: demoPassword },
      ],
    });
  }
  return results;
}

async function loadAccount(db: DB, config: AppConfig, account: DemoAccount): Promise<void> {
  const { account: created } = await createAccount(db, {
    name: account.name,
    legacy: account.legacy,
    adminName: account.admin.name,
    adminEmail: account.admin.email,
    adminPassword: demoPassword,
  });
  await addEmployee(db, created.id, { ...account.cashier, password: demoPassword, role: 'CASHIER' });

  const admin = await signInAsEmployee(db, config, account.admin.email);
  try {
    const shops = [];
    for (const name of account.shops) shops.push(await createShop(db, admin, name));
    const items = [];
    for (const [sku, name] of account.items) items.push(await createItem(db, admin, { sku, name }));

    for (const [shopIndex, shop] of shops.entries()) {
      const lines = items
        .map((item, itemIndex) => ({ itemId: encodeId('Item', item.id), quantity: demoQuantity(itemIndex, shopIndex) }))
        .filter((line) => line.quantity > 0);
      await receiveStock(db, admin, { shopId: encodeId('Shop', shop.id), lines });
    }
  } finally {
    await signOut(db, admin);
  }
}

/** A session as the API would create it for this employee, and the caller it stands for. */
async function signInAsEmployee(db: DB, config: AppConfig, email: string): Promise<EmployeeCaller> {
  const { token } = await signIn(
    db,
    config,
    { email, password: demoPassword },
    { throttle: new SignInThrottle(config.signInThrottle), clientAddress: null },
  );
  const caller = await authenticate(db, config, `Bearer ${token}`);
  if (caller?.kind !== 'employee') throw new Error(`signing in as ${email} gave no employee session`);
  return caller;
}
