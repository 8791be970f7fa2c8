import { sql, type Kysely } from 'kysely';

// Quantities as of an instant (Query.inventoryAsOf, /reports/inventory-as-of.csv): for each
// (item, shop), the quantity_after of its last adjustment created at or before the instant.
//
// "Last" is by id within the pair: a pair's adjustments are written under its level row's lock and
// take their ids from one identity while holding it, so within a pair id order is the order the
// quantities changed in, the order quantity_after follows. Neither created_at (the writing
// transaction's start) nor the ledger's (epoch, xid, id) order (the writing transactions' ids, taken
// at their first write) is that order when a writer waited for the lock.
//
// So the read walks one pair's history newest first by id and stops at the first row created at or
// before the instant. This index holds each pair's history in id order with created_at beside it: the
// walk reads index entries only (no heap fetch per row it passes over), and its length is the pair's
// rows written after the instant, never the rest of the ledger. It has the key of
// inventory_adjustments_item_shop_idx, which it replaces: the negative report's walk back through a
// pair's history reads it the same way, and every ledger row written keeps one index fewer up to
// date (a sale's cost is mostly its index and WAL writes).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index inventory_adjustments_as_of_idx on inventory_adjustments (account_id, item_id, shop_id, id)
      include (created_at);
    drop index inventory_adjustments_item_shop_idx;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create index inventory_adjustments_item_shop_idx on inventory_adjustments (account_id, item_id, shop_id, id);
    drop index inventory_adjustments_as_of_idx;
  `.execute(db);
}
