import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AlertReader } from '../src/alerts/alerts.reader.js';
import { alertsChannel, type AlertRow } from '../src/alerts/alerts.sql.js';
import { subscribeToAlertStream, type AlertEvent } from '../src/alerts/alerts.subscription.js';
import type { DB } from '../src/db/database.js';
import { currentHorizon, type LedgerPosition } from '../src/inventory/ledger-order.js';
import {
  alertsPayload,
  insertCatalogue,
  ManualNotifications,
  migratedTestDatabase,
  positionOfAlert,
  raiseAlerts,
  storedAlertIds,
  type Catalogue,
} from './support/alert-writes.js';
import type { TestDatabase } from './support/database.js';
import { captureLogs } from './support/log-capture.js';

// One live subscription (src/alerts/alerts.subscription.ts): it catches up from its cursor, then
// follows what the process's reader reads, each alert once and in order, through a bounded buffer.
// The reader is real, on a real database; its notifications are sent by hand.

let database: TestDatabase;
let db: DB;
let reader: AlertReader;
let notifications: ManualNotifications;
const { logger } = captureLogs();
const subscriptions: AsyncIterableIterator<AlertEvent>[] = [];

beforeAll(async () => {
  database = await migratedTestDatabase();
  db = database.handle.db;
});
afterEach(async () => {
  await Promise.all(subscriptions.splice(0).map((subscription) => subscription.return?.()));
  reader?.close();
});
afterAll(async () => {
  await database?.drop();
});

async function startReader() {
  notifications = new ManualNotifications();
  reader = new AlertReader(db, logger);
  await reader.start(notifications);
}

function subscribe(
  catalogue: Catalogue,
  after: LedgerPosition,
  options: { shopId?: string; bufferSize?: number; batchSize?: number } = {},
): AsyncIterableIterator<AlertEvent> {
  const subscription = subscribeToAlertStream(
    reader,
    { accountId: catalogue.accountId, shopId: options.shopId ?? null, after },
    { bufferSize: options.bufferSize ?? 1000, batchSize: options.batchSize ?? 100, logger },
  );
  subscriptions.push(subscription);
  return subscription;
}

/** Raises alerts and tells the reader, as the database would once they commit. */
async function raiseLive(catalogue: Catalogue, shopId: string, itemIds?: string[]): Promise<AlertRow[]> {
  const alerts = await raiseAlerts(db, catalogue, shopId, itemIds);
  notifications.notify(alertsChannel, alertsPayload(alerts[0]!));
  return alerts;
}

