import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../db/database.js';
import type { TransferResult } from './transfers.service.js';

/** sendTransfer in one statement (send_transfer: the rules are in its migration). */
export async function sendTransferStatement(
  db: DB,
  transfer: {
    accountId: string;
    employeeId: string | null;
    allowNegative: boolean;
    fromShopId: string | null;
    toShopId: string | null;
    lines: readonly { itemId: string | null; quantity: number }[];
    idempotency: { key: string | null; hash: string | null };
  },
): Promise<TransferResult> {
  const { rows } = await sql<{ result: TransferResult }>`
    select send_transfer(${transfer.accountId}::bigint, ${transfer.employeeId}::bigint, ${transfer.allowNegative}::boolean,
      ${transfer.fromShopId}::bigint, ${transfer.toShopId}::bigint, ${transfer.lines.map((line) => line.itemId)}::bigint[],
      ${transfer.lines.map((line) => line.quantity)}::integer[], ${transfer.idempotency.key}::text,
      ${transfer.idempotency.hash}::text
    ) as result
  `.execute(db);
  return rows[0]!.result;
}

/** Locks the transfer so two receipts of it can't both go through. */
export function lockTransfer(trx: Transaction<Database>, accountId: string, transferId: string) {
  return trx
    .selectFrom('transfers')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', transferId)
    .forUpdate()
    .executeTakeFirst();
}

export function markTransferReceived(db: DB, accountId: string, transferId: string) {
  return db
    .updateTable('transfers')
    .set({ status: 'RECEIVED', received_at: new Date() })
    .where('account_id', '=', accountId)
    .where('id', '=', transferId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findTransfersByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('transfers').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function findTransferLines(db: DB, accountId: string, transferIds: readonly string[]) {
  return db
    .selectFrom('transfer_lines')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('transfer_id', 'in', transferIds)
    .orderBy('transfer_id')
    .orderBy('line_number')
    .execute();
}
