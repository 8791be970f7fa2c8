import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { idempotent } from '../idempotency/idempotency.service.js';
import { requireItemId } from '../items/items.service.js';
import { requireShopId } from '../shops/shops.service.js';
import { levelSnapshot, type LevelSnapshot } from './inventory.views.js';
import { applyMovements } from './ledger.service.js';
import { resolveItemLines } from './quantity-lines.js';

export interface ReceiveStockInput {
  shopId: string;
  lines: { itemId: string; quantity: number }[];
  idempotencyKey?: string | null;
}

export interface ReceiveStockResult {
  levels: LevelSnapshot[];
  adjustmentIds: string[];
}

/** Stock arriving at a shop (RECEIVING). Never refused: it is how negative quantities recover. */
export async function receiveStock(db: DB, caller: EmployeeCaller, input: ReceiveStockInput): Promise<ReceiveStockResult> {
  const { idempotencyKey, ...request } = input;
  return db.transaction().execute((trx) =>
    idempotent(trx, { accountId: caller.accountId, operation: 'receiveStock', key: idempotencyKey, request }, async () => {
      const shopId = await requireShopId(trx, caller.accountId, input.shopId);
      const lines = await resolveItemLines(trx, caller.accountId, input.lines);
      const { levels, adjustments } = await applyMovements(trx, {
        accountId: caller.accountId,
        employeeId: caller.employeeId,
        reason: 'RECEIVING',
        source: null,
        allowNegative: true,
        movements: lines.map((line) => ({ itemId: line.itemId, shopId, quantityChange: line.quantity })),
      });
      return { levels: levels.map(levelSnapshot), adjustmentIds: adjustments.map((adjustment) => adjustment.id) };
    }),
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

/** A manual correction (MANUAL); taking stock out is held to the session's negative setting. */
export async function adjustInventory(
  db: DB,
  caller: EmployeeCaller,
  input: AdjustInventoryInput,
): Promise<AdjustInventoryResult> {
  const { idempotencyKey, ...request } = input;
  return db.transaction().execute((trx) =>
    idempotent(trx, { accountId: caller.accountId, operation: 'adjustInventory', key: idempotencyKey, request }, async () => {
      const shopId = await requireShopId(trx, caller.accountId, input.shopId);
      const itemId = await requireItemId(trx, caller.accountId, input.itemId);
      const { levels, adjustments, alerts } = await applyMovements(trx, {
        accountId: caller.accountId,
        employeeId: caller.employeeId,
        reason: 'MANUAL',
        source: null,
        note: input.note?.trim() || null,
        allowNegative: caller.negativeInventoryEnabled,
        movements: [{ itemId, shopId, quantityChange: input.quantityChange }],
      });
      const [level] = levels;
      const [adjustment] = adjustments;
      if (!level || !adjustment) throw new Error('a non-zero adjustment wrote no ledger row');
      return {
        level: levelSnapshot(level),
        adjustmentId: adjustment.id,
        alertIds: alerts.map((alert) => alert.adjustment_id),
      };
    }),
  );
}
