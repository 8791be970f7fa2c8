import type { DB } from '../db/database.js';

export async function insertSale(
  db: DB,
  sale: { accountId: string; shopId: string; employeeId: string | null; lines: { itemId: string; quantity: number }[] },
) {
  const row = await db
    .insertInto('sales')
    .values({ account_id: sale.accountId, shop_id: sale.shopId, employee_id: sale.employeeId })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('sale_lines')
    .values(
      sale.lines.map((line, lineNumber) => ({
        account_id: sale.accountId,
        sale_id: row.id,
        line_number: lineNumber,
        item_id: line.itemId,
        quantity: line.quantity,
      })),
    )
    .execute();
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
