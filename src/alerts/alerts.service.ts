import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { currentHorizon, decodeLedgerCursor, type LedgerPosition } from '../inventory/ledger-order.js';
import { requireFilterShopId } from '../reports/filter-ids.js';
import { badUserInput } from '../schema/pagination.js';
import type { AlertEvent, AlertFeed } from './alerts.feed.js';
import { findAlertAt, findAlertsAfter, findAlertsBefore } from './alerts.sql.js';

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

/** History: the account's alerts after the cursor, oldest first; `limit` rows at most. */
export async function pageAlerts(db: DB, caller: AccountCaller, args: AlertFilterArgs & { limit: number }) {
  const shopId = await filterShopId(db, caller.accountId, args.shopId);
  const after = decodeLedgerCursor(args.after);
  return findAlertsAfter(db, { accountId: caller.accountId, shopId, after, limit: args.limit });
}

/**
 * History read backwards: the newest `limit` alerts before the cursor (before: null, the newest of
 * all), newest first. A dashboard opening shows the latest alerts without reading them all.
 */
export async function pageAlertsBackward(
  db: DB,
  caller: AccountCaller,
  args: { shopId?: string | null; before?: string | null; limit: number },
) {
  const shopId = await filterShopId(db, caller.accountId, args.shopId);
  const before = decodeLedgerCursor(args.before, 'before');
  return findAlertsBefore(db, { accountId: caller.accountId, shopId, before, limit: args.limit });
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
  feed: AlertFeed,
  caller: AccountCaller,
  args: AlertFilterArgs,
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
  return feed.subscribe({ accountId: caller.accountId, shopId, after });
}
