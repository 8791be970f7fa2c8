import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AlertReader, type AlertFollowing, type LiveAlertEvent } from '../src/alerts/alerts.reader.js';
import { alertsChannel } from '../src/alerts/alerts.sql.js';
import type { DB } from '../src/db/database.js';
import {
  alertsPayload,
  holdHorizon,
  insertCatalogue,
  ManualNotifications,
  migratedTestDatabase,
  raiseAlerts,
  type Catalogue,
} from './support/alert-writes.js';
import { backend, type TestDatabase } from './support/database.js';
import { captureLogs } from './support/log-capture.js';

// The alert reader (src/alerts/alerts.reader.ts), one per process: after a notification it reads
// what became visible below the horizon, once, and hands it to every follower of the account. Its
// notifications come from a source the test drives by hand; the database is real.

let database: TestDatabase;
let db: DB;
const logs = captureLogs();
const readers: AlertReader[] = [];

beforeAll(async () => {
  database = await migratedTestDatabase();
  db = database.handle.db;
});
afterEach(() => {
  for (const reader of readers.splice(0)) reader.close();
});
afterAll(async () => {
  await database?.drop();
});

async function startReader(options: { batchSize?: number } = {}) {
  const notifications = new ManualNotifications();
  const reader = new AlertReader(db, logs.logger, options);
  readers.push(reader);
  await reader.start(notifications);
  return { reader, notifications };
}

