import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { idempotencyArguments } from '../idempotency/idempotency.service.js';
import type { LevelSnapshot } from '../inventory/inventory.views.js';
import { runMovement } from '../inventory/movement-errors.js';
import { decodeId } from '../node/global-id.js';
import { decodeItemLines } from '../inventory/quantity-lines.js';
import { recordSaleStatement } from './sales.sql.js';

export interface RecordSaleInput {
  shopId: string;
  lines: { itemId: string; quantity: number }[];
  idempotencyKey?: string | null;
}

/**
 * The sale as written. A sale never changes afterwards, so the payload answers from this snapshot
 * (kept as JSON with the idempotency key) rather than reading the row back.
 */
export interface SaleSnapshot {
  accountId: string;
  id: string;
  shopId: string;
  employeeId: string | null;
  /** ISO 8601. */
  createdAt: string;
}

export interface RecordSaleResult {
  sale: SaleSnapshot;
  levels: LevelSnapshot[];
  alertIds: string[];
}

/**
 * A sale takes its lines out of the shop (SALE), all or none. With negative inventory off for the
 * session, a sale that would leave any item below zero is refused with every short line listed.
 * One statement: the shop and items are checked, the sale written and the stock moved by
 * record_sale in the database.
 */
export function recordSale(db: DB, caller: EmployeeCaller, input: RecordSaleInput): Promise<RecordSaleResult> {
  return runMovement(
    recordSaleStatement(db, {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      allowNegative: caller.negativeInventoryEnabled,
      shopId: decodeId(input.shopId, 'Shop'),
      lines: decodeItemLines(input.lines),
      idempotency: idempotencyArguments(input),
    }),
    { shopId: input.shopId, lines: input.lines.map((line) => line.itemId) },
  );
}
