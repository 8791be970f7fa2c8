import type { LevelRow } from './ledger.sql.js';

/**
 * An inventory level as a mutation returns it: plain JSON, so the idempotency store can keep the
 * original answer and a retry gets the quantities as they were then, not as they are now.
 */
export interface LevelSnapshot {
  itemId: string;
  shopId: string;
  quantityOnHand: number;
  /** ISO 8601; null where nothing was ever recorded for the item at that shop. */
  updatedAt: string | null;
}

export function levelSnapshot(
  row: Pick<LevelRow, 'item_id' | 'shop_id' | 'quantity_on_hand'> & { updated_at: Date | null },
): LevelSnapshot {
  return {
    itemId: row.item_id,
    shopId: row.shop_id,
    quantityOnHand: row.quantity_on_hand,
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}
