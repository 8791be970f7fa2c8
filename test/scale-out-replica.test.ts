import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { decodeId } from '../src/node/global-id.js';
import { graphql } from './gql/index.js';
import { alertCursors, alertsSubscription, subscribeSse, type StreamResult } from './support/alerts.js';
import { backend } from './support/database.js';
import { createAccount, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { expectTypename, inProcessClient, testConfig, type InProcessClient } from './support/harness.js';
import { receiveStockMutation, recordSaleMutation } from './support/inventory.js';
import { captureLogs } from './support/log-capture.js';
import { skipWithout } from './support/optional-infrastructure.js';
import { postgresBinariesMissing, startPrimaryWithReplica, type PrimaryWithReplica } from './support/replica.js';
import { freePort } from './support/server-process.js';

// A server with a streaming replica (READ_DATABASE_URL): a throw-away primary and a replica made
// from it with pg_basebackup (test/support/replica.ts). What may lag reads the replica, what must
// see the caller's own write reads the primary, a replica too far behind is skipped, and the
// ledger's and alerts' cursors stay gap-free on it while writers commit on the primary.

const ledgerPageQuery = graphql(`
  query ReplicaLedgerPage($filter: InventoryAdjustmentFilter, $first: Int, $after: String) {
    inventoryAdjustments(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          quantityChange
        }
      }
      pageInfo {
        endCursor
      }
    }
  }
`);

const alertHistoryPageQuery = graphql(`
  query ReplicaAlertHistoryPage($shopId: ID, $first: Int, $after: String) {
    negativeInventoryAlerts(shopId: $shopId, first: $first, after: $after) {
      edges {
        cursor
      }
      pageInfo {
        endCursor
      }
    }
  }
`);

/** A ledger read beside something that must be current: the whole operation reads the primary. */
const ledgerWithShopsQuery = graphql(`
  query ReplicaLedgerWithShops($filter: InventoryAdjustmentFilter) {
    inventoryAdjustments(filter: $filter, first: 100) {
      edges {
        node {
          id
        }
      }
    }
    shops {
      id
    }
  }
`);

/** The analysis reads, side by side: each root field may lag, so the operation reads the replica. */
const analysisQuery = graphql(`
  query ReplicaAnalysis($at: DateTime!, $since: DateTime!, $itemIds: [ID!]) {
    negativeInventoryReport(first: 50) {
      totalCount
    }
    inventoryAsOf(at: $at, itemIds: $itemIds, first: 10) {
      edges {
        node {
          quantityOnHand
        }
      }
    }
    negativeInventoryBreakdown(groupBy: [SHOP], since: $since) {
      episodes
    }
  }
`);

type AlertResult = StreamResult<{ negativeInventoryAlerts: { cursor: string } }>;

const maxLagSeconds = 3;

describe.skipIf(backend !== 'postgres' || skipWithout(postgresBinariesMissing()))('a server with a read replica', () => {
  let parts: PrimaryWithReplica;
  let app: App;
  let client: InProcessClient;
  let url: string;
  const logs = captureLogs();
  let account: TestAccount;
  let shopId: string;
  let itemId: string;

  beforeAll(async () => {
    parts = await startPrimaryWithReplica();
    await parts.createDatabase('inventory');
    const config = testConfig({
      DATABASE_URL: parts.primaryUrl('inventory'),
      READ_DATABASE_URL: parts.replicaUrl('inventory'),
      READ_REPLICA_MAX_LAG_SECONDS: String(maxLagSeconds),
      PORT: String(await freePort()),
    });
    app = await buildApp(config, { logger: logs.logger });
    url = (await app.start()).url;
    client = inProcessClient(app);
    account = await createAccount(client);
    shopId = (await createShop(client, account.adminToken)).id;
    itemId = (await createItem(client, account.adminToken)).id;
    const lines = [{ itemId, quantity: 5 }];
    expectTypename(
      (await client.run(receiveStockMutation, { input: { shopId, lines } }, account.adminToken)).receiveStock,
      'ReceiveStockPayload',
    );
    await parts.waitForReplay();
    await expectReadingReplica();
  });
  afterAll(async () => {
    await app?.stop();
    await parts?.stop();
  });

  /** Waits until reads go to the replica (its lag checked after the latest writes); usable in hooks too. */
  async function expectReadingReplica(timeoutMs = 5_000) {
    for (const deadline = Date.now() + timeoutMs; app.readReplica?.db !== app.readReplica?.replica;) {
      if (Date.now() > deadline) throw new Error(`still reading the primary after ${timeoutMs} ms (lag ${app.readReplica?.lagMs})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function ledgerIds(token = account.adminToken): Promise<string[]> {
    const { inventoryAdjustments } = await client.run(ledgerPageQuery, { filter: { itemId }, first: 100 }, token);
    return inventoryAdjustments.edges.map((edge) => edge.node.id);
  }

  async function sellOne() {
    return expectTypename(
      (await client.run(recordSaleMutation, { input: { shopId, lines: [{ itemId, quantity: 1 }] } }, account.adminToken)).recordSale,
      'RecordSalePayload',
    );
  }

  it("reads the ledger, its CSV and alert history from the replica, and a write's own result from the primary", async () => {
    const before = await ledgerIds();
    expect(before).toHaveLength(1);
    await parts.pauseReplay();
    try {
      const sale = await sellOne();
      // The mutation's payload is the primary's: the level after this very sale.
      expect(sale.levels.find((level) => level.shop.id === shopId)?.quantityOnHand).toBe(4);

      // The ledger is the replica's, which hasn't replayed the sale.
      expect(app.readReplica?.db).toBe(app.readReplica?.replica);
      expect(await ledgerIds()).toEqual(before);
      const csv = await client.fetch('/ledger.csv', { headers: { authorization: `Bearer ${account.adminToken}` } });
      expect((await csv.text()).trim().split('\n')).toHaveLength(1 + before.length);

      // Beside a field that must be current, the whole operation reads the primary.
      const mixed = await client.run(ledgerWithShopsQuery, { filter: { itemId } }, account.adminToken);
      expect(mixed.inventoryAdjustments.edges).toHaveLength(2);
    } finally {
      await parts.resumeReplay();
    }
    await parts.waitForReplay();
    expect(await ledgerIds()).toHaveLength(2);
  });

  it('reads the report, inventoryAsOf and the breakdown from the replica too', async () => {
    await parts.waitForReplay();
    await expectReadingReplica();
    const variables = { since: new Date(Date.now() - 86_400_000).toISOString(), itemIds: [itemId] };
    const before = await client.run(analysisQuery, { ...variables, at: new Date().toISOString() }, account.adminToken);
    expect(before.negativeInventoryReport.totalCount).toBe(0);
    await parts.pauseReplay();
    try {
      // Sold below zero on the primary: a row in the report, a lower quantity, a new episode.
      const { alerts } = expectTypename(
        (await client.run(recordSaleMutation, { input: { shopId, lines: [{ itemId, quantity: 10 }] } }, account.adminToken)).recordSale,
        'RecordSalePayload',
      );
      expect(alerts).toHaveLength(1);
      const during = await client.run(analysisQuery, { ...variables, at: new Date().toISOString() }, account.adminToken);
      expect(during).toEqual(before);
    } finally {
      await parts.resumeReplay();
    }
    await parts.waitForReplay();
    const after = await client.run(analysisQuery, { ...variables, at: new Date().toISOString() }, account.adminToken);
    expect(after.negativeInventoryReport.totalCount).toBe(1);
    expect(after.inventoryAsOf.edges[0]!.node.quantityOnHand).toBe(before.inventoryAsOf.edges[0]!.node.quantityOnHand - 10);
    expect(after.negativeInventoryBreakdown.reduce((sum, row) => sum + row.episodes, 0)).toBe(
      before.negativeInventoryBreakdown.reduce((sum, row) => sum + row.episodes, 0) + 1,
    );
    await client.run(receiveStockMutation, { input: { shopId, lines: [{ itemId, quantity: 10 }] } }, account.adminToken);
  });

  it('keeps live alerts on the primary: they arrive while the replica is paused', async () => {
    const stream = subscribeSse(url, alertsSubscription, {}, account.adminToken);
    await expect.poll(() => app.alerts.subscriberCount, { timeout: 5_000, interval: 10 }).toBeGreaterThan(0);
    await parts.pauseReplay();
    try {
      // Sold down past zero: one alert.
      const { alerts } = expectTypename(
        (await client.run(recordSaleMutation, { input: { shopId, lines: [{ itemId, quantity: 10 }] } }, account.adminToken)).recordSale,
        'RecordSalePayload',
      );
      expect(alerts).toHaveLength(1);
      expect(alertCursors((await stream.waitForResults(1, 3_000)) as AlertResult[])).toEqual([alerts[0]!.cursor]);
    } finally {
      stream.close();
      await parts.resumeReplay();
      await parts.waitForReplay();
      await client.run(receiveStockMutation, { input: { shopId, lines: [{ itemId, quantity: 10 }] } }, account.adminToken);
    }
  });

  it('skips a replica too far behind for the primary, says so in the log, and goes back once it catches up', async () => {
    await parts.waitForReplay();
    await expectReadingReplica();
    await parts.pauseReplay();
    try {
      await sellOne();
      const onPrimary = (
        await sql<{ count: string }>`
        select count(*) from inventory_adjustments where item_id = ${decodeId(itemId, 'Item')!}
      `.execute(app.database.db)
      ).rows[0]!.count;
      // Within the allowed lag the replica still answers (without the sale); past it, the primary.
      await expect
        .poll(async () => (await ledgerIds()).length, { timeout: (maxLagSeconds + 5) * 1000, interval: 200 })
        .toBe(Number(onPrimary));
      expect(logs.lines().some((line) => /too far behind/.test(String(line['msg'])))).toBe(true);
    } finally {
      await parts.resumeReplay();
    }
    await parts.waitForReplay();
    await expectReadingReplica();
    expect(logs.lines().filter((line) => /reading from the read replica/.test(String(line['msg'])))).not.toHaveLength(0);
  });

  it('hands out ledger and alert cursors on the replica that miss nothing and repeat nothing while writers commit', async () => {
    const token = account.adminToken;
    const shop = (await createShop(client, token)).id;
    const items = [(await createItem(client, token)).id, (await createItem(client, token)).id, (await createItem(client, token)).id];
    await parts.waitForReplay();
    await expectReadingReplica();

    // Three writers, each selling its item below zero and receiving it back, 15 rounds.
    let writing = true;
    const writers = Promise.all(
      items.map(async (item) => {
        for (let round = 0; round < 15; round++) {
          const lines = [{ itemId: item, quantity: 1 }];
          await client.run(recordSaleMutation, { input: { shopId: shop, lines } }, token);
          await client.run(receiveStockMutation, { input: { shopId: shop, lines } }, token);
        }
      }),
    ).finally(() => (writing = false));

    // Readers page forward meanwhile, three rows at a time, on whatever the replica has replayed.
    const ledgerSeen: string[] = [];
    const alertsSeen: string[] = [];
    let ledgerAfter: string | undefined;
    let alertsAfter: string | undefined;
    let pagesOnReplica = 0;
    for (let idle = 0; idle < 3;) {
      const stillWriting = writing;
      if (app.readReplica?.db === app.readReplica?.replica) pagesOnReplica++;
      const ledger = await client.run(ledgerPageQuery, { filter: { shopId: shop }, first: 3, after: ledgerAfter }, token);
      const alerts = await client.run(alertHistoryPageQuery, { shopId: shop, first: 3, after: alertsAfter }, token);
      ledgerSeen.push(...ledger.inventoryAdjustments.edges.map((edge) => edge.node.id));
      alertsSeen.push(...alerts.negativeInventoryAlerts.edges.map((edge) => edge.cursor));
      ledgerAfter = ledger.inventoryAdjustments.pageInfo.endCursor ?? ledgerAfter;
      alertsAfter = alerts.negativeInventoryAlerts.pageInfo.endCursor ?? alertsAfter;
      const empty = ledger.inventoryAdjustments.edges.length === 0 && alerts.negativeInventoryAlerts.edges.length === 0;
      if (!stillWriting && empty) {
        // Done writing: once the replica has everything, three empty reads in a row end it.
        await parts.waitForReplay();
        idle++;
      }
    }
    await writers;
    expect(pagesOnReplica).toBeGreaterThan(10);

    const shopDbId = decodeId(shop, 'Shop')!;
    const { rows } = await sql<{ id: string }>`
      select id from inventory_adjustments where account_id = ${decodeId(account.accountId, 'Account')!} and shop_id = ${shopDbId}
      order by epoch, xid, id
    `.execute(app.database.db);
    const ledgerIdsInOrder = (
      await client.run(ledgerPageQuery, { filter: { shopId: shop }, first: 100 }, token)
    ).inventoryAdjustments.edges.map((edge) => edge.node.id);
    expect(rows).toHaveLength(90);
    expect(ledgerIdsInOrder).toHaveLength(90);
    expect(ledgerSeen).toEqual(ledgerIdsInOrder);
    const allAlerts = (await client.run(alertHistoryPageQuery, { shopId: shop, first: 100 }, token)).negativeInventoryAlerts.edges.map(
      (edge) => edge.cursor,
    );
    expect(allAlerts).toHaveLength(45);
    expect(alertsSeen).toEqual(allAlerts);
  });
});

describe.skipIf(backend !== 'postgres')('a read replica that cannot be reached', () => {
  it('leaves every read on the primary, and says so in the log', async () => {
    const logs = captureLogs();
    const { createTestDatabase } = await import('./support/database.js');
    const database = await createTestDatabase();
    const closedPort = await freePort();
    const config = testConfig({
      DATABASE_URL: database.url!,
      READ_DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/nowhere`,
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
    });
    const app = await buildApp(config, { logger: logs.logger });
    try {
      const client = inProcessClient(app);
      const account = await createAccount(client);
      const { inventoryAdjustments } = await client.run(ledgerPageQuery, { first: 10 }, account.adminToken);
      expect(inventoryAdjustments.edges).toEqual([]);
      expect(app.readReplica?.db).toBe(app.database.db);
      expect(logs.lines().some((line) => /read replica could not be reached/.test(String(line['msg'])))).toBe(true);
    } finally {
      await app.stop();
      await database.drop();
    }
  });
});
