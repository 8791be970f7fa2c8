import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { VendorReturnResult } from './vendor-returns.service.js';

/** returnToVendor in one statement (return_to_vendor: the rules are in its migration). */
export async function returnToVendorStatement(
  db: DB,
  vendorReturn: {
    accountId: string;
    employeeId: string | null;
    allowNegative: boolean;
    shopId: string | null;
    vendor: string;
    lines: readonly { itemId: string | null; quantity: number }[];
    idempotency: { key: string | null; hash: string | null };
  },
): Promise<VendorReturnResult> {
  const { rows } = await sql<{ result: VendorReturnResult }>`
    select return_to_vendor(${vendorReturn.accountId}::bigint, ${vendorReturn.employeeId}::bigint,
      ${vendorReturn.allowNegative}::boolean, ${vendorReturn.shopId}::bigint, ${vendorReturn.vendor}::text,
      ${vendorReturn.lines.map((line) => line.itemId)}::bigint[], ${vendorReturn.lines.map((line) => line.quantity)}::integer[],
      ${vendorReturn.idempotency.key}::text, ${vendorReturn.idempotency.hash}::text
    ) as result
  `.execute(db);
  return rows[0]!.result;
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
