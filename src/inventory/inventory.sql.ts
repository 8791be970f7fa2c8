import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import type { AdjustInventoryResult, ReceiveStockResult } from './inventory.service.js';

/** receiveStock in one statement (receive_stock: the rules are in its migration). */
export async function receiveStockStatement(
  db: DB,
  receipt: {
    accountId: string;
    employeeId: string | null;
    shopId: string | null;
    lines: readonly { itemId: string | null; quantity: number }[];
    idempotency: { key: string | null; hash: string | null };
  },
): Promise<ReceiveStockResult> {
  const { rows } = await sql<{ result: ReceiveStockResult }>`
    select receive_stock(${receipt.accountId}::bigint, ${receipt.employeeId}::bigint, ${receipt.shopId}::bigint,
      ${receipt.lines.map((line) => line.itemId)}::bigint[], ${receipt.lines.map((line) => line.quantity)}::integer[],
      ${receipt.idempotency.key}::text, ${receipt.idempotency.hash}::text
    ) as result
  `.execute(db);
  return rows[0]!.result;
}

/** adjustInventory in one statement (adjust_inventory: the rules are in its migration). */
export async function adjustInventoryStatement(
  db: DB,
  adjustment: {
    accountId: string;
    employeeId: string | null;
    allowNegative: boolean;
    shopId: string | null;
    itemId: string | null;
    quantityChange: number;
    note: string | null;
    idempotency: { key: string | null; hash: string | null };
  },
): Promise<AdjustInventoryResult> {
  const { rows } = await sql<{ result: AdjustInventoryResult }>`
    select adjust_inventory(${adjustment.accountId}::bigint, ${adjustment.employeeId}::bigint,
      ${adjustment.allowNegative}::boolean, ${adjustment.shopId}::bigint, ${adjustment.itemId}::bigint,
      ${adjustment.quantityChange}::integer, ${adjustment.note}::text, ${adjustment.idempotency.key}::text,
      ${adjustment.idempotency.hash}::text
    ) as result
  `.execute(db);
  return rows[0]!.result;
}
