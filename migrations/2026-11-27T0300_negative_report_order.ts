import { sql, type Kysely } from 'kysely';

// The negative inventory report is ordered by quantity on hand, then item SKU, then shop. With the
// SKU and the shop's name on the level row, one partial index holds the negative rows in exactly
// that order, so the first page reads its 50 rows off the index instead of sorting every negative
// row of the account (whose number grows with the catalogue).
//
// Items and shops can't be renamed through the API; the trigger fills the copies when a level row
// is created. Whatever renames an item or a shop must update inventory_levels too.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table inventory_levels add column item_sku text, add column shop_name text;

    update inventory_levels level
    set item_sku = item.sku, shop_name = shop.name
    from items item, shops shop
    where item.account_id = level.account_id and item.id = level.item_id
      and shop.account_id = level.account_id and shop.id = level.shop_id;

    alter table inventory_levels alter column item_sku set not null, alter column shop_name set not null;

    create function inventory_levels_copy_names() returns trigger language plpgsql as $$
    begin
      select sku into new.item_sku from items where account_id = new.account_id and id = new.item_id;
      select name into new.shop_name from shops where account_id = new.account_id and id = new.shop_id;
      return new;
    end
    $$;

    create trigger inventory_levels_copy_names before insert on inventory_levels
      for each row execute function inventory_levels_copy_names();

    create index inventory_levels_negative_report_idx
      on inventory_levels (account_id, quantity_on_hand, item_sku, shop_name, shop_id)
      where quantity_on_hand < 0;
    create index inventory_levels_negative_shop_report_idx
      on inventory_levels (account_id, shop_id, quantity_on_hand, item_sku, shop_name)
      where quantity_on_hand < 0;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index inventory_levels_negative_shop_report_idx;
    drop index inventory_levels_negative_report_idx;
    drop trigger inventory_levels_copy_names on inventory_levels;
    drop function inventory_levels_copy_names();
    alter table inventory_levels drop column shop_name, drop column item_sku;
  `.execute(db);
}