/** The next `count` events, failing after a few seconds. */
async function take(subscription: AsyncIterableIterator<AlertEvent>, count: number): Promise<AlertEvent[]> {
  const events: AlertEvent[] = [];
  const deadline = Date.now() + 5_000;
  while (events.length < count) {
    const next = await Promise.race([
      subscription.next(),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === 'timeout') throw new Error(`timed out after ${events.length} of ${count} events`);
    if (next.done) throw new Error(`ended after ${events.length} of ${count} events`);
    events.push(next.value);
  }
  return events;
}

function idsOf(events: readonly AlertEvent[]): string[] {
  return events.map((event) => (event.kind === 'alert' ? event.alert.adjustment_id : `overflow after ${event.lastQueued?.adjustment_id}`));
}

const ids = (alerts: readonly AlertRow[]) => alerts.map((alert) => alert.adjustment_id);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A position the reader has already read up to: a subscription from there has nothing to catch up on. */
async function readerUpToDate(catalogue: Catalogue): Promise<LedgerPosition> {
  const probe = reader.follow(catalogue.accountId, { advanced: () => {}, end: () => {} });
  await vi.waitFor(() => expect(probe.readHorizon()).not.toBeNull());
  // The probe keeps the reader following the account for the rest of the test.
  return currentHorizon(db);
}

describe('an alert subscription', () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = await insertCatalogue(db, { shops: 2, items: 4 });
  });

  it('catches up from its cursor in batches, then goes on live: each alert once, in order', async () => {
    await startReader();
    const history = [
      ...(await raiseAlerts(db, catalogue, catalogue.shopIds[0]!)),
      ...(await raiseAlerts(db, catalogue, catalogue.shopIds[1]!)),
    ];
    const after = positionOfAlert(history[1]!);
    const subscription = subscribe(catalogue, after, { batchSize: 2, bufferSize: 3 });

    const firstFew = await take(subscription, 2);
    // Live alerts commit while it is still catching up (its buffer holds 3, history has 6 more).
    const live = await raiseLive(catalogue, catalogue.shopIds[0]!);
    const rest = await take(subscription, history.length - 2 - 2 + live.length);
    const moreLive = await raiseLive(catalogue, catalogue.shopIds[1]!);
    const last = await take(subscription, moreLive.length);

    const delivered = idsOf([...firstFew, ...rest, ...last]);
    expect(delivered).toEqual(await storedAlertIds(db, catalogue.accountId, after));
    expect(delivered).toEqual([...ids(history.slice(2)), ...ids(live), ...ids(moreLive)]);
  });

  it('takes each alert once where its catch-up read ran ahead of the reader', async () => {
    await startReader();
    const own = await insertCatalogue(db);
    const history = await raiseAlerts(db, own, own.shopIds[0]!);
    await readerUpToDate(own);
    // Committed after the reader last read, and it hasn't been told yet (the notification is on its
    // way): the subscription, catching up from before them, reads them itself...
    const unannounced = await raiseAlerts(db, own, own.shopIds[1]!);
    const subscription = subscribe(own, positionOfAlert(history[0]!));
    const caughtUp = await take(subscription, history.length - 1 + unannounced.length);
    // ...and the reader hands them out too once told, with the next ones: each is taken once.
    notifications.notify(alertsChannel, alertsPayload(unannounced[0]!));
    const next = await raiseLive(own, own.shopIds[0]!, own.itemIds.slice(0, 2));
    const rest = await take(subscription, next.length);
    expect(idsOf([...caughtUp, ...rest])).toEqual([...ids(history.slice(1)), ...ids(unannounced), ...ids(next)]);
    expect(idsOf([...caughtUp, ...rest])).toEqual(await storedAlertIds(db, own.accountId, positionOfAlert(history[0]!)));
  });

  it("keeps to its shop, while keeping its place among all the account's alerts", async () => {
    await startReader();
    const [north, south] = catalogue.shopIds as [string, string];
    const history = [...(await raiseAlerts(db, catalogue, north)), ...(await raiseAlerts(db, catalogue, south))];
    const from = positionOfAlert(history[0]!);
    const subscription = subscribe(catalogue, from, { shopId: south, batchSize: 2 });
    const southHistory = await take(subscription, 4);
    const liveNorth = await raiseLive(catalogue, north);
    const liveSouth = await raiseLive(catalogue, south, catalogue.itemIds.slice(0, 2));
    const southLive = await take(subscription, 2);
    expect(idsOf(southHistory)).toEqual(ids(history.slice(4)));
    expect(idsOf(southLive)).toEqual(ids(liveSouth));
    expect(liveNorth.every((alert) => alert.shop_id === north)).toBe(true);
    for (const event of [...southHistory, ...southLive]) expect(event.kind === 'alert' && event.alert.shop_id).toBe(south);
  });

  it('ends with an overflow event once live, when its consumer lets more than the buffer pile up', async () => {
    await startReader();
    const own = await insertCatalogue(db, { shops: 1, items: 5 });
    const subscription = subscribe(own, await readerUpToDate(own), { bufferSize: 2 });
    // Waiting for the first alert: it is handed over directly, the next two fill the buffer.
    const first = subscription.next();
    const alerts = await raiseLive(own, own.shopIds[0]!);
    expect(idsOf([(await first).value as AlertEvent])).toEqual(ids(alerts.slice(0, 1)));

    const rest: AlertEvent[] = [];
    for (let next = await subscription.next(); !next.done; next = await subscription.next()) rest.push(next.value);
    expect(idsOf(rest)).toEqual([...ids(alerts.slice(1, 3)), `overflow after ${alerts[2]!.adjustment_id}`]);
    expect(rest.at(-1)).toMatchObject({ kind: 'overflow', bufferSize: 2 });
    // It has stopped following the account.
    await vi.waitFor(() => expect(reader.subscriberCount).toBe(1));
  });

  it('while catching up, waits for its consumer instead of overflowing', async () => {
    await startReader();
    const own = await insertCatalogue(db, { shops: 1, items: 6 });
    const before = await raiseAlerts(db, own, own.shopIds[0]!, own.itemIds.slice(0, 1));
    const history = await raiseAlerts(db, own, own.shopIds[0]!);
    const subscription = subscribe(own, positionOfAlert(before[0]!), { bufferSize: 2, batchSize: 2 });
    const first = subscription.next();
    // Its consumer is away with three times the buffer still to catch up on.
    await pause(100);
    const events = [(await first).value as AlertEvent, ...(await take(subscription, history.length - 1))];
    expect(idsOf(events)).toEqual(ids(history));
    // Live, an alert is queued without waiting (up to the buffer).
    const live = await raiseLive(own, own.shopIds[0]!, own.itemIds.slice(0, 2));
    expect(idsOf(await take(subscription, live.length))).toEqual(ids(live));
  });

  it('stops following when its consumer returns while it waits for alerts', async () => {
    await startReader();
    const own = await insertCatalogue(db);
    const subscription = subscribe(own, await readerUpToDate(own));
    const waiting = subscription.next();
    await pause(20);
    expect(reader.subscriberCount).toBe(2);
    await subscription.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await vi.waitFor(() => expect(reader.subscriberCount).toBe(1));
    // Alerts after that reach no one.
    await raiseLive(own, own.shopIds[0]!);
    expect(await subscription.next()).toEqual({ done: true, value: undefined });
  });

  it('ends after what it queued when the reader closes', async () => {
    await startReader();
    const own = await insertCatalogue(db, { shops: 1, items: 3 });
    const subscription = subscribe(own, await readerUpToDate(own));
    const first = subscription.next();
    const alerts = await raiseLive(own, own.shopIds[0]!);
    await first;
    await pause(50);
    reader.close();
    const rest: AlertEvent[] = [];
    for (let next = await subscription.next(); !next.done; next = await subscription.next()) rest.push(next.value);
    expect(idsOf(rest)).toEqual(ids(alerts.slice(1)));
    // A subscription to a closed reader ends at once.
    expect(await subscribe(own, positionOfAlert(alerts[0]!)).next()).toEqual({ done: true, value: undefined });
  });
});
