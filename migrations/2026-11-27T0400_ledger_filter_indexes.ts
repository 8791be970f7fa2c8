import { sql, type Kysely } from 'kysely';

// The ledger is paged by id. Filtered by shop, or to the adjustments that left a quantity below
// zero, a page would otherwise walk the account's whole ledger by id to find its rows; these
// indexes hold exactly those rows in id order.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index inventory_adjustments_shop_idx on inventory_adjustments (account_id, shop_id, id);
    create index inventory_adjustments_negative_idx on inventory_adjustments (account_id, id)
      where quantity_after < 0;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index inventory_adjustments_negative_idx;
    drop index inventory_adjustments_shop_idx;
  `.execute(db);
}
