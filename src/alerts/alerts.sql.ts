import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Database, DB } from '../db/database.js';
import { belowHorizon, beyondPosition, type LedgerPosition } from '../inventory/ledger-order.js';
import type { NegativeInventoryAlertsTable } from './alerts.tables.js';

/**
 * An alert as the API reads it: a row of negative_inventory_alerts, with `id` the id of the
 * adjustment that raised it (its Node id). Every query here answers alerts of this type.
 */
export type AlertRow = Selectable<NegativeInventoryAlertsTable> & { id: string };

/**
 * The NOTIFY channel of committed alerts; payloads are `<accountId>:<epoch>:<xid>`, the writing
 * transaction (inventory_apply_movements notifies, so PostgreSQL delivers it at commit and never
 * on rollback). Payloads carry no rows (they are limited to 8000 bytes); listeners read them.
 */
export const alertsChannel = 'negative_inventory_alerts';

export interface AlertsNotification {
  accountId: string;
  /** The writing transaction, as a position before its rows. */
  written: LedgerPosition;
}

export function parseAlertsNotification(payload: string): AlertsNotification | null {
  const match = /^(\d{1,19}):(\d{1,10}):(\d{1,20})$/.exec(payload);
  return match ? { accountId: match[1]!, written: { epoch: Number(match[2]), xid: match[3]!, id: '0' } } : null;
}

function orderColumns(eb: ExpressionBuilder<Database, 'negative_inventory_alerts'>) {
  return {
    epoch: eb.ref('negative_inventory_alerts.epoch'),
    xid: eb.ref('negative_inventory_alerts.xid'),
    id: eb.ref('negative_inventory_alerts.adjustment_id'),
  };
}

function withId(row: Selectable<NegativeInventoryAlertsTable>): AlertRow {
  return { ...row, id: row.adjustment_id };
}

/**
 * An account's alerts after a position, in ledger order and below the horizon (see
 * src/inventory/ledger-order.ts), optionally of one shop: the history query pages this way.
 */
export async function findAlertsAfter(
  db: DB,
  filter: { accountId: string; shopId: string | null; after: LedgerPosition | null; limit: number },
): Promise<AlertRow[]> {
  let query = db
    .selectFrom('negative_inventory_alerts')
    .selectAll()
    .where('account_id', '=', filter.accountId)
    .where((eb) => belowHorizon(orderColumns(eb)));
  if (filter.shopId !== null) query = query.where('shop_id', '=', filter.shopId);
  const { after } = filter;
  if (after !== null) query = query.where((eb) => beyondPosition(orderColumns(eb), '>', after));
  const rows = await query.orderBy('epoch').orderBy('xid').orderBy('adjustment_id').limit(filter.limit).execute();
  return rows.map(withId);
}

/** The account's alerts before a position (null: the newest below the horizon), newest first. */
export async function findAlertsBefore(
  db: DB,
  filter: { accountId: string; shopId: string | null; before: LedgerPosition | null; limit: number },
): Promise<AlertRow[]> {
  let query = db
    .selectFrom('negative_inventory_alerts')
    .selectAll()
    .where('account_id', '=', filter.accountId)
    .where((eb) => belowHorizon(orderColumns(eb)));
  if (filter.shopId !== null) query = query.where('shop_id', '=', filter.shopId);
  const { before } = filter;
  if (before !== null) query = query.where((eb) => beyondPosition(orderColumns(eb), '<', before));
  const rows = await query.orderBy('epoch', 'desc').orderBy('xid', 'desc').orderBy('adjustment_id', 'desc').limit(filter.limit).execute();
  return rows.map(withId);
}

/**
 * For the live stream: the account's alerts (all shops) after a position and below the horizon,
 * with the horizon the statement read them under and the end of its snapshot (the first
 * transaction id not yet started), so the stream knows whether transactions it was told about,
 * or may not have been told about, are still above it. One statement: both are the rows' own.
 */
export async function findAlertsAfterWithHorizon(
  db: DB,
  filter: { accountId: string; after: LedgerPosition; limit: number },
): Promise<{ alerts: AlertRow[]; horizon: LedgerPosition; snapshotEnd: LedgerPosition }> {
  const { rows } = await sql<
    Selectable<NegativeInventoryAlertsTable> & { horizon_epoch: number; horizon_xid: string; snapshot_end: string }
  >`
    select horizon.epoch as horizon_epoch, horizon.xid::text as horizon_xid,
      pg_snapshot_xmax(pg_current_snapshot())::text as snapshot_end, alert.*
    from ledger_horizon() horizon
    left join lateral (
      select stored.* from negative_inventory_alerts stored
      where stored.account_id = ${filter.accountId}::bigint
        and (stored.epoch, stored.xid) < (horizon.epoch, horizon.xid)
        and (stored.epoch, stored.xid, stored.adjustment_id)
          > (${filter.after.epoch}::integer, ${filter.after.xid}::xid8, ${filter.after.id}::bigint)
      order by stored.epoch, stored.xid, stored.adjustment_id
      limit ${filter.limit}
    ) alert on true
  `.execute(db);
  const [first] = rows;
  if (!first) throw new Error('ledger_horizon() returned no row');
  const horizon = { epoch: first.horizon_epoch, xid: first.horizon_xid, id: '0' };
  const snapshotEnd = { epoch: first.horizon_epoch, xid: first.snapshot_end, id: '0' };
  const alerts = rows
    .filter((row) => row.adjustment_id !== null)
    .map(({ horizon_epoch: _epoch, horizon_xid: _xid, snapshot_end: _end, ...alert }) => withId(alert));
  return { alerts, horizon, snapshotEnd };
}

/** The account's alerts raised by these adjustments (for payloads and `node`). */
export async function findAlertsByAdjustmentIds(db: DB, accountId: string, adjustmentIds: readonly string[]): Promise<AlertRow[]> {
  const rows = await db
    .selectFrom('negative_inventory_alerts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('adjustment_id', 'in', adjustmentIds)
    .execute();
  return rows.map(withId);
}

/** One of the account's alerts by its position (a cursor's), or undefined. */
export function findAlertAt(db: DB, accountId: string, position: LedgerPosition) {
  return db
    .selectFrom('negative_inventory_alerts')
    .select('adjustment_id')
    .where('account_id', '=', accountId)
    .where('adjustment_id', '=', position.id)
    .where('epoch', '=', position.epoch)
    .where(sql<boolean>`xid = ${position.xid}::xid8`)
    .executeTakeFirst();
}
