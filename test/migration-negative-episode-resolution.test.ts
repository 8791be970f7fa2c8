import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/database.js';
import { migrateTo } from '../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// The migration that records where negative episodes end, on a database that already holds a
// ledger: each existing alert gets the first later adjustment of its (item, shop) that left it at
// zero or more, and inventory_apply_movements records the end of episodes from then on.

const migration = '2026-12-06T0300_negative_episode_resolution';

let database: TestDatabase;
let db: DB;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
  await migrateTo(db, '2026-12-06T0100_catalogue_checks_by_index');
});
afterAll(async () => {
  await database?.drop();
});

describe(migration, () => {
  it('backfills the end of every episode from the ledger, and ends new ones as they end', async () => {
    await sql`
      insert into accounts (id, name, legacy) overriding system value values (1, 'First', false), (2, 'Second', false);
      insert into shops (account_id, id, name) overriding system value values (1, 10, 'A'), (1, 11, 'B'), (2, 20, 'C');
      insert into items (account_id, id, sku, name) overriding system value
        values (1, 100, 'X', 'X'), (1, 101, 'Y', 'Y'), (2, 200, 'Z', 'Z');
      insert into inventory_levels (account_id, item_id, shop_id, quantity_on_hand)
        values (1, 100, 10, 0), (1, 101, 10, -2), (1, 101, 11, 10), (2, 200, 20, 1);
      insert into inventory_adjustments (account_id, id, item_id, shop_id, quantity_change, quantity_before, quantity_after,
        reason, created_at) overriding system value values
        (1, 1, 100, 10, 2, 0, 2, 'RECEIVING', '2026-01-01T09:00:00Z'),
        (1, 2, 100, 10, -3, 2, -1, 'SALE', '2026-01-01T10:00:00Z'),
        (1, 3, 100, 10, -1, -1, -2, 'SALE', '2026-01-01T11:00:00Z'),
        (1, 4, 100, 10, 5, -2, 3, 'RECEIVING', '2026-01-02T10:00:00Z'),
        (1, 5, 100, 10, -4, 3, -1, 'MANUAL', '2026-01-03T10:00:00Z'),
        (1, 6, 100, 10, 1, -1, 0, 'RECEIVING', '2026-01-03T10:30:00Z'),
        (1, 7, 101, 10, -2, 0, -2, 'SALE', '2026-01-04T10:00:00Z'),
        (1, 8, 101, 11, 10, 0, 10, 'RECEIVING', '2026-01-05T10:00:00Z'),
        (2, 9, 200, 20, -1, 0, -1, 'SALE', '2026-01-01T10:00:00Z'),
        (2, 10, 200, 20, 2, -1, 1, 'RECEIVING', '2026-01-06T10:00:00Z');
      select setval(pg_get_serial_sequence('inventory_adjustments', 'id'), 10);
      insert into negative_inventory_alerts (account_id, adjustment_id, epoch, xid, item_id, shop_id, quantity_before,
        quantity_after, reason, occurred_at)
      select account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
      from inventory_adjustments where quantity_before >= 0 and quantity_after < 0;
    `.execute(db);

    await migrateTo(db, migration);

    const alerts = async () =>
      (
        await sql<{ account_id: string; adjustment_id: string; resolved_at: Date | null; resolved_by_adjustment_id: string | null }>`
          select account_id::text, adjustment_id::text, resolved_at, resolved_by_adjustment_id::text
          from negative_inventory_alerts order by adjustment_id`.execute(db)
      ).rows.map((row) => [row.adjustment_id, row.resolved_at?.toISOString() ?? null, row.resolved_by_adjustment_id]);
    expect(await alerts()).toEqual([
      ['2', '2026-01-02T10:00:00.000Z', '4'], // back above zero by a receipt, not by the sale before it
      ['5', '2026-01-03T10:30:00.000Z', '6'], // exactly zero ends it: a second episode of the same pair
      ['7', null, null], // still below zero; the same item at another shop doesn't end it
      ['9', '2026-01-06T10:00:00.000Z', '10'], // another account's, by its own ledger
    ]);

    // From now on the movement function records the end in the write's own statement.
    const { rows } = await sql<{ result: { adjustmentIds: string[] } }>`
      select receive_stock(1, null, 10, array[101]::bigint[], array[2], null, null) as result`.execute(db);
    const [ending] = rows[0]!.result.adjustmentIds;
    const { created_at } = await db
      .selectFrom('inventory_adjustments')
      .select('created_at')
      .where('account_id', '=', '1')
      .where('id', '=', ending!)
      .executeTakeFirstOrThrow();
    expect((await alerts())[2]).toEqual(['7', created_at.toISOString(), ending]);
  });

  it('goes down again to the movement function before it, and back up', async () => {
    await migrateTo(db, '2026-12-06T0100_catalogue_checks_by_index');
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_name = 'negative_inventory_alerts' and column_name like 'resolved%'`.execute(db);
    expect(rows).toEqual([]);
    await sql`select receive_stock(1, null, 10, array[100]::bigint[], array[1], null, null)`.execute(db);
    await migrateTo(db, migration);
  });
});
