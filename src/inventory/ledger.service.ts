import type { DB } from '../db/database.js';
import { InsufficientInventoryError, ValidationError, type Shortage } from '../errors/domain-errors.js';
import type { AdjustmentReason, AdjustmentSourceType } from './inventory.tables.js';
import {
  addToLevels,
  appendToLedger,
  shareLockNegativeInventorySetting,
  type AdjustmentRow,
  type AlertRow,
  type LevelRow,
} from './ledger.sql.js';

export interface Movement {
  itemId: string;
  shopId: string;
  /** Units in (positive) or out (negative). */
  quantityChange: number;
}

export interface LedgerEntry {
  accountId: string;
  employeeId: string | null;
  reason: AdjustmentReason;
  source: { type: AdjustmentSourceType; id: string } | null;
  note?: string | null;
  movements: readonly Movement[];
  /**
   * The caller's session setting. When false, a movement that would leave any quantity below zero
   * refuses the whole write with InsufficientInventoryError.
   */
  allowNegative: boolean;
}

export interface LedgerResult {
  levels: LevelRow[];
  adjustments: AdjustmentRow[];
  alerts: AlertRow[];
}

/** The fixed lock order of inventory rows: by item, then shop, as numbers (they are bigints). */
export function compareItemShop(a: { itemId: string; shopId: string }, b: { itemId: string; shopId: string }): number {
  const byItem = BigInt(a.itemId) - BigInt(b.itemId);
  if (byItem !== 0n) return byItem < 0n ? -1 : 1;
  const byShop = BigInt(a.shopId) - BigInt(b.shopId);
  return byShop === 0n ? 0 : byShop < 0n ? -1 : 1;
}

/** One movement per (item, shop), summed, in lock order; pairs that net to zero drop out. */
export function netMovements(movements: readonly Movement[]): Movement[] {
  const byPair = new Map<string, Movement>();
  for (const movement of movements) {
    const key = `${movement.itemId}:${movement.shopId}`;
    const existing = byPair.get(key);
    byPair.set(key, { ...movement, quantityChange: (existing?.quantityChange ?? 0) + movement.quantityChange });
  }
  return [...byPair.values()].filter((movement) => movement.quantityChange !== 0).sort(compareItemShop);
}

const postgresNumericOutOfRange = '22003';

/**
 * Applies movements to quantities on hand and writes the ledger, inside the caller's transaction.
 * This is the only way quantities change, so for every (item, shop) the quantity on hand is the
 * sum of its adjustments, and each adjustment's quantity_before is the previous one's
 * quantity_after.
 *
 * Lock order, always: inventory rows by (item, shop), then the negative-inventory setting (shared,
 * only when a quantity ends below zero), then the account's ledger head. Callers should write their
 * document rows before calling this, so the ledger head is held for as short a time as possible.
 */
export async function applyMovements(trx: DB, entry: LedgerEntry): Promise<LedgerResult> {
  const movements = netMovements(entry.movements);
  if (movements.length === 0) return { levels: [], adjustments: [], alerts: [] };

  const levels = await addToLevels(trx, entry.accountId, movements).catch((error: unknown) => {
    if ((error as { code?: string }).code === postgresNumericOutOfRange) {
      throw new ValidationError('The quantity on hand would be larger than the largest quantity this API can hold.', 'lines');
    }
    throw error;
  });
  const afterByPair = new Map(levels.map((level) => [`${level.item_id}:${level.shop_id}`, level]));
  const changes = movements.map((movement) => {
    const level = afterByPair.get(`${movement.itemId}:${movement.shopId}`);
    if (!level) throw new Error(`no level returned for ${movement.itemId}@${movement.shopId}`);
    return { movement, level, before: level.quantity_on_hand - movement.quantityChange };
  });

  const endingBelowZero = changes.filter(({ movement, level }) => movement.quantityChange < 0 && level.quantity_on_hand < 0);
  if (endingBelowZero.length > 0) {
    if (!entry.allowNegative) {
      // Thrown inside the transaction: the level updates above roll back with it.
      const shortages: Shortage[] = endingBelowZero.map(({ movement, before }) => ({
        itemId: movement.itemId,
        shopId: movement.shopId,
        requested: -movement.quantityChange,
        available: before,
      }));
      throw new InsufficientInventoryError(shortages);
    }
    await shareLockNegativeInventorySetting(trx, entry.accountId);
  }

  const { adjustments, alerts } = await appendToLedger(trx, {
    accountId: entry.accountId,
    reason: entry.reason,
    source: entry.source,
    employeeId: entry.employeeId,
    note: entry.note ?? null,
    changes: changes.map(({ movement, level, before }) => ({
      itemId: movement.itemId,
      shopId: movement.shopId,
      quantityChange: movement.quantityChange,
      quantityBefore: before,
      quantityAfter: level.quantity_on_hand,
      createdAt: level.updated_at,
    })),
  });

  return { levels, adjustments, alerts };
}
