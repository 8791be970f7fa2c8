import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { applyMovements } from '../src/inventory/ledger.service.js';
import { decodeId } from '../src/node/global-id.js';
import { listenerApplicationName } from '../src/realtime/notification-listener.js';
import {
  alertCursors,
  alertsSubscription,
  connectWs,
  raiseAlerts,
  storedAlertCursors,
  subscribeSse,
  subscribeWs,
  waitForSubscribers,
  type StreamResult,
} from './support/alerts.js';
import { backend, createTestDatabase, postgresServerUrl, withAdminClient, type TestDatabase } from './support/database.js';
import { createAccount, createItem, createShop } from './support/fixtures.js';
import { httpRunner, operatorToken, useTestApp, type GraphQLRunner } from './support/harness.js';
import { useLiveClients } from './support/live-connections.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// Alerts across server processes (PostgreSQL only: LISTEN/NOTIFY between processes, and a
// listening connection that can be cut from outside).

type AlertResult = StreamResult<{ negativeInventoryAlerts: { cursor: string } }>;

async function shopWithItems(t: GraphQLRunner, token: string, itemCount: number) {
  const shop = await createShop(t, token);
  const itemIds: string[] = [];
  for (let index = 0; index < itemCount; index++) itemIds.push((await createItem(t, token)).id);
  return { shop, itemIds };
}

describe.skipIf(backend !== 'postgres')('two server instances on one database', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 2 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(servers.map((server) => server.kill()));
    await database?.drop();
  });

  async function startInstance(): Promise<string> {
    const port = await freePort();
    const server = startServerProcess({
      DATABASE_URL: database.url!,
      DATABASE_POOL_SIZE: '10',
      HOST: '127.0.0.1',
      PORT: String(port),
      OPERATOR_TOKEN: operatorToken,
      LOG_LEVEL: 'info',
    });
    servers.push(server);
    const [, url] = await server.waitForOutput(/ready at (http:\/\/\S+)/);
    return url!;
  }

  it('delivers every alert written through one instance to subscribers of the other, in order', async () => {
    const urlA = await startInstance();
    const urlB = await startInstance();
    const onB = httpRunner(urlB);

    const account = await createAccount(onB);
    const token = account.adminToken;
    const writerCount = 3;
    const itemsPerWriter = 5;
    const rounds = 10;
    const { shop, itemIds } = await shopWithItems(onB, token, writerCount * itemsPerWriter);
    const [start] = await raiseAlerts(onB, token, shop.id, [itemIds[0]!]);

    const clientOnA = connectWs(urlA, token);
    clients.push(clientOnA);
    const wsOnA = subscribeWs(clientOnA, alertsSubscription, { after: start!.cursor });
    const sseOnA = subscribeSse(urlA, alertsSubscription, { after: start!.cursor }, token);

    // Writers side by side on instance B, each on its own items.
    await Promise.all(
      Array.from({ length: writerCount }, async (_, writer) => {
        const mine = itemIds.slice(writer * itemsPerWriter, (writer + 1) * itemsPerWriter);
        for (let round = 0; round < rounds; round++) await raiseAlerts(onB, token, shop.id, mine);
      }),
    );
    const total = writerCount * itemsPerWriter * rounds;
    const expected = await storedAlertCursors(database.handle.db, account.accountId, start);
    expect(expected).toHaveLength(total);
    await wsOnA.waitForResults(total);
    await sseOnA.waitForResults(total);
    expect(alertCursors(wsOnA.results as AlertResult[])).toEqual(expected);
    expect(alertCursors(sseOnA.results as AlertResult[])).toEqual(expected);

    // And live, one more: written on B, on A within a second.
    const startedAt = performance.now();
    const [last] = await raiseAlerts(onB, token, shop.id, [itemIds[0]!]);
    await wsOnA.waitForResults(total + 1, 1_000);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(wsOnA.results.at(-1)?.data?.negativeInventoryAlerts).toEqual(last);
    wsOnA.close();
    sseOnA.close();
  });
});

describe.skipIf(backend !== 'postgres')('the listening connection', () => {
  const t = useTestApp({ listen: true });
  const live = useLiveClients(t);

  /** The backends of this app's LISTEN connection (one when it is up). */
  async function listenerPids(): Promise<number[]> {
    const databaseName = new URL(t.database.url!).pathname.slice(1);
    const { rows } = await withAdminClient((client) =>
      client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1 and datname = $2', [
        listenerApplicationName,
        databaseName,
      ]),
    );
    return rows.map((row) => row.pid);
  }

  it('is re-established when it drops, and subscribers still get every alert written meanwhile', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const { shop, itemIds } = await shopWithItems(t, token, 5);
    const start = (await raiseAlerts(t, token, shop.id, itemIds)).at(-1);

    const ws = live.track(subscribeWs(live.ws(token), alertsSubscription, { after: start!.cursor }));
    const sse = live.track(subscribeSse(t.url, alertsSubscription, { after: start!.cursor }, token));
    await waitForSubscribers(t, 2);
    const [original] = await listenerPids();
    expect(original).toBeDefined();

    // Cut the listener again and again while alerts are written: their notifications are lost.
    let cutting = true;
    let cuts = 0;
    const cutter = (async () => {
      while (cutting) {
        for (const pid of await listenerPids()) {
          await withAdminClient((admin) => admin.query('select pg_terminate_backend($1)', [pid]));
          cuts++;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const rounds = 8;
    for (let round = 0; round < rounds; round++) await raiseAlerts(t, token, shop.id, itemIds);
    cutting = false;
    await cutter;
    expect(cuts).toBeGreaterThan(0);

    // Then an alert whose commit certainly falls in a gap: the transaction has written it and
    // issued NOTIFY, the listener is cut, and it commits at once (a reconnect takes at least
    // 50 ms). No later write follows, so only the resync after reconnecting can deliver it.
    const admin = new pg.Client({ connectionString: postgresServerUrl });
    await admin.connect();
    let commit!: () => void;
    let written!: () => void;
    const isWritten = new Promise<void>((resolve) => (written = resolve));
    const held = t.db.transaction().execute(async (trx) => {
      await applyMovements(trx, {
        accountId: decodeId(account.accountId, 'Account')!,
        employeeId: null,
        reason: 'MANUAL',
        source: null,
        movements: [{ itemId: decodeId(itemIds[0]!, 'Item')!, shopId: decodeId(shop.id, 'Shop')!, quantityChange: -1 }],
        allowNegative: true,
      });
      written();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await isWritten;
    for (const pid of await listenerPids()) await admin.query('select pg_terminate_backend($1)', [pid]);
    commit();
    await held;
    await admin.end();

    // Back within the backoff: the subscribers catch up from the table.
    const total = rounds * itemIds.length + 1;
    await ws.waitForResults(total, 15_000);
    await sse.waitForResults(total, 15_000);
    const expected = await storedAlertCursors(t.db, account.accountId, start);
    expect(expected).toHaveLength(total);
    expect(alertCursors(ws.results as AlertResult[])).toEqual(expected);
    expect(alertCursors(sse.results as AlertResult[])).toEqual(expected);
    let reconnected = await listenerPids();
    for (const deadline = Date.now() + 10_000; reconnected.length === 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reconnected = await listenerPids();
    }
    expect(reconnected).toHaveLength(1);
    expect(reconnected[0]).not.toBe(original);

    // And notifications flow over the new connection: one more, delivered within a second.
    const startedAt = performance.now();
    await raiseAlerts(t, token, shop.id, [itemIds[1]!]);
    await ws.waitForResults(total + 1, 1_000);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    ws.close();
    sse.close();
  });
});
