import type { DB } from '../db/database.js';

export function createLedgerHead(db: DB, accountId: string) {
  return db.insertInto('inventory_ledger_heads').values({ account_id: accountId }).execute();
}
