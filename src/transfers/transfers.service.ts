import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { idempotent } from '../idempotency/idempotency.service.js';
import { levelSnapshot, type LevelSnapshot } from '../inventory/inventory.views.js';
import { applyMovements } from '../inventory/ledger.service.js';
import { resolveItemLines } from '../inventory/quantity-lines.js';
import { decodeId } from '../node/global-id.js';
import { requireShopId } from '../shops/shops.service.js';
import { findTransferLines, insertTransfer, lockTransfer, markTransferReceived } from './transfers.sql.js';

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
 */
export async function sendTransfer(db: DB, caller: EmployeeCaller, input: SendTransferInput): Promise<TransferResult> {
  const { idempotencyKey, ...request } = input;
  return db.transaction().execute((trx) =>
    idempotent(trx, { accountId: caller.accountId, operation: 'sendTransfer', key: idempotencyKey, request }, async () => {
      const fromShopId = await requireShopId(trx, caller.accountId, input.fromShopId);
      const toShopId = await requireShopId(trx, caller.accountId, input.toShopId);
      if (fromShopId === toShopId) throw new ValidationError('A transfer goes to another shop.', 'toShopId');
      const lines = await resolveItemLines(trx, caller.accountId, input.lines);
      const transfer = await insertTransfer(trx, {
        accountId: caller.accountId,
        fromShopId,
        toShopId,
        employeeId: caller.employeeId,
        lines,
      });
      const { levels, alerts } = await applyMovements(trx, {
        accountId: caller.accountId,
        employeeId: caller.employeeId,
        reason: 'TRANSFER_OUT',
        source: { type: 'TRANSFER', id: transfer.id },
        allowNegative: caller.negativeInventoryEnabled,
        movements: lines.map((line) => ({ itemId: line.itemId, shopId: fromShopId, quantityChange: -line.quantity })),
      });
      return {
        transferId: transfer.id,
        levels: levels.map(levelSnapshot),
        alertIds: alerts.map((alert) => alert.adjustment_id),
      };
    }),
  );
}

/** Receiving adds the transfer's quantities to the receiving shop (TRANSFER_IN), once. */
export async function receiveTransfer(
  db: DB,
  caller: EmployeeCaller,
  transferGlobalId: string,
): Promise<Omit<TransferResult, 'alertIds'>> {
  return db.transaction().execute(async (trx) => {
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
    return { transferId: transfer.id, levels: levels.map(levelSnapshot) };
  });
}
