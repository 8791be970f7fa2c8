import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.js';
import { applyMovements } from '../src/inventory/ledger.service.js';
import { decodeId, encodeId } from '../src/node/global-id.js';
import { graphql } from './gql/index.js';
import type { NegativeInventoryDimension } from './gql/graphql.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation } from './support/inventory.js';
import { receive, sell } from './support/reports.js';

// Query.negativeInventoryBreakdown: negative episodes (alerts) that began in a window, grouped by
// shop, item, reason and employee in one statement. Expected rows are worked out here from the
// episodes themselves, as the alerts query shows them.

const t = useTestApp({ ledgerInvariant: true });

const breakdownQuery = graphql(`
  query NegativeBreakdown($since: DateTime!, $until: DateTime, $shopId: ID, $groupBy: [NegativeInventoryDimension!]!) {
    negativeInventoryBreakdown(since: $since, until: $until, shopId: $shopId, groupBy: $groupBy) {
      shop {
        id
      }
      item {
        id
      }
      reason
      employee {
        id
      }
      episodes
      resolvedEpisodes
      unitsBelowZero
      medianSecondsToResolve
    }
  }
`);

const breakdownEpisodesQuery = graphql(`
  query BreakdownEpisodes {
    negativeInventoryAlerts(first: 100) {
      edges {
        node {
          id
          shop {
            id
          }
          item {
            id
          }
          reason
          quantityAfter
          occurredAt
          resolvedAt
          adjustment {
            employee {
              id
            }
          }
        }
      }
    }
  }
`);

type Episode = Awaited<ReturnType<typeof allEpisodes>>[number];
const dimensions: NegativeInventoryDimension[] = ['SHOP', 'ITEM', 'REASON', 'EMPLOYEE'];
const longAgo = '2000-01-01T00:00:00.000Z';

async function allEpisodes(token: string) {
  return (await t.run(breakdownEpisodesQuery, {}, token)).negativeInventoryAlerts.edges.map((edge) => edge.node);
}

async function breakdown(
  token: string,
  groupBy: NegativeInventoryDimension[],
  window: { since?: string; until?: string; shopId?: string } = {},
) {
  return (await t.run(breakdownQuery, { since: longAgo, ...window, groupBy }, token)).negativeInventoryBreakdown;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}

/** The rows the breakdown should answer, keyed by group, worked out from the episodes. */
function expectedRows(episodes: readonly Episode[], groupBy: readonly NegativeInventoryDimension[]) {
  const keyOf = (episode: Episode) => ({
    shop: groupBy.includes('SHOP') ? episode.shop.id : null,
    item: groupBy.includes('ITEM') ? episode.item.id : null,
    reason: groupBy.includes('REASON') ? episode.reason : null,
    employee: groupBy.includes('EMPLOYEE') ? (episode.adjustment.employee?.id ?? null) : null,
  });
  const groups = new Map<string, Episode[]>();
  for (const episode of episodes) {
    const key = JSON.stringify(keyOf(episode));
    groups.set(key, [...(groups.get(key) ?? []), episode]);
  }
  if (groupBy.length === 0 && groups.size === 0) groups.set(JSON.stringify(keyOf({} as never)), []);
  return new Map(
    [...groups].map(([key, members]) => {
      const resolved = members.filter((episode) => episode.resolvedAt !== null);
      const seconds = resolved.map((episode) => (Date.parse(episode.resolvedAt!) - Date.parse(episode.occurredAt)) / 1000);
      return [
        key,
        {
          episodes: members.length,
          resolvedEpisodes: resolved.length,
          unitsBelowZero: members.reduce((sum, episode) => sum - episode.quantityAfter, 0),
          medianSecondsToResolve: median(seconds),
        },
      ];
    }),
  );
}

function rowKey(row: Awaited<ReturnType<typeof breakdown>>[number]) {
  return JSON.stringify({
    shop: row.shop?.id ?? null,
    item: row.item?.id ?? null,
    reason: row.reason ?? null,
    employee: row.employee?.id ?? null,
  });
}

/** Every subset of the dimensions, in their order: 16 groupings. */
const groupings = Array.from({ length: 16 }, (_, mask) => dimensions.filter((_, index) => mask & (1 << index)));

/**
 * An account with episodes at two shops, by two employees and none, for several reasons; one pair
 * goes negative twice. Their durations are then set to known lengths (60 s, 300 s, 1,000 s, 3,600 s).
 */
