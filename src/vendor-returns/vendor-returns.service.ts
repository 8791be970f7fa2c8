import type { EmployeeCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { idempotencyArguments } from '../idempotency/idempotency.service.js';
import type { LevelSnapshot } from '../inventory/inventory.views.js';
import { runMovement } from '../inventory/movement-errors.js';
import { decodeId } from '../node/global-id.js';
import { decodeItemLines } from '../inventory/quantity-lines.js';
import { returnToVendorStatement } from './vendor-returns.sql.js';

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

/**
 * Stock sent back to a vendor leaves the shop (VENDOR_RETURN); held to the session's setting.
 * One statement (return_to_vendor).
 */
export function returnToVendor(db: DB, caller: EmployeeCaller, input: VendorReturnInput): Promise<VendorReturnResult> {
  return runMovement(
    returnToVendorStatement(db, {
      accountId: caller.accountId,
      employeeId: caller.employeeId,
      allowNegative: caller.negativeInventoryEnabled,
      shopId: decodeId(input.shopId, 'Shop'),
      vendor: input.vendor.trim(),
      lines: decodeItemLines(input.lines),
      idempotency: idempotencyArguments(input),
    }),
    { shopId: input.shopId, lines: input.lines.map((line) => line.itemId) },
  );
}
