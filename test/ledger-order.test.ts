import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/db/migrate.js';
import { encodeLedgerCursor, positionOf } from '../src/inventory/ledger-order.js';
import { decodeId } from '../src/node/global-id.js';
import { alertCursors, alertsSubscription, storedAlertCursors, subscribeWs, waitForSubscribers, type Stream } from './support/alerts.js';
import { postgresServerUrl } from './support/database.js';
import { createAccount, createEmployee, createItem, createShop } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';
import { useLiveClients } from './support/live-connections.js';
import { insertItems, ledgerQuery, receive, sell } from './support/reports.js';

// The ledger's order (src/inventory/ledger-order.ts): rows ordered by their writing transaction
// and read only below the horizon, so readers paging and streams resuming with a cursor see every
// row once, in cursor order, whatever commits meanwhile.

const t = useTestApp({ poolSize: 20, listen: true, ledgerInvariant: true });
const { ws } = useLiveClients(t);

/** Every adjustment id of the account in the table, in the ledger's order. */
async function storedLedgerIds(accountGlobalId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('inventory_adjustments')
    .select('id')
    .where('account_id', '=', decodeId(accountGlobalId, 'Account')!)
    .orderBy('epoch')
    .orderBy('xid')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

async function ledgerIdsAfter(token: string, after: string | undefined, first = 50) {
  const page = (await t.run(ledgerQuery, { first, ...(after ? { after } : {}) }, token)).inventoryAdjustments;
  return { page, ids: page.edges.map((edge) => decodeId(edge.node.id, 'InventoryAdjustment')!) };
}

describe('32 writers, a ledger reader and an alert subscriber resuming', () => {
  it('sees every row exactly once, in cursor order', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shops = await Promise.all(Array.from({ length: 4 }, (_, index) => createShop(t, token, `Order ${index}`)));
    const items = await insertItems(
      t.db,
      account.accountId,
      Array.from({ length: 8 }, (_, index) => `ORDER-${index}`),
    );
    const cashiers = await Promise.all(Array.from({ length: 4 }, () => createEmployee(t, token, 'CASHIER')));

    // On PostgreSQL, writes run side by side: a trigger holds each one open a little after it got
    // its transaction id, so transactions commit out of the order of their ids all the time (the
    // race a reader must not lose rows to).
    if (process.env.TEST_BACKEND === 'postgres') {
      await sql`
        create function test_hold_before_commit() returns trigger language plpgsql as $$
        begin
          perform pg_sleep(random() * 0.1);
          return null;
        end $$;
        create trigger test_hold_before_commit after insert on inventory_adjustments
          for each statement execute function test_hold_before_commit();
      `.execute(t.db);
    }

    // The subscriber starts live (no `after`) before any write, then ends its subscription every
    // few alerts and resumes after the last cursor it got.
    const subscriber = ws(token);
    const received: string[] = [];
    let stream: Stream<{ negativeInventoryAlerts: { cursor: string } }> = subscribeWs(subscriber, alertsSubscription, {});
    await waitForSubscribers(t, 1);

    let writing = true;
    const writers = Promise.all(
      Array.from({ length: 32 }, async (_, worker) => {
        const cashier = cashiers[worker % cashiers.length]!;
        for (let step = 0; step < 8; step++) {
          // In-process writes on PGlite never wait on a socket: yield, so the server's sockets
          // (the subscriber's) are served meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          // Spreads over every shop; lines in different orders, so writers contend for rows. A
          // receipt now and then brings quantities back to zero or more, so sales cross again
          // (one alert per crossing).
          const shop = shops[(worker + step) % shops.length]!;
          const lines = [items[(worker + step) % 8]!, items[(worker * 3 + step + 1) % 8]!].map((item) => ({
            itemId: item.id,
            quantity: 1 + ((worker + step) % 2),
          }));
          if ((worker + step) % 3 === 0)
            await receive(
              t,
              token,
              shop.id,
              lines.map((line) => ({ ...line, quantity: 3 })),
            );
          else await sell(t, cashier.token, shop.id, lines);
        }
      }),
    ).finally(() => {
      writing = false;
    });

    // Ends the subscription after a few more alerts (or once the writers are done) and resumes.
    const resume = async () => {
      const target = received.length + 7;
      while (received.length < target && writing) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        received.push(...alertCursors(stream.results.splice(0)));
      }
      stream.close();
      received.push(...alertCursors(stream.results.splice(0)));
      stream = subscribeWs(subscriber, alertsSubscription, received.length ? { after: received.at(-1)! } : {});
    };
    const subscribing = (async () => {
      let resumes = 0;
      while (writing) {
        await resume();
        resumes++;
      }
      return resumes;
    })();

    const seen: string[] = [];
    let after: string | undefined;
    let pagesWhileWriting = 0;
    for (;;) {
      const stillWriting = writing;
      const { page, ids } = await ledgerIdsAfter(token, after, 7);
      seen.push(...ids);
      if (page.edges.length > 0) after = page.pageInfo.endCursor!;
      if (stillWriting) pagesWhileWriting++;
      if (!stillWriting && !page.pageInfo.hasNextPage) break;
      if (!page.pageInfo.hasNextPage) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writers;
    const resumes = await subscribing;
    await sql`drop trigger if exists test_hold_before_commit on inventory_adjustments`.execute(t.db);

    const ledger = await storedLedgerIds(account.accountId);
    expect(ledger.length).toBeGreaterThan(32 * 8);
    expect(pagesWhileWriting).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ledger);

    // The rest of the alerts, live on the last subscription.
    const stored = await storedAlertCursors(t.db, account.accountId);
    expect(stored.length).toBeGreaterThan(20);
    const rest = await stream.waitForResults(stored.length - received.length);
    received.push(...alertCursors(rest));
    stream.close();
    expect(resumes).toBeGreaterThan(1);
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(stored);
  });
});

