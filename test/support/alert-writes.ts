import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { findAlertsByAdjustmentIds, type AlertRow } from '../../src/alerts/alerts.sql.js';
import type { DB } from '../../src/db/database.js';
import type { LedgerPosition } from '../../src/inventory/ledger-order.js';
import { applyMovements } from '../../src/inventory/ledger.service.js';
import type { NotificationHandler, NotificationListener } from '../../src/realtime/notification-listener.js';
import { backend, createTestDatabase, type TestDatabase } from './database.js';

// For unit tests of the alert reader and subscriptions: a migrated database, a catalogue written
// through Kysely, alerts raised through the ledger's own write (no server), and a notification
// source the test drives by hand.

export function migratedTestDatabase(): Promise<TestDatabase> {
  return createTestDatabase({ migrated: true });
}

export interface Catalogue {
  accountId: string;
  shopIds: string[];
  itemIds: string[];
}

/** An account with shops and items (row ids), nothing on hand. */
export async function insertCatalogue(db: DB, { shops = 2, items = 4 } = {}): Promise<Catalogue> {
  const label = randomBytes(3).toString('hex');
  const account = await db
    .insertInto('accounts')
    .values({ name: `Account ${label}`, legacy: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  const shopRows = await db
    .insertInto('shops')
    .values(Array.from({ length: shops }, (_, index) => ({ account_id: account.id, name: `Shop ${label} ${index}` })))
    .returning('id')
    .execute();
  const itemRows = await db
    .insertInto('items')
    .values(Array.from({ length: items }, (_, index) => ({ account_id: account.id, sku: `SKU-${label}-${index}`, name: `Item ${index}` })))
    .returning('id')
    .execute();
  return { accountId: account.id, shopIds: shopRows.map((row) => row.id), itemIds: itemRows.map((row) => row.id) };
}

/**
 * Sells one of each item at the shop in one transaction (each at 0 goes to -1: one alert each),
 * then receives them back in another. Returns the sale's alerts, in ledger order.
 */
export async function raiseAlerts(db: DB, catalogue: Catalogue, shopId: string, itemIds = catalogue.itemIds): Promise<AlertRow[]> {
  const move = (reason: 'SALE' | 'RECEIVING', quantityChange: number) =>
    db.transaction().execute((trx) =>
      applyMovements(trx, {
        accountId: catalogue.accountId,
        reason,
        source: null,
        employeeId: null,
        allowNegative: true,
        movements: itemIds.map((itemId) => ({ itemId, shopId, quantityChange })),
      }),
    );
  const sale = await move('SALE', -1);
  await move('RECEIVING', 1);
  const alerts = await findAlertsByAdjustmentIds(db, catalogue.accountId, sale.alertIds);
  return alerts.sort((a, b) => Number(BigInt(a.adjustment_id) - BigInt(b.adjustment_id)));
}

/** The position of an alert, as the reader hands them out. */
export function positionOfAlert(alert: Pick<AlertRow, 'epoch' | 'xid' | 'adjustment_id'>): LedgerPosition {
  return { epoch: alert.epoch, xid: alert.xid, id: alert.adjustment_id };
}

/** The account's stored alerts after a position, in ledger order: what a reader must deliver. */
export async function storedAlertIds(db: DB, accountId: string, after?: LedgerPosition): Promise<string[]> {
  const { rows } = await sql<{ adjustment_id: string }>`
    select adjustment_id from negative_inventory_alerts
    where account_id = ${accountId}::bigint
      and (${after?.epoch ?? null}::integer is null
        or (epoch, xid, adjustment_id) > (${after?.epoch ?? null}::integer, ${after?.xid ?? null}::xid8, ${after?.id ?? null}::bigint))
    order by epoch, xid, adjustment_id
  `.execute(db);
  return rows.map((row) => row.adjustment_id);
}

export interface HorizonHold {
  /** Alerts committed since the hold began, as stored: above the horizon until release(). */
  keepAbove(alerts: readonly AlertRow[]): Promise<AlertRow[]>;
  release(): Promise<void>;
}

/**
 * Holds the ledger's horizon back, as a transaction left open elsewhere does. On PostgreSQL, a
 * real one on its own connection: whatever commits after it began stays above the horizon. PGlite
 * runs one transaction at a time, so nothing can be open while others commit: there, keepAbove()
 * moves the alerts past the horizon instead (their transaction id set a few ids ahead), and
 * release() hands out transaction ids until the horizon has passed them.
 */
export async function holdHorizon(database: TestDatabase): Promise<HorizonHold> {
  const { db } = database.handle;
  const stored = async (alerts: readonly AlertRow[]) => {
    const [first] = alerts;
    if (!first) return [];
    const rows = await findAlertsByAdjustmentIds(
      db,
      first.account_id,
      alerts.map((alert) => alert.adjustment_id),
    );
    return rows.sort((a, b) => Number(BigInt(a.adjustment_id) - BigInt(b.adjustment_id)));
  };
  if (backend === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('begin');
    await client.query('select pg_current_xact_id()');
    return {
      keepAbove: stored,
      async release() {
        await client.query('commit');
        await client.end();
      },
    };
  }
  const ahead = 3;
  return {
    async keepAbove(alerts) {
      await sql`
        update negative_inventory_alerts set xid = (pg_current_xact_id()::text::numeric + ${ahead})::text::xid8
        where adjustment_id = any(${alerts.map((alert) => alert.adjustment_id)}::bigint[])
      `.execute(db);
      return stored(alerts);
    },
    async release() {
      for (let index = 0; index < ahead; index++) await sql`select pg_current_xact_id()`.execute(db);
    },
  };
}

/** The NOTIFY a write of these alerts sends (src/alerts/alerts.sql.ts: `<account>:<epoch>:<xid>`). */
export function alertsPayload(alert: Pick<AlertRow, 'account_id' | 'epoch' | 'xid'>): string {
  return `${alert.account_id}:${alert.epoch}:${alert.xid}`;
}

/** A notification source driven by the test: what the database's LISTEN connection would report. */
export class ManualNotifications implements Pick<NotificationListener, 'listen'> {
  readonly #handlers = new Map<string, NotificationHandler>();

  async listen(channel: string, handler: NotificationHandler): Promise<void> {
    this.#handlers.set(channel, handler);
  }

  notify(channel: string, payload: string): void {
    const handler = this.#handlers.get(channel);
    if (!handler) throw new Error(`nothing listens on ${channel}`);
    handler.notification(payload);
  }

  /** The listening connection came back: notifications may have been lost meanwhile. */
  reconnected(): void {
    for (const handler of this.#handlers.values()) handler.resync();
  }
}
