import type { DB } from '../db/database.js';

export async function insertVendorReturn(
  db: DB,
  vendorReturn: {
    accountId: string;
    shopId: string;
    vendor: string;
    employeeId: string | null;
    lines: { itemId: string; quantity: number }[];
  },
) {
  const row = await db
    .insertInto('vendor_returns')
    .values({
      account_id: vendorReturn.accountId,
      shop_id: vendorReturn.shopId,
      vendor: vendorReturn.vendor,
      employee_id: vendorReturn.employeeId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('vendor_return_lines')
    .values(
      vendorReturn.lines.map((line, lineNumber) => ({
        account_id: vendorReturn.accountId,
        vendor_return_id: row.id,
        line_number: lineNumber,
        item_id: line.itemId,
        quantity: line.quantity,
      })),
    )
    .execute();
  return row;
}

export function findVendorReturnsByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('vendor_returns').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function findVendorReturnLines(db: DB, accountId: string, vendorReturnIds: readonly string[]) {
  return db
    .selectFrom('vendor_return_lines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('vendor_return_id', 'in', vendorReturnIds)
    .orderBy('vendor_return_id')
    .orderBy('line_number')
    .execute();
}
