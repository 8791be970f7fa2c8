import type { DB } from '../db/database.js';

export async function insertTransfer(
  db: DB,
  transfer: {
    accountId: string;
    fromShopId: string;
    toShopId: string;
    employeeId: string | null;
    lines: { itemId: string; quantity: number }[];
  },
) {
  const row = await db
    .insertInto('transfers')
    .values({
      account_id: transfer.accountId,
      from_shop_id: transfer.fromShopId,
      to_shop_id: transfer.toShopId,
      status: 'SENT',
      employee_id: transfer.employeeId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('transfer_lines')
    .values(
      transfer.lines.map((line, lineNumber) => ({
        account_id: transfer.accountId,
        transfer_id: row.id,
        line_number: lineNumber,
        item_id: line.itemId,
        quantity: line.quantity,
      })),
    )
    .execute();
  return row;
}

/** Locks the transfer so two receipts of it can't both go through. */
export function lockTransfer(db: DB, accountId: string, transferId: string) {
  return db
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
