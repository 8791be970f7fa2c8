import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { idempotent } from '../idempotency/idempotency.service.js';
import { levelSnapshot, type LevelSnapshot } from '../inventory/inventory.views.js';
import { applyMovements } from '../inventory/ledger.service.js';
import { resolveItemLines } from '../inventory/quantity-lines.js';
import { requireShopId } from '../shops/shops.service.js';
import { insertSale } from './sales.sql.js';

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
 */
export async function recordSale(db: DB, caller: EmployeeCaller, input: RecordSaleInput): Promise<RecordSaleResult> {
  const { idempotencyKey, ...request } = input;
  return db.transaction().execute((trx) =>
    idempotent(trx, { accountId: caller.accountId, operation: 'recordSale', key: idempotencyKey, request }, async () => {
      const shopId = await requireShopId(trx, caller.accountId, input.shopId);
      const lines = await resolveItemLines(trx, caller.accountId, input.lines);
      const sale = await insertSale(trx, { accountId: caller.accountId, shopId, employeeId: caller.employeeId, lines });
      const { levels, alerts } = await applyMovements(trx, {
        accountId: caller.accountId,
        employeeId: caller.employeeId,
        reason: 'SALE',
        source: { type: 'SALE', id: sale.id },
        allowNegative: caller.negativeInventoryEnabled,
        movements: lines.map((line) => ({ itemId: line.itemId, shopId, quantityChange: -line.quantity })),
      });
      return {
        sale: {
          accountId: sale.account_id,
          id: sale.id,
          shopId: sale.shop_id,
          employeeId: sale.employee_id,
          createdAt: sale.created_at.toISOString(),
        },
        levels: levels.map(levelSnapshot),
        alertIds: alerts.map((alert) => alert.adjustment_id),
      };
    }),
  );
}
