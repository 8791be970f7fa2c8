import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { currentHorizon, decodeLedgerCursor, ledgerCursor, type LedgerPosition } from '../inventory/ledger-order.js';
import { requireFilterShopId } from '../reports/filter-ids.js';
import { badUserInput, connectionFrom, relayPage, type Connection, type PageArgs } from '../schema/pagination.js';
import type { AlertReader } from './alerts.reader.js';
import { findAlertAt, findAlertsAfter, findAlertsBefore, type AlertRow } from './alerts.sql.js';
import { subscribeToAlertStream, type AlertEvent, type AlertSubscriptionOptions } from './alerts.subscription.js';

export interface AlertFilterArgs {
  shopId?: string | null;
  after?: string | null;
}

/**
 * The shop a filter names, as the report's filters do: a connection or a stream has no error union
 * to carry NotFoundError, so an ID that does not decode or is another account's is BAD_USER_INPUT.
 */
function filterShopId(db: DB, accountId: string, shopGlobalId: string | null | undefined): Promise<string | null> {
  if (shopGlobalId === null || shopGlobalId === undefined) return Promise.resolve(null);
  return requireFilterShopId(db, accountId, 'shopId', shopGlobalId);
}

const cursors = new WeakMap<object, string>();

/**
 * Alert cursors are the raising adjustment's place in the ledger's order (see
 * src/inventory/ledger-order.ts). Remembered per row: the live stream hands the same row to every
 * subscriber.
 */
export function alertCursor(alert: Pick<AlertRow, 'epoch' | 'xid' | 'adjustment_id'>): string {
  let cursor = cursors.get(alert);
  if (cursor === undefined) {
    cursor = ledgerCursor.encode({ epoch: alert.epoch, xid: alert.xid, id: alert.adjustment_id });
    cursors.set(alert, cursor);
  }
  return cursor;
}

/**
 * History: the account's alerts, oldest first, forwards after a cursor, or backwards from the
 * newest (before: null) or from a cursor, so a dashboard opening shows the latest alerts without
 * reading them all.
 */
export async function alertHistory(
  db: DB,
  caller: AccountCaller,
  args: PageArgs & { shopId?: string | null },
): Promise<Connection<AlertRow>> {
  const page = relayPage(args, ledgerCursor);
  const shopId = await filterShopId(db, caller.accountId, args.shopId);
  const filter = { accountId: caller.accountId, shopId, limit: page.limit };
  const rows =
    page.direction === 'forward'
      ? await findAlertsAfter(db, { ...filter, after: page.after })
      : await findAlertsBefore(db, { ...filter, before: page.before });
  return connectionFrom(page, rows, alertCursor);
}

/**
 * Starts a live stream. With `after`, it first yields every alert after that cursor; without, it
 * starts at the horizon now: every alert whose transaction had not finished by then is still to
 * come, so one committing just after the subscription started is not missed. Arguments are
 * checked here, before the stream starts, so a bad one is an error of the subscribe request
 * rather than of the stream.
 */
export async function subscribeToAlerts(
  db: DB,
  reader: AlertReader,
  caller: AccountCaller,
  args: AlertFilterArgs,
  options: AlertSubscriptionOptions,
): Promise<AsyncIterableIterator<AlertEvent>> {
  const shopId = await filterShopId(db, caller.accountId, args.shopId);
  let after: LedgerPosition;
  const cursor = decodeLedgerCursor(args.after);
  if (cursor) {
    // A cursor that is not one of the account's alerts would silently start the stream somewhere
    // arbitrary (or reveal how far another account's ledger has come): refuse it.
    const alert = await findAlertAt(db, caller.accountId, cursor);
    if (!alert) throw badUserInput('`after` is not the cursor of an alert of this account.');
    after = cursor;
  } else {
    after = await currentHorizon(db);
  }
  return subscribeToAlertStream(reader, { accountId: caller.accountId, shopId, after }, options);
}