describe.skipIf(process.env.TEST_BACKEND !== 'postgres')('a write transaction left open (PostgreSQL)', () => {
  it('holds alerts and ledger rows back until it ends, then they arrive in order; another database does not', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const [first, second] = [await createItem(t, token), await createItem(t, token)];
    const stream = subscribeWs(ws(token), alertsSubscription, {});
    await waitForSubscribers(t, 1);

    // Another database's open transaction is passed over: the alert arrives at once.
    const elsewhere = new pg.Client({ connectionString: postgresServerUrl });
    await elsewhere.connect();
    await elsewhere.query('begin');
    await elsewhere.query('select pg_current_xact_id()');
    try {
      await sell(t, token, shop.id, [{ itemId: first.id, quantity: 1 }]);
      await stream.waitForResults(1, 2_000);
    } finally {
      await elsewhere.query('rollback');
      await elsewhere.end();
    }

    // One in our database, with a transaction id, holds the horizon.
    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select pg_current_xact_id()');
    try {
      const after = (await ledgerIdsAfter(token, undefined, 500)).page.pageInfo.endCursor ?? undefined;
      await sell(t, token, shop.id, [{ itemId: second.id, quantity: 2 }]);
      await receive(t, token, shop.id, [{ itemId: first.id, quantity: 1 }]);
      await sell(t, token, shop.id, [{ itemId: first.id, quantity: 1 }]);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(stream.results).toHaveLength(1);
      expect((await ledgerIdsAfter(token, after)).ids).toEqual([]);
      // /ready says how long the horizon has been held.
      const ready = (await (await fetch(new URL('/ready', t.url))).json()) as { ledgerHorizonLagSeconds: number };
      expect(ready.ledgerHorizonLagSeconds).toBeGreaterThan(0.5);
    } finally {
      await holder.query('commit');
      await holder.end();
    }
    const results = await stream.waitForResults(3, 3_000);
    stream.close();
    expect(alertCursors(results)).toEqual(await storedAlertCursors(t.db, account.accountId));
  });
});

describe('global IDs and the epoch after a restore', () => {
  it('gives two accounts different adjustment ids', async () => {
    const ids = [];
    for (let index = 0; index < 2; index++) {
      const account = await createAccount(t);
      const shop = await createShop(t, account.adminToken);
      const item = await createItem(t, account.adminToken);
      const receipt = await receive(t, account.adminToken, shop.id, [{ itemId: item.id, quantity: 1 }]);
      ids.push(receipt.adjustments[0]!.id);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('opens a new epoch when stored transaction ids are ahead of the database, so new rows still sort after old cursors', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]);
    expect(await migrateToLatest(t.db)).toEqual([]);
    const epochBefore = await currentEpoch();

    // What a dump restored into a new cluster looks like: stored xids far above the current one.
    await sql`
      update inventory_adjustments set xid = (pg_current_xact_id()::text::numeric + 1000000)::text::xid8
      where epoch = ledger_epoch()`.execute(t.db);
    await sql`
      update negative_inventory_alerts set xid = (pg_current_xact_id()::text::numeric + 1000000)::text::xid8
      where epoch = ledger_epoch()`.execute(t.db);
    // A partner's cursor from before the restore names the restored row's (epoch, xid, id).
    const ledgerBefore = await storedLedgerIds(account.accountId);
    const last = await t.db
      .selectFrom('inventory_adjustments')
      .select(['epoch', 'xid', 'id'])
      .where('id', '=', ledgerBefore.at(-1)!)
      .executeTakeFirstOrThrow();
    const lastCursor = encodeLedgerCursor(positionOf(last));

    await migrateToLatest(t.db);
    expect(await currentEpoch()).toBe(epochBefore + 1);
    // Nothing changed since: a second run keeps the epoch.
    await migrateToLatest(t.db);
    expect(await currentEpoch()).toBe(epochBefore + 1);

    const receipt = await receive(t, token, shop.id, [{ itemId: item.id, quantity: 5 }]);
    const { ids } = await ledgerIdsAfter(token, lastCursor);
    expect(ids).toEqual(receipt.adjustments.map((adjustment) => decodeId(adjustment.id, 'InventoryAdjustment')));
    expect((await ledgerIdsAfter(token, undefined, 500)).ids).toEqual([...ledgerBefore, ...ids]);
  });
});

async function currentEpoch(): Promise<number> {
  const { rows } = await sql<{ epoch: number }>`select ledger_epoch() as epoch`.execute(t.db);
  return rows[0]!.epoch;
}
