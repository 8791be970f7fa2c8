import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { applyMovementsStatement, type MovementEntry, type MovementResult } from './ledger.sql.js';
import { runMovement } from './movement-errors.js';

export interface Movement {
  itemId: string;
  shopId: string;
  /** Units in (positive) or out (negative). */
  quantityChange: number;
}

export type LedgerEntry = Omit<MovementEntry, 'note'> & { note?: string | null };

/** The fixed lock order of inventory rows: by item, then shop, as numbers (they are bigints). */
export function compareItemShop(a: { itemId: string; shopId: string }, b: { itemId: string; shopId: string }): number {
  const byItem = BigInt(a.itemId) - BigInt(b.itemId);
  if (byItem !== 0n) return byItem < 0n ? -1 : 1;
  const byShop = BigInt(a.shopId) - BigInt(b.shopId);
  return byShop === 0n ? 0 : byShop < 0n ? -1 : 1;
}

/**
 * Applies movements to quantities on hand and writes the ledger, inside the caller's transaction
 * (for writes that must read or lock something first, such as reconciling a count). This is the
 * only way quantities change, so for every (item, shop) the quantity on hand is the sum of its
 * adjustments, and each adjustment's quantity_before is the previous one's quantity_after.
 * Documents that need nothing else (sales, transfers, returns, receipts, manual adjustments) call
 * their own function in one statement instead; both end in inventory_apply_movements.
 *
 * Pairs that net to zero write nothing. With allowNegative false, a movement that would leave a
 * quantity below zero throws InsufficientInventoryError listing every such line, and the caller's
 * transaction rolls back.
 */
export async function applyMovements(trx: Transaction<Database>, entry: LedgerEntry): Promise<MovementResult> {
  if (entry.movements.length === 0) return { levels: [], adjustmentIds: [], alertIds: [] };
  return runMovement(applyMovementsStatement(trx, { ...entry, note: entry.note ?? null }), {});
}
