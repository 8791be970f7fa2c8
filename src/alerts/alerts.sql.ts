import { sql, type Selectable } from 'kysely';
import type { DB } from '../db/database.js';
import type { NegativeInventoryAlertsTable } from '../inventory/inventory.tables.js';

/** An alert row; its id is the id of the adjustment that raised it. */
export type AlertRow = Selectable<NegativeInventoryAlertsTable> & { id: string };

/**
 * The NOTIFY channel of committed alerts; payloads are `<accountId>:<highest adjustment id>`.
 * The writing transaction notifies (appendToLedger), so PostgreSQL delivers it at commit and never
 * on rollback. Payloads carry ids only (they are limited to 8000 bytes); listeners read the rows.
 */
export const alertsChannel = 'negative_inventory_alerts';

export function parseAlertsNotification(payload: string): { accountId: string; lastAdjustmentId: bigint } | null {
  const match = /^(\d{1,19}):(\d{1,19})$/.exec(payload);
  return match ? { accountId: match[1]!, lastAdjustmentId: BigInt(match[2]!) } : null;
}

/**
 * An account's alerts after an adjustment id, in cursor (commit) order, optionally of one shop.
 * Both the history query and the live stream page through the table this way.
 */
export async function findAlertsAfter(
  db: DB,
  filter: { accountId: string; shopId: string | null; afterAdjustmentId: string | null; limit: number },
): Promise<AlertRow[]> {
  let query = db.selectFrom('negative_inventory_alerts').selectAll().where('account_id', '=', filter.accountId);
  if (filter.shopId !== null) query = query.where('shop_id', '=', filter.shopId);
  if (filter.afterAdjustmentId !== null) query = query.where('adjustment_id', '>', filter.afterAdjustmentId);
  const rows = await query.orderBy('adjustment_id').limit(filter.limit).execute();
  return rows.map((row) => ({ ...row, id: row.adjustment_id }));
}

/** The account's alerts before an adjustment id (null: the newest), newest first; `limit` at most. */
export async function findAlertsBefore(
  db: DB,
  filter: { accountId: string; shopId: string | null; beforeAdjustmentId: string | null; limit: number },
): Promise<AlertRow[]> {
  let query = db.selectFrom('negative_inventory_alerts').selectAll().where('account_id', '=', filter.accountId);
  if (filter.shopId !== null) query = query.where('shop_id', '=', filter.shopId);
  if (filter.beforeAdjustmentId !== null) query = query.where('adjustment_id', '<', filter.beforeAdjustmentId);
  const rows = await query.orderBy('adjustment_id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({ ...row, id: row.adjustment_id }));
}

/** The account's newest alert now (0 when it has none): where a live-only stream starts. */
export async function lastAlertAdjustmentId(db: DB, accountId: string): Promise<string> {
  const { last } = await db
    .selectFrom('negative_inventory_alerts')
    .select((eb) => eb.fn.coalesce(eb.fn.max('adjustment_id'), sql<string>`0`).as('last'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return String(last);
}