async function seedEpisodes() {
  const account = await createAccount(t);
  const token = account.adminToken;
  const cashier = await createEmployee(t, token, 'CASHIER');
  const [north, south] = [await createShop(t, token, 'North'), await createShop(t, token, 'South')];
  const [bolt, nut] = [await createItem(t, token, 'BOLT'), await createItem(t, token, 'NUT')];

  await sell(t, cashier.token, north.id, [{ itemId: bolt.id, quantity: 2 }]); // bolt@north 0 → -2, cashier SALE
  await receive(t, token, north.id, [{ itemId: bolt.id, quantity: 2 }]); // → 0: ended
  expectTypename(
    (await t.run(adjustInventoryMutation, { input: { shopId: north.id, itemId: bolt.id, quantityChange: -3 } }, token)).adjustInventory,
    'AdjustInventoryPayload',
  ); // bolt@north 0 → -3 again, admin MANUAL: a second episode, open
  await sell(t, token, north.id, [{ itemId: nut.id, quantity: 1 }]); // nut@north 0 → -1, admin SALE
  await receive(t, token, north.id, [{ itemId: nut.id, quantity: 5 }]); // ended
  await sell(t, cashier.token, south.id, [
    { itemId: bolt.id, quantity: 4 },
    { itemId: nut.id, quantity: 6 },
  ]); // bolt@south -4 and nut@south -6, cashier SALE
  await receive(t, token, south.id, [{ itemId: nut.id, quantity: 6 }]); // nut@south ended
  const accountId = decodeId(account.accountId, 'Account')!;
  await inTransaction(t.db, (trx) =>
    applyMovements(trx, {
      accountId,
      reason: 'TRANSFER_OUT',
      source: null,
      employeeId: null,
      allowNegative: true,
      movements: [{ itemId: decodeId(bolt.id, 'Item')!, shopId: decodeId(south.id, 'Shop')!, quantityChange: -1 }],
    }),
  ); // bolt@south -4 → -5: no new episode
  await receive(t, token, south.id, [{ itemId: bolt.id, quantity: 5 }]); // bolt@south ended
  await inTransaction(t.db, (trx) =>
    applyMovements(trx, {
      accountId,
      reason: 'TRANSFER_OUT',
      source: null,
      employeeId: null,
      allowNegative: true,
      movements: [{ itemId: decodeId(bolt.id, 'Item')!, shopId: decodeId(south.id, 'Shop')!, quantityChange: -7 }],
    }),
  ); // bolt@south 0 → -7 with no employee: open

  // Known durations: each resolved episode began that long before it ended.
  const durations = [60, 300, 1_000, 3_600];
  const resolved = await t.db
    .selectFrom('negative_inventory_alerts')
    .select('adjustment_id')
    .where('account_id', '=', accountId)
    .where('resolved_at', 'is not', null)
    .orderBy('adjustment_id')
    .execute();
  expect(resolved).toHaveLength(durations.length);
  for (const [index, alert] of resolved.entries()) {
    await sql`
      update negative_inventory_alerts set occurred_at = resolved_at - make_interval(secs => ${durations[index]!})
      where account_id = ${accountId}::bigint and adjustment_id = ${alert.adjustment_id}::bigint`.execute(t.db);
  }
  return { account, token, cashier, north, south, bolt, nut, accountId };
}

