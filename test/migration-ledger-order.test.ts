import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/database.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// The migration that moved the ledger from per-account numbers to transaction ids, on a database
// that already holds a ledger: ids become one sequence, each account's rows keep their order,
// alerts and stored idempotent answers follow their adjustments.

let database: TestDatabase;
let db: DB;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
  await migrateTo(db, '2026-11-27T0400_ledger_filter_indexes');
});
afterAll(async () => {
  await database?.drop();
});

describe('2026-12-02T0100_ledger_ordered_by_transaction', () => {
  it('renumbers two accounts whose ledgers both start at 1, keeping their order, alerts and stored answers', async () => {
    // The old shape: each account numbered its adjustments from 1 (inventory_ledger_heads).
    await sql`
      insert into accounts (id, name, legacy) overriding system value values (1, 'First', false), (2, 'Second', false);
      insert into shops (account_id, id, name) overriding system value values (1, 10, 'A'), (2, 20, 'B');
      insert into items (account_id, id, sku, name) overriding system value values (1, 100, 'X', 'X'), (2, 200, 'Y', 'Y');
      insert into inventory_levels (account_id, item_id, shop_id, quantity_on_hand) values (1, 100, 10, -1), (2, 200, 20, 1);
      insert into inventory_ledger_heads (account_id, last_adjustment_id) values (1, 2), (2, 3);
      insert into inventory_adjustments (account_id, id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason)
      values (1, 1, 100, 10, 2, 0, 2, 'RECEIVING'), (1, 2, 100, 10, -3, 2, -1, 'SALE'),
             (2, 1, 200, 20, 5, 0, 5, 'RECEIVING'), (2, 2, 200, 20, -6, 5, -1, 'SALE'), (2, 3, 200, 20, 2, -1, 1, 'RECEIVING');
      insert into negative_inventory_alerts (account_id, adjustment_id, item_id, shop_id, quantity_before, quantity_after, reason)
      values (1, 2, 100, 10, 2, -1, 'SALE'), (2, 2, 200, 20, 5, -1, 'SALE');
      insert into idempotency_keys (account_id, operation, key, request_hash, response) values
        (2, 'recordSale', 'k1', 'h', '{"sale": {"id": "7"}, "alertIds": ["2"], "levels": []}'),
        (2, 'receiveStock', 'k2', 'h', '{"levels": [], "adjustmentIds": ["3"]}'),
        (1, 'adjustInventory', 'k3', 'h', '{"adjustmentId": "1", "alertIds": []}');
    `.execute(db);

    await migrateToLatest(db);

    const adjustments = await db
      .selectFrom('inventory_adjustments')
      .select(['account_id', 'id', 'quantity_change', 'epoch', 'xid'])
      .orderBy('account_id')
      .orderBy('epoch')
      .orderBy('xid')
      .orderBy('id')
      .execute();
    expect(adjustments.map((row) => [row.account_id, row.id, row.quantity_change])).toEqual([
      ['1', '1', 2],
      ['1', '2', -3],
      ['2', '3', 5],
      ['2', '4', -6],
      ['2', '5', 2],
    ]);
    expect(new Set(adjustments.map((row) => row.xid)).size).toBe(1);

    const alerts = await db
      .selectFrom('negative_inventory_alerts')
      .select(['account_id', 'adjustment_id', 'xid'])
      .orderBy('account_id')
      .execute();
    expect(alerts.map((row) => [row.account_id, row.adjustment_id])).toEqual([
      ['1', '2'],
      ['2', '4'],
    ]);
    expect(alerts[0]!.xid).toBe(adjustments[0]!.xid);

    const answers = await db.selectFrom('idempotency_keys').select(['key', 'response']).orderBy('key').execute();
    expect(answers.map((row) => row.response)).toEqual([
      { sale: { id: '7' }, alertIds: ['4'], levels: [] },
      { levels: [], adjustmentIds: ['5'] },
      { adjustmentId: '1', alertIds: [] },
    ]);

    // New rows continue the one sequence, after every renumbered row.
    const result = await sql<{ result: { adjustmentIds: string[] } }>`
      select receive_stock(1, null, 10, array[100]::bigint[], array[1], null, null) as result`.execute(db);
    expect(result.rows[0]!.result.adjustmentIds).toEqual(['6']);
  });
});
