import { sql, type Kysely } from 'kysely';

// Bulk fixtures in SQL: the benchmark needs hundreds of thousands of rows in seconds. They keep
// the ledger invariant (every quantity is the sum of its adjustments) and the alert rows the report
// reads, exactly as the API would have written them.

export interface SeededCatalogue {
  shopIds: string[];
  itemIds: string[];
}

export async function seedCatalogue(
  db: Kysely<any>,
  accountId: string,
  { items, shops, stock, negativeEvery = 0 }: { items: number; shops: number; stock: number; negativeEvery?: number },
): Promise<SeededCatalogue> {
  const shopRows = await sql<{ id: string }>`
    insert into shops (account_id, name)
    select ${accountId}::bigint, 'Bench shop ' || g from generate_series(1, ${shops}::int) g
    returning id`.execute(db);
  await sql`
    insert into items (account_id, sku, name)
    select ${accountId}::bigint, 'SKU-' || lpad(g::text, 7, '0'), 'Bench item ' || g
    from generate_series(1, ${items}::int) g`.execute(db);
  const itemRows = await sql<{ id: string }>`select id from items where account_id = ${accountId}::bigint order by id`.execute(db);

  // Every (item, shop) receives `stock`; one pair in `negativeEvery` then sells stock + 5 (-5).
  await db.transaction().execute(async (trx) => {
    await sql`
      create temporary table bench_pairs on commit drop as
      select i.id as item_id, s.id as shop_id, row_number() over (order by i.id, s.id) as n
      from items i cross join shops s
      where i.account_id = ${accountId}::bigint and s.account_id = ${accountId}::bigint`.execute(trx);
    const head = await sql<{ last: string }>`
      select last_adjustment_id as last from inventory_ledger_heads where account_id = ${accountId}::bigint for update`.execute(trx);
    const base = BigInt(head.rows[0]!.last);
    await sql`
      insert into inventory_adjustments
        (account_id, id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason)
      select ${accountId}::bigint, ${base}::bigint + n, item_id, shop_id, ${stock}::int, 0, ${stock}::int, 'RECEIVING'
      from bench_pairs`.execute(trx);
    const pairCount = BigInt(items) * BigInt(shops);
    const negative = negativeEvery > 0;
    if (negative) {
      await sql`
        insert into inventory_adjustments
          (account_id, id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason)
        select ${accountId}::bigint, ${base + pairCount}::bigint + n / ${negativeEvery}::int, item_id, shop_id,
               -(${stock}::int + 5), ${stock}::int, -5, 'SALE'
        from bench_pairs where n % ${negativeEvery}::int = 0`.execute(trx);
      await sql`
        insert into negative_inventory_alerts
          (account_id, adjustment_id, item_id, shop_id, quantity_before, quantity_after, reason)
        select account_id, id, item_id, shop_id, quantity_before, quantity_after, reason
        from inventory_adjustments
        where account_id = ${accountId}::bigint and id > ${base + pairCount}::bigint`.execute(trx);
    }
    await sql`
      insert into inventory_levels (account_id, item_id, shop_id, quantity_on_hand)
      select ${accountId}::bigint, item_id, shop_id,
             case when ${negative} and n % ${Math.max(negativeEvery, 1)}::int = 0 then -5 else ${stock}::int end
      from bench_pairs`.execute(trx);
    await sql`
      update inventory_ledger_heads
      set last_adjustment_id = (select max(id) from inventory_adjustments where account_id = ${accountId}::bigint)
      where account_id = ${accountId}::bigint`.execute(trx);
  });
  // As autovacuum would have by then on a live database: statistics, and the visibility map that
  // lets counts over the negative rows read the index alone.
  await sql`vacuum analyze`.execute(db);
  return { shopIds: shopRows.rows.map((row) => row.id), itemIds: itemRows.rows.map((row) => row.id) };
}
