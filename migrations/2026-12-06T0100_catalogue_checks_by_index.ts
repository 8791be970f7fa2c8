import { sql, type Kysely } from 'kysely';

// The checks that a document's shop and items belong to the account, one index probe per line.
//
// They were written `line.item_id is null or not exists (select 1 from items ...)`. PostgreSQL may
// plan such an EXISTS under an OR as a hashed subplan: read every item of the account into a hash
// table, then probe it. PL/pgSQL caches a generic plan, costed for an average account (the items
// table's rows over its accounts); in a database of many small accounts that average is small and
// hashing wins on paper. For an account with 10,000 items it meant reading all of them on every
// sale: three times the database's CPU per sale, measured by `npm run bench` once the bench held
// 50 other accounts. A scalar subquery per line is never hashed: each line is one probe of the
// primary key, whatever the account's size.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function stock_require_shop(p_account bigint, p_shop bigint, p_argument text) returns void
    language plpgsql as $$
    begin
      if (select shops.id from shops where shops.account_id = p_account and shops.id = p_shop) is null then
        raise exception 'shop not found' using errcode = 'NI404', detail = jsonb_build_object('argument', p_argument)::text;
      end if;
    end $$;

    -- The first line (0-based) whose item is missing or another account's, in line order. A null
    -- id (one that didn't decode) finds no item.
    create or replace function stock_require_items(p_account bigint, p_item_ids bigint[]) returns void
    language plpgsql as $$
    declare
      v_missing bigint;
    begin
      select line.position - 1 into v_missing
      from unnest(p_item_ids) with ordinality as line(item_id, position)
      where (select items.id from items where items.account_id = p_account and items.id = line.item_id) is null
      order by line.position
      limit 1;
      if v_missing is not null then
        raise exception 'item not found'
          using errcode = 'NI404', detail = jsonb_build_object('argument', 'lines', 'index', v_missing)::text;
      end if;
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function stock_require_shop(p_account bigint, p_shop bigint, p_argument text) returns void
    language plpgsql as $$
    begin
      if p_shop is null or not exists (select 1 from shops where account_id = p_account and id = p_shop) then
        raise exception 'shop not found' using errcode = 'NI404', detail = jsonb_build_object('argument', p_argument)::text;
      end if;
    end $$;

    create or replace function stock_require_items(p_account bigint, p_item_ids bigint[]) returns void
    language plpgsql as $$
    declare
      v_missing bigint;
    begin
      select line.position - 1 into v_missing
      from unnest(p_item_ids) with ordinality as line(item_id, position)
      where line.item_id is null
        or not exists (select 1 from items where items.account_id = p_account and items.id = line.item_id)
      order by line.position
      limit 1;
      if v_missing is not null then
        raise exception 'item not found'
          using errcode = 'NI404', detail = jsonb_build_object('argument', 'lines', 'index', v_missing)::text;
      end if;
    end $$;
  `.execute(db);
}
