import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { idempotent } from '../idempotency/idempotency.service.js';
import { levelSnapshot, type LevelSnapshot } from '../inventory/inventory.views.js';
import { applyMovements } from '../inventory/ledger.service.js';
import { resolveItemLines } from '../inventory/quantity-lines.js';
import { requireShopId } from '../shops/shops.service.js';
import { insertVendorReturn } from './vendor-returns.sql.js';

export interface VendorReturnInput {
  shopId: string;
  vendor: string;
  lines: { itemId: string; quantity: number }[];
  idempotencyKey?: string | null;
}

export interface VendorReturnResult {
  vendorReturnId: string;
  levels: LevelSnapshot[];
  alertIds: string[];
}

/** Stock sent back to a vendor leaves the shop (VENDOR_RETURN); held to the session's setting. */
export async function returnToVendor(db: DB, caller: EmployeeCaller, input: VendorReturnInput): Promise<VendorReturnResult> {
  const { idempotencyKey, ...request } = input;
  return db.transaction().execute((trx) =>
    idempotent(trx, { accountId: caller.accountId, operation: 'vendorReturn', key: idempotencyKey, request }, async () => {
      const shopId = await requireShopId(trx, caller.accountId, input.shopId);
      const lines = await resolveItemLines(trx, caller.accountId, input.lines);
      const vendorReturn = await insertVendorReturn(trx, {
        accountId: caller.accountId,
        shopId,
        vendor: input.vendor.trim(),
        employeeId: caller.employeeId,
        lines,
      });
      const { levels, alerts } = await applyMovements(trx, {
        accountId: caller.accountId,
        employeeId: caller.employeeId,
        reason: 'VENDOR_RETURN',
        source: { type: 'VENDOR_RETURN', id: vendorReturn.id },
        allowNegative: caller.negativeInventoryEnabled,
        movements: lines.map((line) => ({ itemId: line.itemId, shopId, quantityChange: -line.quantity })),
      });
      return {
        vendorReturnId: vendorReturn.id,
        levels: levels.map(levelSnapshot),
        alertIds: alerts.map((alert) => alert.adjustment_id),
      };
    }),
  );
}
