import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { decodeId, encodeId } from '../src/node/global-id.js';
import { createAccount, createApiKey, createItem, createShop } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation } from './support/inventory.js';
import { fetchCsv, receive, sell } from './support/reports.js';

// Query.inventoryAsOf and GET /reports/inventory-as-of.csv: quantities as they were at an instant,
// checked against sums of the ledger's rows computed here, independently of the server's query.

const t = useTestApp({ ledgerInvariant: true });

const inventoryAsOfQuery = graphql(`
  query InventoryAsOf($at: DateTime!, $shopId: ID, $itemIds: [ID!], $search: String, $first: Int, $after: String) {
    inventoryAsOf(at: $at, shopId: $shopId, itemIds: $itemIds, search: $search, first: $first, after: $after) {
      at
      edges {
        cursor
        node {
          item {
            id
            sku
            name
          }
          shop {
            id
            name
          }
          quantityOnHand
          sellableQuantity
          lastAdjustment {
            id
            createdAt
            reason
            quantityAfter
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type AsOfVariables = { at: string; shopId?: string; itemIds?: string[]; search?: string };

/** Every row of the answer, paging `first` at a time; fails if a pair comes twice. */
async function asOfRows(token: string, variables: AsOfVariables, first = 3) {
  const rows = [];
  let after: string | undefined;
  for (;;) {
    const page = (await t.run(inventoryAsOfQuery, { ...variables, first, ...(after ? { after } : {}) }, token)).inventoryAsOf;
    expect(page.at).toBe(variables.at);
    expect(page.edges.length).toBeLessThanOrEqual(first);
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? undefined;
  }
  const pairs = rows.map((row) => `${row.item.id}@${row.shop.id}`);
  expect(new Set(pairs).size).toBe(pairs.length);
  return rows;
}

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const minute = 60_000;
/** The first write's instant; each later write comes `minute` after the one before. */
const start = new Date(Date.now() - 3 * 24 * 60 * minute);
start.setUTCMilliseconds(0);

interface Catalogue {
  token: string;
  accountId: string;
  shops: { id: string; name: string }[];
  items: { id: string; sku: string; name: string }[];
}

let shop: Catalogue;

/**
 * Gives the account's writes known instants: the n-th write (its transaction: all the rows of one
 * sale share it, as they share now()) was created at start + n minutes. Written in id order, so the
 * instants follow each pair's order.
 */
async function spaceWrites(accountGlobalId: string) {
  const accountId = decodeId(accountGlobalId, 'Account');
  await sql`
    update inventory_adjustments adjustment set created_at = ${start}::timestamptz + (spaced.write_number * interval '1 minute')
    from (
      select id, dense_rank() over (order by first_id) - 1 as write_number
      from (select id, min(id) over (partition by xid) as first_id from inventory_adjustments where account_id = ${accountId}) rows
    ) spaced
    where adjustment.account_id = ${accountId} and adjustment.id = spaced.id
  `.execute(t.db);
}

/** What the ledger says each pair held at `at`: the sum of its changes created by then, and its last row by then. */
async function expectedAt(accountGlobalId: string, at: Date) {
  const accountId = decodeId(accountGlobalId, 'Account')!;
  const rows = await t.db
    .selectFrom('inventory_adjustments')
    .select(['id', 'item_id', 'shop_id', 'quantity_change', 'created_at'])
    .where('account_id', '=', accountId)
    .execute();
  const pairs = new Map<string, { itemId: string; shopId: string; sum: number; lastId: bigint }>();
  for (const row of rows) {
    if (row.created_at.getTime() > at.getTime()) continue;
    const key = `${row.item_id}@${row.shop_id}`;
    const pair = pairs.get(key) ?? { itemId: row.item_id, shopId: row.shop_id, sum: 0, lastId: 0n };
    pair.sum += row.quantity_change;
    if (BigInt(row.id) > pair.lastId) pair.lastId = BigInt(row.id);
    pairs.set(key, pair);
  }
  return [...pairs.values()].map((pair) => ({
    itemId: encodeId('Item', pair.itemId),
    shopId: encodeId('Shop', pair.shopId),
    quantityOnHand: pair.sum,
    lastAdjustmentId: encodeId('InventoryAdjustment', String(pair.lastId)),
  }));
}

/** The expected rows in the field's order: item SKU, shop name, shop ID (names chosen to sort alike in any collation). */
function inOrder(catalogue: Catalogue, rows: Awaited<ReturnType<typeof expectedAt>>) {
  const sku = new Map(catalogue.items.map((item) => [item.id, item.sku]));
  const shopName = new Map(catalogue.shops.map((one) => [one.id, one.name]));
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (a, b) =>
      compare(sku.get(a.itemId)!, sku.get(b.itemId)!) ||
      compare(shopName.get(a.shopId)!, shopName.get(b.shopId)!) ||
      Number(BigInt(decodeId(a.shopId, 'Shop')!) - BigInt(decodeId(b.shopId, 'Shop')!)),
  );
}

function summary(rows: Awaited<ReturnType<typeof asOfRows>>) {
  return rows.map((row) => ({
    itemId: row.item.id,
    shopId: row.shop.id,
    quantityOnHand: row.quantityOnHand,
    lastAdjustmentId: row.lastAdjustment.id,
  }));
}

/** Writes: receipts, sales (several lines at once), manual adjustments, at random, below zero too. */
async function writeHistory(catalogue: Catalogue, writes: number, seed: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  for (let write = 0; write < writes; write += 1) {
    const where = pick(catalogue.shops).id;
    const kind = next();
    if (kind < 0.3) {
      await receive(t, catalogue.token, where, [{ itemId: pick(catalogue.items).id, quantity: 1 + Math.floor(next() * 6) }]);
    } else if (kind < 0.75) {
      const [first, second] = [pick(catalogue.items), pick(catalogue.items)];
      const lines = [{ itemId: first.id, quantity: 1 + Math.floor(next() * 4) }];
      if (second.id !== first.id) lines.push({ itemId: second.id, quantity: 1 + Math.floor(next() * 3) });
      await sell(t, catalogue.token, where, lines);
    } else {
      const quantityChange = (next() < 0.5 ? -1 : 1) * (1 + Math.floor(next() * 5));
      const result = await t.run(
        adjustInventoryMutation,
        { input: { itemId: pick(catalogue.items).id, shopId: where, quantityChange, note: 'shelf check' } },
        catalogue.token,
      );
      expectTypename(result.adjustInventory, 'AdjustInventoryPayload');
    }
  }
}

let other: Catalogue;

beforeAll(async () => {
  const account = await createAccount(t);
  const token = account.adminToken;
  // The third shop's name sorts between the other two; the last item is never written to.
  const shops = [await createShop(t, token, 'AS North'), await createShop(t, token, 'AS South'), await createShop(t, token, 'AS Middle')];
  const items = [
    await createItem(t, token, 'AS-003', '=HYPERLINK("http://example.com","x")'),
    await createItem(t, token, 'AS-001', 'Plain bolt'),
    await createItem(t, token, 'AS-002', '@SUM(A1:A9)'),
    await createItem(t, token, 'AS-004', '+1 spare'),
    await createItem(t, token, 'AS-005', 'Never moved'),
  ];
  shop = { token, accountId: account.accountId, shops, items: items.slice(0, 4) };
  await writeHistory(shop, 40, 20261206);
  await spaceWrites(account.accountId);
  shop.items = items;

  const otherAccount = await createAccount(t);
  const otherShops = [await createShop(t, otherAccount.adminToken, 'AS North')];
  const otherItems = [await createItem(t, otherAccount.adminToken, 'AS-001', 'Plain bolt')];
  other = { token: otherAccount.adminToken, accountId: otherAccount.accountId, shops: otherShops, items: otherItems };
  await writeHistory(other, 5, 7);
  await spaceWrites(otherAccount.accountId);
});

describe('inventoryAsOf', () => {
  it("equals the ledger's running sums at random instants, row for row", async () => {
    const next = random(42);
    const instants = [
      new Date(start.getTime() - minute), // before the first write: no rows
      start, // exactly at the first write
      new Date(start.getTime() + 39 * minute), // the last write
      new Date(start.getTime() + 10 * minute + 30_000), // between two writes
      ...Array.from({ length: 6 }, () => new Date(start.getTime() + Math.floor(next() * 45 * minute))),
    ];
    for (const at of instants) {
      const expected = inOrder(shop, await expectedAt(shop.accountId, at));
      const rows = await asOfRows(shop.token, { at: at.toISOString() });
      expect(summary(rows), at.toISOString()).toEqual(expected);
      for (const row of rows) {
        expect(row.sellableQuantity).toBe(Math.max(0, row.quantityOnHand));
        expect(row.lastAdjustment.quantityAfter).toBe(row.quantityOnHand);
        expect(new Date(row.lastAdjustment.createdAt).getTime()).toBeLessThanOrEqual(at.getTime());
      }
    }
    // The instants cover the empty answer, a quantity below zero and the whole history.
    expect(await asOfRows(shop.token, { at: instants[0]!.toISOString() })).toEqual([]);
    const everything = await asOfRows(shop.token, { at: new Date().toISOString() });
    expect(everything.some((row) => row.quantityOnHand < 0)).toBe(true);
    expect(everything.some((row) => row.item.sku === 'AS-005')).toBe(false);
  });

  it('is ordered by item SKU, then shop name, and pages through every pair once', async () => {
    const at = new Date().toISOString();
    const rows = await asOfRows(shop.token, { at }, 1);
    const order = rows.map((row) => `${row.item.sku} ${row.shop.name}`);
    expect(order).toEqual([...order].sort());
    expect(summary(await asOfRows(shop.token, { at }, 500))).toEqual(summary(rows));
    const firstPage = (await t.run(inventoryAsOfQuery, { at, first: 2 }, shop.token)).inventoryAsOf;
    expect(firstPage.edges).toHaveLength(2);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
  });

  it('filters by shop, items and search', async () => {
    const at = new Date(start.getTime() + 25 * minute);
    const all = inOrder(shop, await expectedAt(shop.accountId, at));
    const [north] = shop.shops;
    const [third, first, second] = shop.items;
    expect(summary(await asOfRows(shop.token, { at: at.toISOString(), shopId: north!.id }))).toEqual(
      all.filter((row) => row.shopId === north!.id),
    );
    const chosen = [third!.id, first!.id];
    expect(summary(await asOfRows(shop.token, { at: at.toISOString(), itemIds: chosen }))).toEqual(
      all.filter((row) => chosen.includes(row.itemId)),
    );
    // search: a case-insensitive part of the SKU or the name.
    expect(summary(await asOfRows(shop.token, { at: at.toISOString(), search: 'sum(a1' }))).toEqual(
      all.filter((row) => row.itemId === second!.id),
    );
    expect(summary(await asOfRows(shop.token, { at: at.toISOString(), search: 'as-001', shopId: north!.id }))).toEqual(
      all.filter((row) => row.itemId === first!.id && row.shopId === north!.id),
    );
    expect(await asOfRows(shop.token, { at: at.toISOString(), itemIds: [] })).toEqual([]);
  });

  it('refuses an instant in the future, unknown filter IDs and foreign cursors with BAD_USER_INPUT', async () => {
    const future = new Date(Date.now() + 60 * minute).toISOString();
    const now = new Date().toISOString();
    for (const variables of [
      { at: future },
      { at: now, shopId: other.shops[0]!.id },
      { at: now, itemIds: [shop.items[0]!.id, other.items[0]!.id] },
      { at: now, itemIds: ['not-an-id'] },
      { at: now, after: 'bm90IGEgY3Vyc29y' },
      { at: now, search: 'x'.repeat(201) },
    ]) {
      const result = await t.execute(inventoryAsOfQuery, variables, shop.token);
      expect(errorCodes(result), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it("shows only the caller's account, to partner API keys too", async () => {
    const at = new Date().toISOString();
    const mine = await asOfRows(shop.token, { at });
    const partner = await createApiKey(t, shop.token);
    expect(summary(await asOfRows(partner.token, { at }))).toEqual(summary(mine));
    const ownIds = new Set([...shop.items.map((item) => item.id), ...shop.shops.map((one) => one.id)]);
    expect(mine.every((row) => ownIds.has(row.item.id) && ownIds.has(row.shop.id))).toBe(true);
    const theirs = await asOfRows(other.token, { at });
    expect(summary(theirs)).toEqual(inOrder(other, await expectedAt(other.accountId, new Date(at))));
    expect(theirs.every((row) => row.item.id === other.items[0]!.id && row.shop.id === other.shops[0]!.id)).toBe(true);
    const anonymous = await t.execute(inventoryAsOfQuery, { at });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('GET /reports/inventory-as-of.csv', () => {
  it('has the rows of the GraphQL answer, formula-like text escaped, quantities plain numbers', async () => {
    const at = new Date(start.getTime() + 30 * minute).toISOString();
    const rows = await asOfRows(shop.token, { at });
    const partner = await createApiKey(t, shop.token);
    const csv = await fetchCsv(t, `/reports/inventory-as-of.csv?at=${encodeURIComponent(at)}`, partner.token);
    expect(csv.response.status).toBe(200);
    expect(csv.response.headers.get('content-disposition')).toMatch(/^attachment; filename="inventory-as-of-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.header).toEqual([
      'As of',
      'SKU',
      'Item',
      'Shop',
      'Quantity on hand',
      'Sellable quantity',
      'Last adjustment ID',
      'Last adjustment date',
      'Last adjustment reason',
    ]);
    const escaped = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);
    expect(csv.records).toEqual(
      rows.map((row) => [
        at,
        row.item.sku,
        escaped(row.item.name),
        row.shop.name,
        String(row.quantityOnHand),
        String(row.sellableQuantity),
        row.lastAdjustment.id,
        row.lastAdjustment.createdAt,
        row.lastAdjustment.reason,
      ]),
    );
    expect(csv.records.some((record) => record[2] === `'=HYPERLINK("http://example.com","x")`)).toBe(true);
    expect(csv.records.some((record) => record[2] === "'@SUM(A1:A9)")).toBe(true);
    expect(csv.records.some((record) => record[4]!.startsWith('-'))).toBe(true);
  });

  it('takes the same filters, and answers bad parameters with 400', async () => {
    const at = new Date(start.getTime() + 20 * minute).toISOString();
    const [, south] = shop.shops;
    const [third, first] = shop.items;
    const filters = { at, shopId: south!.id, itemIds: [third!.id, first!.id] };
    const rows = await asOfRows(shop.token, filters);
    const query = `at=${encodeURIComponent(at)}&shopId=${encodeURIComponent(south!.id)}&itemIds=${encodeURIComponent(filters.itemIds.join(','))}`;
    const csv = await fetchCsv(t, `/reports/inventory-as-of.csv?${query}`, shop.token);
    expect(csv.records.map((record) => [record[1], record[3], record[4]])).toEqual(
      rows.map((row) => [row.item.sku, row.shop.name, String(row.quantityOnHand)]),
    );
    const search = await fetchCsv(t, `/reports/inventory-as-of.csv?at=${encodeURIComponent(at)}&search=AS-001`, shop.token);
    expect(search.records.map((record) => record[1])).toEqual(
      (await asOfRows(shop.token, { at, search: 'AS-001' })).map((row) => row.item.sku),
    );

    const future = encodeURIComponent(new Date(Date.now() + 60 * minute).toISOString());
    for (const bad of [
      '',
      `at=${future}`,
      'at=yesterday',
      `at=${encodeURIComponent(at)}&shopId=${encodeURIComponent(other.shops[0]!.id)}`,
    ]) {
      const response = await fetchCsv(t, `/reports/inventory-as-of.csv?${bad}`, shop.token);
      expect(response.response.status, bad).toBe(400);
      expect(JSON.parse(response.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await fetchCsv(t, `/reports/inventory-as-of.csv?at=${encodeURIComponent(at)}`)).response.status).toBe(401);
  });
});
