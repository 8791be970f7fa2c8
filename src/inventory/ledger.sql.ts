import { sql, type Selectable } from 'kysely';
import type { DB } from '../db/database.js';
import { alertsChannel } from '../alerts/alerts.sql.js';
import type {
  AdjustmentReason,
  AdjustmentSourceType,
  InventoryAdjustmentsTable,
  InventoryLevelsTable,
  NegativeInventoryAlertsTable,
} from './inventory.tables.js';

export type LevelRow = Selectable<InventoryLevelsTable>;
export type AdjustmentRow = Selectable<InventoryAdjustmentsTable>;
export type AlertRow = Selectable<NegativeInventoryAlertsTable>;

export function createLedgerHead(db: DB, accountId: string) {
  return db.insertInto('inventory_ledger_heads').values({ account_id: accountId }).execute();
}

/**
 * Adds each change to its (item, shop) quantity in one statement, creating rows that don't exist
 * yet (a missing row means 0). `changes` must be sorted by (item, shop) with one entry per pair:
 * rows are locked in the order of the VALUES list, and every writer uses the same order, so two
 * transactions over the same items can wait for each other but never deadlock.
 * The addition happens in SQL on the locked row, so concurrent writers never lose an update.
 */
export function addToLevels(
  db: DB,
  accountId: string,
  changes: readonly { itemId: string; shopId: string; quantityChange: number }[],
) {
  const now = new Date();
  return db
    .insertInto('inventory_levels')
    .values(
      changes.map((change) => ({
        account_id: accountId,
        item_id: change.itemId,
        shop_id: change.shopId,
        quantity_on_hand: change.quantityChange,
        updated_at: now,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['account_id', 'item_id', 'shop_id']).doUpdateSet((eb) => ({
        quantity_on_hand: sql<number>`${eb.ref('inventory_levels.quantity_on_hand')} + ${eb.ref('excluded.quantity_on_hand')}`,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .execute();
}

/**
 * Locks the (item, shop) rows of `pairs` and returns their quantities, creating at 0 the ones that
 * don't exist yet: for writers that must read a quantity before deciding the change (an inventory
 * count sets a quantity rather than adding to it). `pairs` must be sorted by (item, shop), unique.
 *
 * One statement, rows taken in the VALUES order like addToLevels: a row this transaction creates is
 * as good as locked (a writer inserting it waits for us), so creating the missing rows first and
 * locking the others afterwards would take rows out of the fixed order and could deadlock with a
 * sale. A 0 row with no adjustments keeps the ledger invariant (the sum of none is 0).
 */
export function lockLevels(db: DB, accountId: string, pairs: readonly { itemId: string; shopId: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  return db
    .insertInto('inventory_levels')
    .values(pairs.map((pair) => ({ account_id: accountId, item_id: pair.itemId, shop_id: pair.shopId, quantity_on_hand: 0 })))
    .onConflict((conflict) =>
      conflict
        .columns(['account_id', 'item_id', 'shop_id'])
        // Changes nothing; it is how an upsert locks the existing row.
        .doUpdateSet((eb) => ({ quantity_on_hand: eb.ref('inventory_levels.quantity_on_hand') })),
    )
    .returningAll()
    .execute();
}

export interface LedgerAppend {
  accountId: string;
  reason: AdjustmentReason;
  source: { type: AdjustmentSourceType; id: string } | null;
  employeeId: string | null;
  note: string | null;
  /** In lock order; each becomes one adjustment, numbered in this order. */
  changes: {
    itemId: string;
    shopId: string;
    quantityChange: number;
    quantityBefore: number;
    quantityAfter: number;
    createdAt: Date;
  }[];
}

/**
 * Numbers the adjustments from the account's ledger head, writes them and the alerts for those
 * that cross below zero, and (when there are alerts) NOTIFYs live subscribers: in ONE statement.
 *
 * The head row stays locked until commit, so ledger numbers are handed out in commit order: a
 * higher id always commits later, and readers paging by id never see a lower id appear behind
 * them. Every writer of the account queues on that row, so it is taken last (after the inventory
 * rows: the fixed lock order) and held as briefly as possible: this one statement, then COMMIT.
 * NOTIFY is delivered at commit, and never for a transaction that rolls back.
 */
export async function appendToLedger(db: DB, append: LedgerAppend): Promise<{ adjustments: AdjustmentRow[]; alerts: AlertRow[] }> {
  const entries = JSON.stringify(
    append.changes.map((change, index) => ({
      ordinal: index + 1,
      item_id: change.itemId,
      shop_id: change.shopId,
      quantity_change: change.quantityChange,
      quantity_before: change.quantityBefore,
      quantity_after: change.quantityAfter,
      created_at: change.createdAt.toISOString(),
    })),
  );
  const result = await sql<AdjustmentRow & { raised_alert: boolean; notified: number }>`
    with head as (
      update inventory_ledger_heads
      set last_adjustment_id = last_adjustment_id + ${append.changes.length}::int
      where account_id = ${append.accountId}::bigint
      returning last_adjustment_id - ${append.changes.length}::int as base
    ),
    entries as (
      select * from jsonb_to_recordset(${entries}::jsonb) as entry(
        ordinal int, item_id bigint, shop_id bigint, quantity_change int, quantity_before int,
        quantity_after int, created_at timestamptz)
    ),
    adjustments as (
      insert into inventory_adjustments (account_id, id, item_id, shop_id, quantity_change, quantity_before,
        quantity_after, reason, source_type, source_id, employee_id, note, created_at)
      select ${append.accountId}::bigint, head.base + entries.ordinal, entries.item_id, entries.shop_id,
        entries.quantity_change, entries.quantity_before, entries.quantity_after, ${append.reason}::text,
        ${append.source?.type ?? null}::text, ${append.source?.id ?? null}::bigint, ${append.employeeId}::bigint,
        ${append.note}::text, entries.created_at
      from entries cross join head
      returning *
    ),
    alerts as (
      insert into negative_inventory_alerts (account_id, adjustment_id, item_id, shop_id, quantity_before,
        quantity_after, reason, occurred_at)
      select account_id, id, item_id, shop_id, quantity_before, quantity_after, reason, created_at
      from adjustments
      where quantity_before >= 0 and quantity_after < 0
      returning adjustment_id
    ),
    notified as (
      select pg_notify(${alertsChannel}, ${append.accountId}::text || ':' || max(adjustment_id)::text)
      from alerts having count(*) > 0
    )
    select adjustments.*,
      exists (select 1 from alerts where alerts.adjustment_id = adjustments.id) as raised_alert,
      (select count(*) from notified)::int as notified
    from adjustments
    order by adjustments.id
  `.execute(db);
  const adjustments: AdjustmentRow[] = result.rows.map(({ raised_alert: _raised, notified: _notified, ...adjustment }) => adjustment);
  const alerts: AlertRow[] = result.rows
    .filter((row) => row.raised_alert)
    .map((adjustment) => ({
      account_id: adjustment.account_id,
      adjustment_id: adjustment.id,
      item_id: adjustment.item_id,
      shop_id: adjustment.shop_id,
      quantity_before: adjustment.quantity_before,
      quantity_after: adjustment.quantity_after,
      reason: adjustment.reason,
      occurred_at: adjustment.created_at,
    }));
  return { adjustments, alerts };
}

/**
 * Holds the account's negative-inventory setting still until commit (a shared lock: writers don't
 * wait for each other). Taken by any write that leaves a quantity below zero, so it serializes
 * with the switch turning the module off, which takes the row exclusively: the switch either sees
 * the new negative quantity or commits before it exists.
 */
export function shareLockNegativeInventorySetting(db: DB, accountId: string) {
  return db
    .selectFrom('account_modules')
    .select('enabled')
    .where('account_id', '=', accountId)
    .where('module', '=', 'NEGATIVE_INVENTORY')
    .forShare()
    .execute();
}

export async function countNegativeLevels(db: DB, accountId: string): Promise<number> {
  const { count } = await db
    .selectFrom('inventory_levels')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('account_id', '=', accountId)
    .where('quantity_on_hand', '<', 0)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export function findAdjustmentsByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db
    .selectFrom('inventory_adjustments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .execute();
}

export function findAlertsByAdjustmentIds(db: DB, accountId: string, adjustmentIds: readonly string[]) {
  return db
    .selectFrom('negative_inventory_alerts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('adjustment_id', 'in', adjustmentIds)
    .execute();
}

/**
 * Quantity on hand of each item at every shop of the account (0 where nothing was recorded), for
 * many items in one query.
 */
export function findInventoryOfItems(db: DB, accountId: string, itemIds: readonly string[]) {
  return db
    .selectFrom('items')
    .innerJoin('shops', 'shops.account_id', 'items.account_id')
    .leftJoin('inventory_levels', (join) =>
      join
        .onRef('inventory_levels.account_id', '=', 'items.account_id')
        .onRef('inventory_levels.item_id', '=', 'items.id')
        .onRef('inventory_levels.shop_id', '=', 'shops.id'),
    )
    .select((eb) => [
      'items.account_id',
      'items.id as item_id',
      'shops.id as shop_id',
      eb.fn.coalesce('inventory_levels.quantity_on_hand', sql<number>`0`).as('quantity_on_hand'),
      'inventory_levels.updated_at',
    ])
    .where('items.account_id', '=', accountId)
    .where('items.id', 'in', itemIds)
    .orderBy('items.id')
    .orderBy('shops.name')
    .orderBy('shops.id')
    .execute();
}
