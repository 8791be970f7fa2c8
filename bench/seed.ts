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
  /**
   * An instant (the database's clock) after every receiving row and before every row of the
   * negative pass: as of it, every (item, shop) holds `stock`.
   */
  stockedAt: Date;
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
  /** The receiving pass's created_at (and the levels' updated_at); default: when it is written. */
  receivedAt?: Date;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The database's clock. created_at is rounded to the millisecond: pause either side of it. */
async function databaseNow(db: DB): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
  return rows[0]!.now;
}

/**
 * The pairs of a batch of items, numbered n = 1, 2, ... over the whole catalogue in (item, shop)
 * order, `offset` being the batch's first item's index in it.
 */
function numberedPairs(shopIds: string[], offset: number, batch: string[]) {
  return sql`
    select item.id as item_id, shop.id as shop_id,
           (${offset}::bigint + item.position - 1) * ${shopIds.length}::bigint + shop.position as n
    from unnest(${batch}::bigint[]) with ordinality as item(id, position)
    cross join unnest(${shopIds}::bigint[]) with ordinality as shop(id, position)`;
}

export async function seedCatalogue(
  db: DB,
  accountId: string,
  { items, shops, stock, negativeEvery = 0, vacuum = true, receivedAt }: SeedOptions,
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
  const pairs = (offset: number, batch: string[]) => numberedPairs(shopIds, offset, batch);

  // Pass 1: every (item, shop) receives `stock`. Each batch writes its levels and their ledger rows
  // (the ledger's key on the level row wants the level first), 2 rows per pair.
  const receivingItems = Math.max(1, Math.floor(maxRowsPerTransaction / 2 / shopIds.length));
  for (let offset = 0; offset < itemIds.length; offset += receivingItems) {
    const batch = itemIds.slice(offset, offset + receivingItems);
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into inventory_levels (account_id, item_id, shop_id, quantity_on_hand, updated_at)
        select ${accountId}::bigint, item_id, shop_id, ${stock}::int, coalesce(${receivedAt ?? null}::timestamptz, now())
        from (${pairs(offset, batch)}) pair`.execute(trx);
      await sql`
        insert into inventory_adjustments
          (account_id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason, created_at)
        select ${accountId}::bigint, item_id, shop_id, ${stock}::int, 0, ${stock}::int, 'RECEIVING',
          coalesce(${receivedAt ?? null}::timestamptz, now())
        from (${pairs(offset, batch)}) pair
        order by n`.execute(trx);
    });
  }

  // Between the passes, clear of created_at's rounding to the millisecond on either side.
  await pause(20);
  const stockedAt = await databaseNow(db);
  await pause(20);

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
  return { shopIds, itemIds, stockedAt };
}

export interface EpisodeSeedOptions {
  /** Episodes, one per (item, shop): items = episodes / shops. */
  episodes: number;
  shops: number;
  /** They begin over the last `days` days (an hour inside that window's older end, a minute before now). */
  days: number;
  /** Employees who record them; one episode in employees + 1 has none (a partner's write). */
  employees: number;
}

export interface SeededEpisodes extends SeededCatalogue {
  episodes: number;
  resolved: number;
}

/**
 * Negative episodes spread over the last `days` days, as the API would have recorded them: every
 * (item, shop) receives 10 units before the window (`days` + 1 days ago), then, at an instant in
 * the window, an adjustment takes it to 1-9 below zero (reason and employee varied) and raises
 * its alert; about half are then brought back to zero or more by a RECEIVING adjustment up to 7
 * days later (never after now), which ends the episode: the alert's resolved_at is that
 * adjustment's created_at and resolved_by_adjustment_id its id, as inventory_apply_movements
 * writes them. The others are still open, their levels below zero. Every quantity stays the sum
 * of its adjustments, and within a pair the ids and created_at follow the order of the changes.
 * The parameters of an episode come from its pair's number n (hashint4), so each statement of a
 * batch recomputes them.
 */
export async function seedEpisodes(
  db: DB,
  accountId: string,
  { episodes, shops, days, employees }: EpisodeSeedOptions,
): Promise<SeededEpisodes> {
  const stock = 10;
  const now = await databaseNow(db);
  const catalogue = await seedCatalogue(db, accountId, {
    items: Math.ceil(episodes / shops),
    shops,
    stock,
    vacuum: false,
    receivedAt: new Date(now.getTime() - (days + 1) * 86_400_000),
  });
  // Each in the sign-in directory too, as addEmployee writes it (the addresses stay taken).
  const employeeRows = await sql<{ id: string }>`
    with employee as (
      insert into employees (account_id, name, email, password_hash, role)
      select ${accountId}::bigint, 'Bench clerk ' || g, 'bench-clerk-' || ${accountId}::text || '-' || g || '@bench.test',
        'not a password hash: never signs in', case when g % 5 = 0 then 'MANAGER' else 'CASHIER' end
      from generate_series(1, ${employees}::int) g
      returning account_id, id, email
    ), directory as (
      insert into sign_in_emails (email, account_id, employee_id) select email, account_id, id from employee
    )
    select id from employee order by id`.execute(db);
  const employeeIds = employeeRows.rows.map((row) => row.id);

  // Each episode's parameters; `random(salt)` is a number in [0, 2^30) fixed by n and salt.
  const random = (salt: number) => sql`(hashint4((n * 8 + ${salt})::int) & 1073741823)`;
  const windowSeconds = days * 86_400 - 3_600 - 60;
  const episode = (offset: number, batch: string[]) => sql`
    select item_id, shop_id, n,
      ${now}::timestamptz - interval '1 minute' - (${random(1)} % ${windowSeconds}::int) * interval '1 second' as occurred_at,
      1 + ${random(2)} % 9 as depth,
      (array['SALE', 'SALE', 'SALE', 'TRANSFER_OUT', 'VENDOR_RETURN', 'MANUAL'])[1 + ${random(3)} % 6] as reason,
      (${employeeIds}::bigint[])[1 + ${random(4)} % ${employeeIds.length + 1}::int] as employee_id,
      ${random(5)} % 2 = 0 as resolved,
      (60 + ${random(6)} % (7 * 86400)) * interval '1 second' as resolved_after,
      ${random(7)} % 20 as quantity_after_resolution
    from (${numberedPairs(catalogue.shopIds, offset, batch)}) pair
    where n <= ${episodes}::bigint`;

  // 4 rows per pair at most: its level, two adjustments, an alert.
  const batchItems = Math.max(1, Math.floor(maxRowsPerTransaction / 4 / shops));
  for (let offset = 0; offset < catalogue.itemIds.length; offset += batchItems) {
    const batch = catalogue.itemIds.slice(offset, offset + batchItems);
    await db.transaction().execute(async (trx) => {
      // The episode begins: below zero, its alert carrying its adjustment's (epoch, xid).
      await sql`
        with episode as (${episode(offset, batch)}),
        level_down as (
          update inventory_levels level set quantity_on_hand = -episode.depth, updated_at = episode.occurred_at
          from episode
          where level.account_id = ${accountId}::bigint and level.item_id = episode.item_id and level.shop_id = episode.shop_id
        ),
        adjustment as (
          insert into inventory_adjustments
            (account_id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason, employee_id, created_at)
          select ${accountId}::bigint, item_id, shop_id, -(${stock}::int + depth), ${stock}::int, -depth, reason, employee_id, occurred_at
          from episode
          order by n
          returning account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
        )
        insert into negative_inventory_alerts
          (account_id, adjustment_id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, occurred_at)
        select account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
        from adjustment`.execute(trx);
      // Half of them end: a later adjustment of the same pair back to zero or more, as
      // inventory_apply_movements' resolution CTE records it.
      await sql`
        with episode as (
          select *, least(occurred_at + resolved_after, ${now}::timestamptz) as resolved_at
          from (${episode(offset, batch)}) episode
          where resolved
        ),
        level_up as (
          update inventory_levels level set quantity_on_hand = episode.quantity_after_resolution, updated_at = episode.resolved_at
          from episode
          where level.account_id = ${accountId}::bigint and level.item_id = episode.item_id and level.shop_id = episode.shop_id
        ),
        adjustment as (
          insert into inventory_adjustments
            (account_id, item_id, shop_id, quantity_change, quantity_before, quantity_after, reason, employee_id, created_at)
          select ${accountId}::bigint, item_id, shop_id, depth + quantity_after_resolution, -depth, quantity_after_resolution,
            'RECEIVING', employee_id, resolved_at
          from episode
          order by n
          returning account_id, id, item_id, shop_id, created_at
        )
        update negative_inventory_alerts alert
        set resolved_at = greatest(adjustment.created_at, alert.occurred_at), resolved_by_adjustment_id = adjustment.id
        from adjustment
        where alert.account_id = adjustment.account_id and alert.item_id = adjustment.item_id
          and alert.shop_id = adjustment.shop_id and alert.resolved_at is null`.execute(trx);
    });
  }

  // No VACUUM ANALYZE: the caller settles the database once it has seeded everything.
  const { rows } = await sql<{ episodes: number; resolved: number }>`
    select count(*)::int as episodes, count(resolved_at)::int as resolved
    from negative_inventory_alerts where account_id = ${accountId}::bigint`.execute(db);
  return { ...catalogue, episodes: rows[0]!.episodes, resolved: rows[0]!.resolved };
}
