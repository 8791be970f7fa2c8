import { sql, type Selectable } from 'kysely';
import type { DB } from '../db/database.js';
import type { SalesTable } from './sales.tables.js';

/**
 * The sale and its lines, in one statement: one round trip on a sale's hot path. (The lines'
 * insert runs although the final select doesn't read it: data-modifying WITH clauses always run.)
 */
export async function insertSale(
  db: DB,
  sale: { accountId: string; shopId: string; employeeId: string | null; lines: { itemId: string; quantity: number }[] },
) {
  const result = await sql<Selectable<SalesTable>>`
    with sale as (
      insert into sales (account_id, shop_id, employee_id)
      values (${sale.accountId}::bigint, ${sale.shopId}::bigint, ${sale.employeeId}::bigint)
      returning *
    ),
    lines as (
      insert into sale_lines (account_id, sale_id, line_number, item_id, quantity)
      select sale.account_id, sale.id, line.ordinality - 1, line.item_id, line.quantity
      from sale, unnest(${sale.lines.map((line) => line.itemId)}::bigint[], ${sale.lines.map((line) => line.quantity)}::int[])
        with ordinality as line(item_id, quantity, ordinality)
    )
    select * from sale
  `.execute(db);
  const [row] = result.rows;
  if (!row) throw new Error('inserting a sale returned no row');
  return row;
}

export function findSalesByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('sales').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function findSaleLines(db: DB, accountId: string, saleIds: readonly string[]) {
  return db
    .selectFrom('sale_lines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('sale_id', 'in', saleIds)
    .orderBy('sale_id')
    .orderBy('line_number')
    .execute();
}
