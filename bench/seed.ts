import { sql } from 'kysely';
import type { DB } from '../src/db/database.js';

// Bulk fixtures in SQL: the benchmark needs hundreds of thousands of rows in seconds. They keep
// the ledger invariant (every quantity is the sum of its adjustments) and the alert rows the report
// reads, exactly as the API would have written them.
//
// Every batch commits on its own, with at most about `maxRowsPerTransaction` rows. Readers only
// see ledger rows whose transaction is older than the oldest one still running anywhere on the
// server (src/inventory/ledger-order.ts): one long seeding transaction would hold every reader of
// every database on the server back until it committed. Ledger ids, epochs and xids are left to
// their column defaults, so each batch's rows take that batch's transaction id, as the API's
// writes would.

/** Rows written by one seeding transaction, at most (roughly: a batch rounds to whole items). */
export const maxRowsPerTransaction = 10_000;

export interface SeededCatalogue {
  shopIds: string[];
  itemIds: string[];
}

export interface SeedOptions {
  items: number;
  shops: number;
  /** What every (item, shop) receives. */
  stock: number;
  /** One (item, shop) in `negativeEvery`, in (item, shop) order, then sells stock + 5 (ends at -5). 0: none. */
  negativeEvery?: number;
  /** VACUUM ANALYZE the database afterwards (default). Seeding many small accounts does it once at the end. */
  vacuum?: boolean;
}

export async function seedCatalogue(
  db: DB,
  accountId: string,
  { items, shops, stock, negativeEvery = 0, vacuum = true }: SeedOptions,
): Promise<SeededCatalogue> {
  const shopRows = await sql<{ id: string }>`
    insert into shops (account_id, name)
    select ${accountId}::bigint, 'Bench shop ' || g from generate_series(1, ${shops}::int) g
    returning id`.execute(db);
  const shopIds = shopRows.rows.map((row) => row.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

  for (let first = 1; first <= items; first += maxRowsPerTransaction) {
    const last = Math.min(items, first + maxRowsPerTransaction - 1);
    await sql`
      insert into items (account_id, sku, name)
      select ${accountId}::bigint, 'SKU-' || lpad(g::text, 7, '0'), 'Bench item ' || g
      from generate_series(${first}::int, ${last}::int) g`.execute(db);
  }
  const itemRows = await sql<{ id: string }>`select id from items where account_id = ${accountId}::bigint order by id`.execute(db);
  const itemIds = itemRows.rows.map((row) => row.id);

  // The pairs of a batch of items, numbered n = 1, 2, ... over the whole catalogue in (item, shop)
  // order, as the negative pass picks them.
  const pairs = (offset: number, batch: string[]) => sql`
    select item.id as item_id, shop.id as shop_id,
           (${offset}::bigint + item.position - 1) * ${shopIds.length}::bigint + shop.position as n
    from unnest(${batch}::bigint[]) with ordinality as item(id, position)
    cross join unnest(${shopIds}::bigint[]) with ordinality as shop(id, position)`;

  // Pass 1: every (item, shop) receives `stock`. Each batch writes its levels and their ledger rows
  // (the ledger's key on the level row wants the level first), 2 rows per pair.
  const receivingItems = Math.max(1, Math.floor(maxRowsPerTransaction / 2 / shopIds.length));
  for (let offset = 0; offset < itemIds.length; offset += receivingItems) {
    const batch = itemIds.slice(offset, offset + receivingItems);
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into inventory_levels (account_id, item_id, shop_id, quantity_on_hand)
        select ${accountId}::bigint, item_id, shop_id, ${stock}::int from (${pairs(offset, batch)}) pair`.execute(trx);
      await sql`
        insert into inventory_adjustments
          (account_id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason)
        select ${accountId}::bigint, item_id, shop_id, ${stock}::int, 0, ${stock}::int, 'RECEIVING'
        from (${pairs(offset, batch)}) pair
        order by n`.execute(trx);
    });
  }

  // Pass 2, after every receiving row (as before: the sales sort after the whole stock-in): one
  // pair in `negativeEvery` sells stock + 5. Each such pair writes its level, a ledger row and an
  // alert carrying its adjustment's (epoch, xid), 3 rows per pair.
  if (negativeEvery > 0) {
    const negativeItems = Math.max(1, Math.floor(((maxRowsPerTransaction / 3) * negativeEvery) / shopIds.length));
    for (let offset = 0; offset < itemIds.length; offset += negativeItems) {
      const batch = itemIds.slice(offset, offset + negativeItems);
      await sql`
        with sold as (
          select item_id, shop_id, n from (${pairs(offset, batch)}) pair where n % ${negativeEvery}::int = 0
        ),
        level_sold as (
          update inventory_levels level set quantity_on_hand = -5, updated_at = now()
          from sold
          where level.account_id = ${accountId}::bigint and level.item_id = sold.item_id and level.shop_id = sold.shop_id
        ),
        adjustment as (
          insert into inventory_adjustments
            (account_id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason)
          select ${accountId}::bigint, item_id, shop_id, -(${stock}::int + 5), ${stock}::int, -5, 'SALE'
          from sold
          order by n
          returning account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
        )
        insert into negative_inventory_alerts
          (account_id, adjustment_id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, occurred_at)
        select account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
        from adjustment`.execute(db);
    }
  }

  // As autovacuum would have by then on a live database: statistics, and the visibility map that
  // lets counts over the negative rows read the index alone.
  if (vacuum) await sql`vacuum analyze`.execute(db);
  return { shopIds, itemIds };
}
