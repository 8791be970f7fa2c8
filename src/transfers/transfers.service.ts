import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { idempotencyArguments } from '../idempotency/idempotency.service.js';
import type { LevelSnapshot } from '../inventory/inventory.views.js';
import { applyMovements } from '../inventory/ledger.service.js';
import { runMovement } from '../inventory/movement-errors.js';
import { decodeId } from '../node/global-id.js';
import { decodeItemLines } from '../inventory/quantity-lines.js';
import { findTransferLines, lockTransfer, markTransferReceived, sendTransferStatement } from './transfers.sql.js';

export interface SendTransferInput {
  fromShopId: string;
  toShopId: string;
  lines: { itemId: string; quantity: number }[];
  idempotencyKey?: string | null;
}

export interface TransferResult {
  transferId: string;
  levels: LevelSnapshot[];
  alertIds: string[];
}

/**
 * Sending takes the quantities out of the sending shop now (TRANSFER_OUT); they are in transit to
 * the receiving shop until it receives them. Held to the session's negative-inventory setting.
 * One statement (send_transfer).
 */
export function sendTransfer(db: DB, caller: EmployeeCaller, input: SendTransferInput): Promise<TransferResult> {
  return runMovement(
    sendTransferStatement(db, {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      allowNegative: caller.negativeInventoryEnabled,
      fromShopId: decodeId(input.fromShopId, 'Shop'),
      toShopId: decodeId(input.toShopId, 'Shop'),
      lines: decodeItemLines(input.lines),
      idempotency: idempotencyArguments(input),
    }),
    { fromShopId: input.fromShopId, toShopId: input.toShopId, lines: input.lines.map((line) => line.itemId) },
  );
}

/** Receiving adds the transfer's quantities to the receiving shop (TRANSFER_IN), once. */
export async function receiveTransfer(db: DB, caller: EmployeeCaller, transferGlobalId: string): Promise<Omit<TransferResult, 'alertIds'>> {
  return inTransaction(db, async (trx) => {
    const transferId = decodeId(transferGlobalId, 'Transfer');
    // The transfer row is locked before any inventory row; nothing locks them the other way round.
    const transfer = transferId ? await lockTransfer(trx, caller.accountId, transferId) : undefined;
    if (!transfer) throw new NotFoundError(transferGlobalId, 'Transfer');
    if (transfer.status === 'RECEIVED') throw new ValidationError('This transfer was already received.', 'transferId');
    await markTransferReceived(trx, caller.accountId, transfer.id);
    const lines = await findTransferLines(trx, caller.accountId, [transfer.id]);
    const { levels } = await applyMovements(trx, {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      reason: 'TRANSFER_IN',
      source: { type: 'TRANSFER', id: transfer.id },
      allowNegative: true,
      movements: lines.map((line) => ({ itemId: line.item_id, shopId: transfer.to_shop_id, quantityChange: line.quantity })),
    });
    return { transferId: transfer.id, levels };
  });
}
