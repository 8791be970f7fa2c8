import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { RecordSaleResult } from './sales.service.js';

/**
 * A sale end to end in one statement (record_sale: the rules are in its migration): one round trip.
 * Item and shop ids that didn't decode are null, which the function reports as not found.
 */
export async function recordSaleStatement(
  db: DB,
  sale: {
    accountId: string;
    employeeId: string | null;
    allowNegative: boolean;
    shopId: string | null;
    lines: readonly { itemId: string | null; quantity: number }[];
    idempotency: { key: string | null; hash: string | null };
  },
): Promise<RecordSaleResult> {
  const { rows } = await sql<{ result: RecordSaleResult }>`
    select record_sale(${sale.accountId}::bigint, ${sale.employeeId}::bigint, ${sale.allowNegative}::boolean,
      ${sale.shopId}::bigint, ${sale.lines.map((line) => line.itemId)}::bigint[],
      ${sale.lines.map((line) => line.quantity)}::integer[], ${sale.idempotency.key}::text, ${sale.idempotency.hash}::text
    ) as result
  `.execute(db);
  return rows[0]!.result;
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