/** A follower that records what it is handed, and how many reads of the account it saw. */
function record(reader: AlertReader, accountId: string) {
  const events: LiveAlertEvent[] = [];
  let reads = 0;
  let ended = false;
  const following: AlertFollowing = reader.follow(accountId, {
    advanced: (batch) => {
      reads++;
      events.push(...batch);
    },
    end: () => {
      ended = true;
    },
  });
  return {
    following,
    events,
    ids: () => events.map((event) => event.alert.adjustment_id),
    reads: () => reads,
    ended: () => ended,
    /** The reader's first read of the account (it only takes the horizon) is done. */
    started: () => vi.waitFor(() => expect(following.readHorizon()).not.toBeNull()),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the alert reader', () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = await insertCatalogue(db, { shops: 2, items: 4 });
  });

  it('hands each alert committed after it began following to every follower, once, in order, as the same objects', async () => {
    const { reader, notifications } = await startReader();
    const history = await raiseAlerts(db, catalogue, catalogue.shopIds[0]!);
    const first = record(reader, catalogue.accountId);
    const second = record(reader, catalogue.accountId);
    await first.started();

    const sale = await raiseAlerts(db, catalogue, catalogue.shopIds[0]!);
    const other = await raiseAlerts(db, catalogue, catalogue.shopIds[1]!, catalogue.itemIds.slice(0, 2));
    notifications.notify(alertsChannel, alertsPayload(sale[0]!));
    notifications.notify(alertsChannel, alertsPayload(other[0]!));
    const expected = [...sale, ...other].map((alert) => alert.adjustment_id);
    await vi.waitFor(() => expect(first.ids()).toEqual(expected));
    await vi.waitFor(() => expect(second.ids()).toEqual(expected));
    // History (before it followed) is the subscriptions' own to catch up on.
    expect(first.ids()).not.toContain(history[0]!.adjustment_id);
    // One read serves both: the very same event objects, with the rows their fields show.
    first.events.forEach((event, index) => expect(second.events[index]).toBe(event));
    expect(first.events[0]!.alert.related.item?.id).toBe(sale[0]!.item_id);
    expect(first.events[0]!.alert.related.shop?.id).toBe(sale[0]!.shop_id);
    expect(first.events[0]!.alert.related.adjustment?.id).toBe(sale[0]!.adjustment_id);
    expect(reader.subscriberCount).toBe(2);
  });

  it('reads a duplicate notification once', async () => {
    const { reader, notifications } = await startReader();
    const follower = record(reader, catalogue.accountId);
    await follower.started();
    const alerts = await raiseAlerts(db, catalogue, catalogue.shopIds[0]!);
    const payload = alertsPayload(alerts[0]!);

    // Twice in a row: a read may already be under way for the first, but nothing is handed out twice.
    notifications.notify(alertsChannel, payload);
    notifications.notify(alertsChannel, payload);
    await vi.waitFor(() => expect(follower.ids()).toEqual(alerts.map((alert) => alert.adjustment_id)));
    await pause(50);
    const readsSoFar = follower.reads();

    // Once read, the same transaction again costs no read at all.
    notifications.notify(alertsChannel, payload);
    notifications.notify(alertsChannel, payload);
    await pause(100);
    expect(follower.reads()).toBe(readsSoFar);
    expect(follower.ids()).toEqual(alerts.map((alert) => alert.adjustment_id));
  });

  it('polls a transaction still above the horizon until it is visible, with no second notification', async () => {
    const { reader, notifications } = await startReader();
    const follower = record(reader, catalogue.accountId);
    await follower.started();

    const hold = await holdHorizon(database);
    const alerts = await hold.keepAbove(await raiseAlerts(db, catalogue, catalogue.shopIds[0]!));
    notifications.notify(alertsChannel, alertsPayload(alerts[0]!));
    // Read, found nothing visible yet, and read again (backing off) rather than waiting for news.
    await vi.waitFor(() => expect(follower.reads()).toBeGreaterThanOrEqual(3));
    expect(follower.events).toEqual([]);

    await hold.release();
    await vi.waitFor(() => expect(follower.ids()).toEqual(alerts.map((alert) => alert.adjustment_id)));
    // Once it has passed, polling stops.
    const readsSoFar = follower.reads();
    await pause(700);
    expect(follower.reads()).toBe(readsSoFar);
  });

  it('reads again after the listener reconnects, for the notifications lost meanwhile', async () => {
    const { reader, notifications } = await startReader();
    const follower = record(reader, catalogue.accountId);
    await follower.started();

    const lost = await raiseAlerts(db, catalogue, catalogue.shopIds[1]!);
    await pause(100);
    expect(follower.events).toEqual([]);

    notifications.reconnected();
    await vi.waitFor(() => expect(follower.ids()).toEqual(lost.map((alert) => alert.adjustment_id)));
  });

  it.runIf(backend === 'postgres')(
    'after a reconnect, also waits for transactions that committed above the horizon while it was not listening',
    async () => {
      const { reader, notifications } = await startReader();
      const follower = record(reader, catalogue.accountId);
      await follower.started();

      const hold = await holdHorizon(database);
      const lost = await raiseAlerts(db, catalogue, catalogue.shopIds[0]!);
      notifications.reconnected();
      await vi.waitFor(() => expect(follower.reads()).toBeGreaterThanOrEqual(3));
      expect(follower.events).toEqual([]);

      await hold.release();
      await vi.waitFor(() => expect(follower.ids()).toEqual(lost.map((alert) => alert.adjustment_id)));
    },
  );

  it.runIf(backend === 'postgres')(
    'when it starts following an account, waits for transactions already committed above the horizon',
    async () => {
      const { reader } = await startReader();
      const own = await insertCatalogue(db);
      // Committed before anyone followed the account: its notification went to no one.
      const hold = await holdHorizon(database);
      const unseen = await raiseAlerts(db, own, own.shopIds[0]!);

      const follower = record(reader, own.accountId);
      await vi.waitFor(() => expect(follower.reads()).toBeGreaterThanOrEqual(3));
      expect(follower.events).toEqual([]);
      await hold.release();
      await vi.waitFor(() => expect(follower.ids()).toEqual(unseen.map((alert) => alert.adjustment_id)));
    },
  );

  it('reads a long backlog in batches, in order', async () => {
    const { reader, notifications } = await startReader({ batchSize: 3 });
    const own = await insertCatalogue(db, { shops: 1, items: 10 });
    const follower = record(reader, own.accountId);
    await follower.started();
    const alerts = [...(await raiseAlerts(db, own, own.shopIds[0]!)), ...(await raiseAlerts(db, own, own.shopIds[0]!))];
    notifications.notify(alertsChannel, alertsPayload(alerts.at(-1)!));
    await vi.waitFor(() => expect(follower.ids()).toEqual(alerts.map((alert) => alert.adjustment_id)));
  });

  it("ignores other accounts' notifications and malformed ones", async () => {
    const { reader, notifications } = await startReader();
    const follower = record(reader, catalogue.accountId);
    await follower.started();
    const readsSoFar = follower.reads();
    const other = await insertCatalogue(db);
    const theirs = await raiseAlerts(db, other, other.shopIds[0]!);

    notifications.notify(alertsChannel, alertsPayload(theirs[0]!));
    notifications.notify(alertsChannel, 'not a payload');
    await pause(100);
    expect(follower.reads()).toBe(readsSoFar);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'ignored a malformed alerts notification', payload: 'not a payload' }),
    );
  });

  it('forgets an account when its last follower leaves, and ends every follower when it closes', async () => {
    const { reader, notifications } = await startReader();
    const leaving = record(reader, catalogue.accountId);
    await leaving.started();
    leaving.following.unfollow();
    expect(reader.subscriberCount).toBe(0);
    // Nothing reads for an account no one follows.
    const alerts = await raiseAlerts(db, catalogue, catalogue.shopIds[0]!);
    notifications.notify(alertsChannel, alertsPayload(alerts[0]!));
    await pause(50);
    expect(leaving.events).toEqual([]);

    const staying = [record(reader, catalogue.accountId), record(reader, catalogue.accountId)];
    expect(reader.subscriberCount).toBe(2);
    reader.close();
    expect(staying.map((follower) => follower.ended())).toEqual([true, true]);
    expect(reader.closed).toBe(true);
  });
});
