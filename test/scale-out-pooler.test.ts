import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertCursors,
  alertsSubscription,
  connectWs,
  raiseAlerts,
  storedAlertCursors,
  subscribeSse,
  subscribeWs,
  type StreamResult,
} from './support/alerts.js';
import { backend, createTestDatabase, type TestDatabase } from './support/database.js';
import { createAccount, createItem, createShop, signIn, signOutMutation, type TestAccount } from './support/fixtures.js';
import { expectTypename, httpRunner, operatorToken, postGraphQL, type GraphQLRunner } from './support/harness.js';
import { expectLedgerInvariant, itemInventoryQuery, receiveStockMutation, recordSaleMutation } from './support/inventory.js';
import { watchedSocket } from './support/live-connections.js';
import { skipWithout } from './support/optional-infrastructure.js';
import { pgbouncerMissing, startPgBouncer, type PgBouncer } from './support/pgbouncer.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// Several server processes behind a real PgBouncer in transaction pooling mode (README, Scaling
// out): DATABASE_URL is the pooler, so no transaction may count on the session it ran on; LISTEN
// and the migrations take direct connections (LISTEN_DATABASE_URL, MIGRATION_DATABASE_URL).
// PostgreSQL only. Without pgbouncer installed the suite is skipped with how to install it
// (REQUIRE_SCALE_OUT_PARTS=1, as in CI, makes that a failure).

type AlertResult = StreamResult<{ negativeInventoryAlerts: { cursor: string } }>;

/** Fewer server connections than the two instances' clients, so transactions share them. */
const serverConnections = 4;

