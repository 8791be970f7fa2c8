import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import type { FoundationCatalogueItemsQuery } from './gql/graphql.js';
import {
  createAccount,
  createEmployee,
  createItem,
  createItemMutation,
  createShop,
  createShopMutation,
  type TestAccount,
} from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';

const shopsQuery = graphql(`
  query FoundationCatalogueShops {
    shops {
      id
      name
    }
  }
`);

const itemsQuery = graphql(`
  query FoundationCatalogueItems($first: Int, $after: String, $search: String) {
    items(first: $first, after: $after, search: $search) {
      edges {
        cursor
        node {
          id
          sku
          name
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

const t = useTestApp();

/** Every SKU `items` lists for the token, walking pages of `first`. */
async function walkSkus(token: string, first: number, search?: string): Promise<string[]> {
  const skus: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { items }: FoundationCatalogueItemsQuery = await t.run(itemsQuery, { first, after, search }, token);
    skus.push(...items.edges.map((edge) => edge.node.sku));
    expect(items.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!items.pageInfo.hasNextPage) return skus;
    after = items.pageInfo.endCursor ?? null;
  }
  throw new Error('pagination never ended');
}

describe('who may create shops and items', () => {
  it('lets admins and managers create them, and not cashiers', async () => {
    const account = await createAccount(t);
    const manager = await createEmployee(t, account.adminToken, 'MANAGER');
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');

    expect((await createShop(t, account.adminToken, 'By the admin')).name).toBe('By the admin');
    expect((await createShop(t, manager.token, 'By the manager')).name).toBe('By the manager');
    expect((await createItem(t, manager.token, 'MGR-1', 'By the manager')).sku).toBe('MGR-1');

    expect(errorCodes(await t.execute(createShopMutation, { input: { name: 'By the cashier' } }, cashier.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.execute(createItemMutation, { input: { sku: 'CSH-1', name: 'By the cashier' } }, cashier.token))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await t.execute(createShopMutation, { input: { name: 'Anonymous' } }))).toEqual(['UNAUTHENTICATED']);

    // A cashier still reads the catalogue, and nothing was written for the refused calls.
    const { shops } = await t.run(shopsQuery, {}, cashier.token);
    expect(shops.map((shop) => shop.name)).toEqual(['By the admin', 'By the manager']);
    expect(await walkSkus(cashier.token, 50)).toEqual(['MGR-1']);
  });
});

describe('shop and item rules', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await createAccount(t);
  });

  it('keeps SKUs unique within an account whatever their case, and trims them', async () => {
    const item = await createItem(t, account.adminToken, ' WR-10 ', '  Wrench 10 mm  ');
    expect(item).toMatchObject({ sku: 'WR-10', name: 'Wrench 10 mm' });
    for (const sku of ['WR-10', 'wr-10', '  Wr-10']) {
      const result = await t.run(createItemMutation, { input: { sku, name: 'Another wrench' } }, account.adminToken);
      expect(expectTypename(result.createItem, 'ValidationError').field).toBe('sku');
    }
    expect(await walkSkus(account.adminToken, 50, 'wr-10')).toEqual(['WR-10']);
  });

  it('allows the same SKU in another account', async () => {
    const other = await createAccount(t);
    await createItem(t, other.adminToken, 'SHARED-1', 'Ours');
    expect((await createItem(t, account.adminToken, 'shared-1', 'Theirs')).sku).toBe('shared-1');
  });

  it('keeps shop names unique within an account whatever their case', async () => {
    await createShop(t, account.adminToken, 'Harbour Road');
    const result = await t.run(createShopMutation, { input: { name: 'HARBOUR ROAD' } }, account.adminToken);
    expect(expectTypename(result.createShop, 'ValidationError').field).toBe('name');
    const other = await createAccount(t);
    expect((await createShop(t, other.adminToken, 'Harbour Road')).name).toBe('Harbour Road');
  });

  it('refuses blank names and SKUs, naming the field, and writes nothing', async () => {
    const fresh = await createAccount(t);
    const blankShop = await t.run(createShopMutation, { input: { name: '   ' } }, fresh.adminToken);
    expect(expectTypename(blankShop.createShop, 'ValidationError')).toMatchObject({ field: 'name', message: 'Name is required.' });
    const blankName = await t.run(createItemMutation, { input: { sku: 'OK-1', name: '' } }, fresh.adminToken);
    expect(expectTypename(blankName.createItem, 'ValidationError').field).toBe('name');
    const blankSku = await t.run(createItemMutation, { input: { sku: ' \t', name: 'Fine' } }, fresh.adminToken);
    expect(expectTypename(blankSku.createItem, 'ValidationError').field).toBe('sku');
    const longSku = await t.run(createItemMutation, { input: { sku: 'X'.repeat(65), name: 'Fine' } }, fresh.adminToken);
    expect(expectTypename(longSku.createItem, 'ValidationError').field).toBe('sku');

    expect((await t.run(shopsQuery, {}, fresh.adminToken)).shops).toEqual([]);
    expect(await walkSkus(fresh.adminToken, 50)).toEqual([]);
  });
});

describe('items: keyset pagination', () => {
  // SKUs whose order is the same under any collation (same shape, upper case and digits).
  const skus = ['A-100', 'A-200', 'B-050', 'B-051', 'C-001', 'C-002', 'D-999'];
  let account: TestAccount;
  beforeAll(async () => {
    account = await createAccount(t);
    // Created out of order, so SKU order is not creation order.
    for (const sku of ['C-001', 'A-200', 'D-999', 'B-051', 'A-100', 'C-002', 'B-050']) {
      await createItem(t, account.adminToken, sku);
    }
  });

  it('walks every item exactly once in SKU order, two at a time', async () => {
    expect(await walkSkus(account.adminToken, 2)).toEqual(skus);
    expect(await walkSkus(account.adminToken, 7)).toEqual(skus);
    expect(await walkSkus(account.adminToken, 500)).toEqual(skus);
  });

  it('gives each edge a cursor to resume after it', async () => {
    const { items } = await t.run(itemsQuery, { first: 3 }, account.adminToken);
    expect(items.edges.map((edge) => edge.node.sku)).toEqual(skus.slice(0, 3));
    expect(items.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: items.edges[0]!.cursor,
      endCursor: items.edges[2]!.cursor,
    });
    const resumed = await t.run(itemsQuery, { first: 2, after: items.edges[1]!.cursor }, account.adminToken);
    expect(resumed.items.edges.map((edge) => edge.node.sku)).toEqual(skus.slice(2, 4));
  });

  it('is not shifted by items created behind the cursor', async () => {
    const other = await createAccount(t);
    for (const sku of ['M-1', 'M-3', 'M-5']) await createItem(t, other.adminToken, sku);
    const first = await t.run(itemsQuery, { first: 2 }, other.adminToken);
    expect(first.items.edges.map((edge) => edge.node.sku)).toEqual(['M-1', 'M-3']);
    await createItem(t, other.adminToken, 'M-2');
    const next = await t.run(itemsQuery, { first: 2, after: first.items.pageInfo.endCursor }, other.adminToken);
    expect(next.items.edges.map((edge) => edge.node.sku)).toEqual(['M-5']);
    expect(next.items.pageInfo.hasNextPage).toBe(false);
  });

  it('answers an empty page for first: 0', async () => {
    const { items } = await t.run(itemsQuery, { first: 0 }, account.adminToken);
    expect(items.edges).toEqual([]);
    expect(items.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it('refuses a cursor it did not hand out, and pages over 500, as BAD_USER_INPUT', async () => {
    const forged = [
      'not a cursor',
      Buffer.from('["A-100"]').toString('base64url'),
      Buffer.from('["A-100","1 or 1=1"]').toString('base64url'),
      Buffer.from('{"sku":"A-100"}').toString('base64url'),
    ];
    for (const after of forged) {
      const result = await t.execute(itemsQuery, { first: 2, after }, account.adminToken);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.data).toBeNull();
    }
    expect(errorCodes(await t.execute(itemsQuery, { first: 501 }, account.adminToken))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.execute(itemsQuery, { first: -1 }, account.adminToken))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('items: search', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await createAccount(t);
    const catalogue = [
      ['HAM-16', 'Claw hammer'],
      ['NAIL-50', 'Nails, 50% extra'],
      ['SCR_10', 'Wood screws'],
      ['SCRX10', 'Screwdriver'],
      ['PIPE-12', 'Pipe 1\\2 inch'],
      ['TAPE-5', 'Measuring tape'],
    ] as const;
    for (const [sku, name] of catalogue) await createItem(t, account.adminToken, sku, name);
  });

  // Which items match, not their order (punctuation sorts differently under other collations).
  const search = async (text: string) => (await walkSkus(account.adminToken, 2, text)).sort();

  it('matches a part of the SKU or of the name, ignoring case', async () => {
    expect(await search('ham')).toEqual(['HAM-16']);
    expect(await search('HAMMER')).toEqual(['HAM-16']);
    expect(await search('screw')).toEqual(['SCR_10', 'SCRX10'].sort());
    expect(await search('tape')).toEqual(['TAPE-5']);
    expect(await search('  nail  ')).toEqual(['NAIL-50']);
    expect(await search('no such thing')).toEqual([]);
  });

  it('treats % and _ (and the escape character) as plain characters', async () => {
    expect(await search('%')).toEqual(['NAIL-50']);
    expect(await search('50%')).toEqual(['NAIL-50']);
    expect(await search('_')).toEqual(['SCR_10']);
    expect(await search('scr_1')).toEqual(['SCR_10']);
    expect(await search('\\')).toEqual(['PIPE-12']);
  });

  it('lists everything for an empty search', async () => {
    expect(await search('')).toHaveLength(6);
    expect(await search('   ')).toHaveLength(6);
  });
});
