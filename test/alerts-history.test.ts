import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { raiseAlerts, storedAlertCursors } from './support/alerts.js';
import { backend } from './support/database.js';
import { createAccount, createApiKey, createItem, createShop } from './support/fixtures.js';
import { errorCodes, useTestApp } from './support/harness.js';

// Query.negativeInventoryAlerts: the history of the live stream, paged by the same cursors.

const alertsQuery = graphql(`
  query AlertsHistory($shopId: ID, $first: Int, $after: String) {
    negativeInventoryAlerts(shopId: $shopId, first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AlertFields
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const latestAlertsQuery = graphql(`
  query LatestAlertsHistory($shopId: ID, $last: Int, $before: String) {
    negativeInventoryAlerts(shopId: $shopId, last: $last, before: $before) {
      edges {
        cursor
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const t = useTestApp({ poolSize: 20 });

async function accountWithItems(itemCount: number) {
  const account = await createAccount(t);
  const shop = await createShop(t, account.adminToken);
  const itemIds: string[] = [];
  for (let index = 0; index < itemCount; index++) itemIds.push((await createItem(t, account.adminToken)).id);
  return { account, shop, itemIds };
}

/** Every alert the query lists, following `after` page by page. */
async function listAll(token: string, variables: { shopId?: string; first: number; after?: string }) {
  const cursors: string[] = [];
  let after = variables.after;
  for (;;) {
    const { negativeInventoryAlerts: page } = await t.run(alertsQuery, { ...variables, after }, token);
    cursors.push(...page.edges.map((edge) => edge.cursor));
    if (!page.pageInfo.hasNextPage) return cursors;
    after = page.pageInfo.endCursor!;
  }
}

describe('Query.negativeInventoryAlerts', () => {
  it("lists the token account's alerts oldest first, by shop when asked, a page at a time", async () => {
    const { account, shop, itemIds } = await accountWithItems(3);
    const otherShop = await createShop(t, account.adminToken);
    const other = await accountWithItems(1);
    const token = account.adminToken;

    const raised = [
      ...(await raiseAlerts(t, token, shop.id, itemIds)),
      ...(await raiseAlerts(t, other.account.adminToken, other.shop.id, other.itemIds)),
      ...(await raiseAlerts(t, token, otherShop.id, itemIds.slice(0, 2))),
      ...(await raiseAlerts(t, token, shop.id, itemIds.slice(1))),
    ];
    const mine = raised.filter((alert) => alert.shop.id === shop.id || alert.shop.id === otherShop.id);

    const first = (await t.run(alertsQuery, { first: 2 }, token)).negativeInventoryAlerts;
    expect(first.edges.map((edge) => edge.node)).toEqual(mine.slice(0, 2));
    expect(first.edges.map((edge) => edge.cursor)).toEqual(mine.slice(0, 2).map((alert) => alert.cursor));
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: mine[0]!.cursor,
      endCursor: mine[1]!.cursor,
    });

    expect(await listAll(token, { first: 2 })).toEqual(mine.map((alert) => alert.cursor));
    expect(await listAll(token, { first: 500 })).toEqual(mine.map((alert) => alert.cursor));
    expect(await listAll(token, { shopId: otherShop.id, first: 1 })).toEqual(
      mine.filter((alert) => alert.shop.id === otherShop.id).map((alert) => alert.cursor),
    );
    expect(await listAll(token, { first: 2, after: mine[2]!.cursor })).toEqual(mine.slice(3).map((alert) => alert.cursor));
    expect(await listAll(other.account.adminToken, { first: 10 })).toEqual(
      raised.filter((alert) => alert.shop.id === other.shop.id).map((alert) => alert.cursor),
    );

    // A partner API key reads it too.
    const { token: apiKeyToken } = await createApiKey(t, token);
    expect(await listAll(apiKeyToken, { first: 50 })).toEqual(mine.map((alert) => alert.cursor));
  });

  it('pages backwards from the newest with last/before, edges oldest first', async () => {
    const { account, shop, itemIds } = await accountWithItems(3);
    const token = account.adminToken;
    const raised = [...(await raiseAlerts(t, token, shop.id, itemIds)), ...(await raiseAlerts(t, token, shop.id, itemIds))];
    const cursors = raised.map((alert) => alert.cursor);
    expect(cursors).toHaveLength(6);

    const newest = (await t.run(latestAlertsQuery, { last: 4 }, token)).negativeInventoryAlerts;
    expect(newest.edges.map((edge) => edge.cursor)).toEqual(cursors.slice(2));
    expect(newest.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: cursors[2], endCursor: cursors[5] });

    const older = (await t.run(latestAlertsQuery, { last: 4, before: newest.pageInfo.startCursor }, token)).negativeInventoryAlerts;
    expect(older.edges.map((edge) => edge.cursor)).toEqual(cursors.slice(0, 2));
    expect(older.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const mixed = graphql(`
      query MixedAlertsHistory {
        negativeInventoryAlerts(first: 2, last: 2) {
          edges {
            cursor
          }
        }
      }
    `);
    expect(errorCodes(await t.execute(mixed, {}, token))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a shop of another account, a cursor it did not hand out and a caller without a token', async () => {
    const { account } = await accountWithItems(0);
    const other = await accountWithItems(0);
    for (const variables of [{ shopId: other.shop.id }, { shopId: 'nonsense' }, { after: 'nonsense' }, { first: 501 }]) {
      expect(errorCodes(await t.execute(alertsQuery, variables, account.adminToken)), JSON.stringify(variables)).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    expect(errorCodes(await t.execute(alertsQuery, {}))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('cursor order', () => {
  // The design this rests on: adjustment ids are handed out under the account's ledger-head lock,
  // taken after the inventory rows and held to commit, so a higher id always commits later. If
  // that ever broke, a reader paging by `after` would step past an alert that commits later with
  // a lower cursor and never see it. On PostgreSQL the writers below run in parallel on separate
  // connections, on different items (so nothing but the ledger head orders them).
  it('is commit order: a reader resuming with after while writers run never misses an alert', async () => {
    const writerCount = 8;
    const itemsPerWriter = 10;
    const rounds = backend === 'postgres' ? 25 : 5;
    const { account, shop, itemIds } = await accountWithItems(writerCount * itemsPerWriter);
    const token = account.adminToken;

    let writing = true;
    const writers = Promise.all(
      Array.from({ length: writerCount }, async (_, writer) => {
        const mine = itemIds.slice(writer * itemsPerWriter, (writer + 1) * itemsPerWriter);
        for (let round = 0; round < rounds; round++) await raiseAlerts(t, token, shop.id, mine);
      }),
    ).finally(() => (writing = false));

    // The poller: small pages, each from the last cursor it saw, as fast as it can.
    const seen: string[] = [];
    let after: string | undefined;
    let polls = 0;
    for (;;) {
      const stillWriting = writing;
      const { negativeInventoryAlerts: page } = await t.run(alertsQuery, { first: 25, after }, token);
      polls++;
      seen.push(...page.edges.map((edge) => edge.cursor));
      after = page.pageInfo.endCursor ?? after;
      // Done once a page read after the writers finished came back short.
      if (!stillWriting && !page.pageInfo.hasNextPage) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writers;

    const stored = await storedAlertCursors(t.db, account.accountId);
    expect(stored).toHaveLength(writerCount * itemsPerWriter * rounds);
    expect(seen).toEqual(stored);
    // The poller really did read while the writers wrote, many times.
    expect(polls).toBeGreaterThan(10);
  });
});