describe('negativeInventoryBreakdown', () => {
  it('groups by every combination of dimensions as the episodes add up, most episodes first', async () => {
    const { token } = await seedEpisodes();
    const episodes = await allEpisodes(token);
    expect(episodes).toHaveLength(6);

    for (const groupBy of groupings) {
      const rows = await breakdown(token, groupBy);
      const expected = expectedRows(episodes, groupBy);
      expect(new Map(rows.map((row) => [rowKey(row), row])).size, `${groupBy.join('+')}: one row per group`).toBe(rows.length);
      expect(new Set(rows.map(rowKey)), groupBy.join('+')).toEqual(new Set(expected.keys()));
      for (const row of rows) {
        const want = expected.get(rowKey(row))!;
        expect({ ...row, medianSecondsToResolve: null }, `${groupBy.join('+')} ${rowKey(row)}`).toMatchObject({
          episodes: want.episodes,
          resolvedEpisodes: want.resolvedEpisodes,
          unitsBelowZero: want.unitsBelowZero,
        });
        if (want.medianSecondsToResolve === null) expect(row.medianSecondsToResolve).toBeNull();
        else expect(row.medianSecondsToResolve).toBeCloseTo(want.medianSecondsToResolve, 3);
      }
      const counts = rows.map((row) => row.episodes);
      expect(counts, groupBy.join('+')).toEqual([...counts].sort((a, b) => b - a));
      // Deterministic: the same rows in the same order again.
      expect(await breakdown(token, groupBy)).toEqual(rows);
    }
  });

  it('answers the whole account in one row, and per shop with re-opened episodes counted twice', async () => {
    const { token, cashier, north, south, bolt, nut } = await seedEpisodes();
    expect(await breakdown(token, [])).toEqual([
      {
        shop: null,
        item: null,
        reason: null,
        employee: null,
        episodes: 6,
        resolvedEpisodes: 4,
        unitsBelowZero: 2 + 3 + 1 + 4 + 6 + 7,
        medianSecondsToResolve: 650, // of 60, 300, 1,000 and 3,600
      },
    ]);

    const byShopAndItem = await breakdown(token, ['SHOP', 'ITEM']);
    const boltAtNorth = byShopAndItem.find((row) => row.shop?.id === north.id && row.item?.id === bolt.id);
    expect(boltAtNorth).toMatchObject({ episodes: 2, resolvedEpisodes: 1, unitsBelowZero: 5, medianSecondsToResolve: 60 });
    // Most episodes first; ties by shop, then item.
    expect(byShopAndItem.map((row) => [row.shop!.id, row.item!.id, row.episodes])).toEqual([
      [north.id, bolt.id, 2],
      [south.id, bolt.id, 2],
      [north.id, nut.id, 1],
      [south.id, nut.id, 1],
    ]);

    // A dimension named twice groups once.
    expect(await breakdown(token, ['SHOP', 'ITEM', 'SHOP'])).toEqual(byShopAndItem);

    const byEmployee = await breakdown(token, ['EMPLOYEE'], { shopId: south.id });
    expect(byEmployee.map((row) => [row.employee?.id ?? null, row.episodes, row.resolvedEpisodes])).toEqual([
      [cashier.employeeId, 2, 2],
      [null, 1, 0],
    ]);
  });

  it('keeps to the window [since, until) and to one shop', async () => {
    const { token, accountId, north } = await seedEpisodes();
    const episodes = await allEpisodes(token);
    const [first] = episodes;
    // Move the first episode back a year: out of a window that starts after it.
    await sql`
      update negative_inventory_alerts set occurred_at = occurred_at - interval '365 days'
      where account_id = ${accountId}::bigint and adjustment_id = ${decodeId(first!.id, 'NegativeInventoryAlert')}::bigint`.execute(t.db);
    const movedAt = new Date(Date.parse(first!.occurredAt) - 365 * 86_400_000).toISOString();
    const recent = new Date(Date.parse(movedAt) + 1).toISOString();

    expect((await breakdown(token, [], { since: recent }))[0]!.episodes).toBe(5);
    expect((await breakdown(token, [], { since: movedAt }))[0]!.episodes).toBe(6);
    expect((await breakdown(token, [], { since: longAgo, until: movedAt }))[0]!.episodes).toBe(0);
    expect((await breakdown(token, [], { since: longAgo, until: recent }))[0]).toMatchObject({ episodes: 1, unitsBelowZero: 2 });
    expect(await breakdown(token, ['SHOP'], { since: longAgo, until: movedAt })).toEqual([]);

    const atNorth = await breakdown(token, ['SHOP'], { shopId: north.id });
    expect(atNorth.map((row) => [row.shop!.id, row.episodes])).toEqual([[north.id, 3]]);
  });

  it('is the account’s own, for any of its tokens, and refuses a window or shop it cannot answer', async () => {
    const { account, token, cashier } = await seedEpisodes();
    const stranger = await createAccount(t);
    expect(await breakdown(stranger.adminToken, [])).toEqual([
      {
        shop: null,
        item: null,
        reason: null,
        employee: null,
        episodes: 0,
        resolvedEpisodes: 0,
        unitsBelowZero: 0,
        medianSecondsToResolve: null,
      },
    ]);
    expect(await breakdown(stranger.adminToken, ['SHOP'])).toEqual([]);

    const partner = await createApiKey(t, token);
    for (const reader of [cashier.token, partner.token]) {
      expect((await breakdown(reader, []))[0]!.episodes).toBe(6);
    }
    expect(errorCodes(await t.execute(breakdownQuery, { since: longAgo, groupBy: [] }))).toEqual(['UNAUTHENTICATED']);

    const strangerShop = await createShop(t, stranger.adminToken);
    for (const shopId of [strangerShop.id, encodeId('Shop', '999999999'), 'not-an-id', account.accountId]) {
      const result = await t.execute(breakdownQuery, { since: longAgo, shopId, groupBy: ['SHOP'] }, token);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions).toMatchObject({ argument: 'shopId', id: shopId });
    }

    const backwards = await t.execute(breakdownQuery, { since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z', groupBy: [] }, token);
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
    expect(backwards.errors![0]!.extensions).toMatchObject({ argument: 'until' });
  });
});
