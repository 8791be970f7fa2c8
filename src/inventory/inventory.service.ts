import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { idempotencyArguments } from '../idempotency/idempotency.service.js';
import { decodeId } from '../node/global-id.js';
import { decodeItemLines } from './quantity-lines.js';
import { adjustInventoryStatement, receiveStockStatement } from './inventory.sql.js';
import type { LevelSnapshot } from './inventory.views.js';
import { runMovement } from './movement-errors.js';

export interface ReceiveStockInput {
  shopId: string;
  lines: { itemId: string; quantity: number }[];
  idempotencyKey?: string | null;
}

export interface ReceiveStockResult {
  levels: LevelSnapshot[];
  adjustmentIds: string[];
}

/**
 * Stock arriving at a shop (RECEIVING). Never refused: it is how negative quantities recover.
 * One statement (receive_stock).
 */
export function receiveStock(db: DB, caller: EmployeeCaller, input: ReceiveStockInput): Promise<ReceiveStockResult> {
  return runMovement(
    receiveStockStatement(db, {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      shopId: decodeId(input.shopId, 'Shop'),
      lines: decodeItemLines(input.lines),
      idempotency: idempotencyArguments(input),
    }),
    { shopId: input.shopId, lines: input.lines.map((line) => line.itemId) },
  );
}

export interface AdjustInventoryInput {
  shopId: string;
  itemId: string;
  quantityChange: number;
  note?: string | null;
  idempotencyKey?: string | null;
}

export interface AdjustInventoryResult {
  level: LevelSnapshot;
  adjustmentId: string;
  alertIds: string[];
}

/**
 * A manual correction (MANUAL); taking stock out is held to the session's negative setting.
 * One statement (adjust_inventory).
 */
export function adjustInventory(db: DB, caller: EmployeeCaller, input: AdjustInventoryInput): Promise<AdjustInventoryResult> {
  return runMovement(
    adjustInventoryStatement(db, {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      allowNegative: caller.negativeInventoryEnabled,
      shopId: decodeId(input.shopId, 'Shop'),
      itemId: decodeId(input.itemId, 'Item'),
      quantityChange: input.quantityChange,
      note: input.note?.trim() || null,
      idempotency: idempotencyArguments(input),
    }),
    { shopId: input.shopId, itemId: input.itemId },
  );
}