describe.skipIf(backend !== 'postgres' || skipWithout(pgbouncerMissing()))('instances behind PgBouncer in transaction mode', () => {
  let database: TestDatabase;
  let pooler: PgBouncer;
  const servers: ServerProcess[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    // Not migrated: the first instance migrates it, over MIGRATION_DATABASE_URL.
    database = await createTestDatabase({ poolSize: 2 });
    pooler = await startPgBouncer({ upstream: database.url!, poolSize: serverConnections });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(servers.map((server) => server.kill()));
    await pooler?.stop();
    await database?.drop();
  });

  async function startInstance(): Promise<{ url: string; server: ServerProcess }> {
    const port = await freePort();
    const server = startServerProcess({
      DATABASE_URL: pooler.url(),
      DATABASE_POOLER: 'transaction',
      LISTEN_DATABASE_URL: database.url!,
      MIGRATION_DATABASE_URL: database.url!,
      DATABASE_POOL_SIZE: '10',
      HOST: '127.0.0.1',
      PORT: String(port),
      OPERATOR_TOKEN: operatorToken,
      LOG_LEVEL: 'info',
    });
    servers.push(server);
    const [, url] = await server.waitForOutput(/ready at (http:\/\/\S+)/);
    return { url: url!, server };
  }

  let a: { url: string; server: ServerProcess };
  let b: { url: string; server: ServerProcess };
  let onA: GraphQLRunner;
  let onB: GraphQLRunner;
  let account: TestAccount;

  beforeAll(async () => {
    a = await startInstance();
    b = await startInstance();
    onA = httpRunner(a.url);
    onB = httpRunner(b.url);
    account = await createAccount(onA);
  });

  it('runs concurrent sales on both instances over shared server connections, with the ledger summing to QOH', async () => {
    const token = account.adminToken;
    const shop = await createShop(onA, token);
    const itemIds: string[] = [];
    for (let index = 0; index < 4; index++) itemIds.push((await createItem(onB, token)).id);
    const lines = itemIds.map((itemId) => ({ itemId, quantity: 100 }));
    expectTypename((await onA.run(receiveStockMutation, { input: { shopId: shop.id, lines } }, token)).receiveStock, 'ReceiveStockPayload');

    // 80 one-unit sales, 40 through each instance, 8 at a time on each; every fifth is retried
    // with its idempotency key (the retry must not sell again).
    const sold = new Map<string, number>();
    await Promise.all(
      [onA, onB].flatMap((server, instance) =>
        Array.from({ length: 8 }, async (_, worker) => {
          for (let round = 0; round < 5; round++) {
            const itemId = itemIds[(worker + round) % itemIds.length]!;
            const input = { shopId: shop.id, lines: [{ itemId, quantity: 1 }], idempotencyKey: `sale-${instance}-${worker}-${round}` };
            const first = expectTypename((await server.run(recordSaleMutation, { input }, token)).recordSale, 'RecordSalePayload');
            if (round === 0) {
              const retried = expectTypename((await server.run(recordSaleMutation, { input }, token)).recordSale, 'RecordSalePayload');
              expect(retried.sale.id).toBe(first.sale.id);
            }
            sold.set(itemId, (sold.get(itemId) ?? 0) + 1);
          }
        }),
      ),
    );
    for (const itemId of itemIds) {
      const { node } = await onB.run(itemInventoryQuery, { id: itemId }, token);
      const levels = node && 'inventory' in node ? node.inventory : [];
      expect(levels.find((level) => level.shop.id === shop.id)?.quantityOnHand).toBe(100 - sold.get(itemId)!);
    }
    await expectLedgerInvariant(database.handle.db);

    // Both instances' clients went through PgBouncer, in transaction mode, over at most
    // `serverConnections` server connections.
    const [pool] = (await pooler.show('POOLS')).filter((row) => row['database'] === new URL(database.url!).pathname.slice(1));
    expect(pool).toMatchObject({ pool_mode: 'transaction' });
    const clientsConnected = Number(pool!['cl_active']) + Number(pool!['cl_waiting']);
    const serversOpen = ['sv_active', 'sv_idle', 'sv_used', 'sv_tested', 'sv_login'].reduce((sum, key) => sum + Number(pool![key]), 0);
    expect(serversOpen).toBeLessThanOrEqual(serverConnections);
    expect(clientsConnected).toBeGreaterThan(serverConnections);
  });

  it('delivers alerts raised through one instance to subscribers of the other (LISTEN on its direct connection)', async () => {
    const token = account.adminToken;
    const shop = await createShop(onA, token);
    const itemIds = [(await createItem(onA, token)).id, (await createItem(onA, token)).id];
    const [start] = await raiseAlerts(onA, token, shop.id, [itemIds[0]!]);

    const clientOnB = connectWs(b.url, token);
    clients.push(clientOnB);
    const wsOnB = subscribeWs(clientOnB, alertsSubscription, { after: start!.cursor });
    const sseOnB = subscribeSse(b.url, alertsSubscription, { after: start!.cursor }, token);
    for (let round = 0; round < 5; round++) await raiseAlerts(onA, token, shop.id, itemIds);

    const expected = await storedAlertCursors(database.handle.db, account.accountId, start);
    expect(expected).toHaveLength(10);
    expect(alertCursors((await wsOnB.waitForResults(10)) as AlertResult[])).toEqual(expected);
    expect(alertCursors((await sseOnB.waitForResults(10)) as AlertResult[])).toEqual(expected);
    wsOnB.close();
    sseOnB.close();
  });

  it('ends a session signed out on one instance on the other: its socket is closed and its requests refused', async () => {
    const leaving = await signIn(onA, account.adminEmail);
    const socketOnB = watchedSocket(b.url, leaving);
    clients.push(socketOnB.client);
    await socketOnB.connected;

    const signedOutAt = performance.now();
    expect((await onA.run(signOutMutation, {}, leaving)).signOut).toBe(true);
    const closed = await socketOnB.closed;
    expect(closed).toMatchObject({ code: 4403 });
    expect(closed.at - signedOutAt).toBeLessThan(1_000);
    const refused = await postGraphQL(b.url, '{ shops { id } }', {}, { token: leaving });
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('lets a client resume on the other instance after the one it was on is killed, missing nothing and repeating nothing', async () => {
    const token = account.adminToken;
    const shop = await createShop(onB, token);
    const itemIds = [(await createItem(onB, token)).id, (await createItem(onB, token)).id];
    const [start] = await raiseAlerts(onB, token, shop.id, [itemIds[0]!]);

    const clientOnA = connectWs(a.url, token);
    clients.push(clientOnA);
    const onAStream = subscribeWs(clientOnA, alertsSubscription, { after: start!.cursor });
    for (let round = 0; round < 3; round++) await raiseAlerts(onB, token, shop.id, itemIds);
    const seenOnA = alertCursors((await onAStream.waitForResults(6)) as AlertResult[]);

    // A dies without a goodbye; writes go on through B meanwhile.
    await a.server.stop('SIGKILL');
    for (let round = 0; round < 3; round++) await raiseAlerts(onB, token, shop.id, itemIds);

    const clientOnB = connectWs(b.url, token);
    clients.push(clientOnB);
    const resumed = subscribeWs(clientOnB, alertsSubscription, { after: seenOnA.at(-1)! });
    await raiseAlerts(onB, token, shop.id, [itemIds[0]!]);
    const expected = await storedAlertCursors(database.handle.db, account.accountId, start);
    expect(expected).toHaveLength(13);
    const seenOnB = alertCursors((await resumed.waitForResults(7)) as AlertResult[]);
    expect([...seenOnA, ...seenOnB]).toEqual(expected);
    resumed.close();
  });
});
