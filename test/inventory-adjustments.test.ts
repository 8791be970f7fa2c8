import { describe, expect, it } from 'vitest';
import { decodeId, encodeId } from '../src/node/global-id.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation, sendTransferMutation, vendorReturnMutation } from './support/inventory.js';
import { fetchCsv, insertItems, ledgerQuery, receive, sell } from './support/reports.js';
import type { InventoryAdjustmentFilter } from './gql/graphql.js';

const t = useTestApp({ poolSize: 12, ledgerInvariant: true });

type LedgerNode = Awaited<ReturnType<typeof ledgerPages>>[number];

/** Every adjustment the filter selects, `first` at a time; fails on a repeated row. */
async function ledgerPages(token: string, filter: InventoryAdjustmentFilter | undefined, first = 500) {
  const nodes = [];
  let after: string | undefined;
  for (;;) {
    const page = (await t.run(ledgerQuery, { filter, first, ...(after ? { after } : {}) }, token)).inventoryAdjustments;
    expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor!;
  }
  expect(new Set(nodes.map((node) => node.id)).size).toBe(nodes.length);
  return nodes;
}

/** The account's ledger rows straight from the table, oldest first. */
async function tableRows(account: TestAccount) {
  return (
    t.db
      .selectFrom('inventory_adjustments')
      .selectAll()
      .where('account_id', '=', decodeId(account.accountId, 'Account')!)
      // The ledger's order (src/inventory/ledger-order.ts).
      .orderBy('epoch')
      .orderBy('xid')
      .orderBy('id')
      .execute()
  );
}

async function history() {
  const account = await createAccount(t);
  const token = account.adminToken;
  const [north, south] = [await createShop(t, token, 'North'), await createShop(t, token, 'South')];
  const [shirt, socks] = [await createItem(t, token, 'SHIRT', 'Shirt, "oxford"'), await createItem(t, token, 'SOCKS', 'Socks\nwool')];
  await receive(t, token, north.id, [{ itemId: shirt.id, quantity: 3 }]);
  await sell(t, token, north.id, [
    { itemId: shirt.id, quantity: 5 },
    { itemId: socks.id, quantity: 1 },
  ]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expectTypename(
    (
      await t.run(
        sendTransferMutation,
        { input: { fromShopId: north.id, toShopId: south.id, lines: [{ itemId: socks.id, quantity: 2 }] } },
        token,
      )
    ).sendTransfer,
    'SendTransferPayload',
  );
  expectTypename(
    (await t.run(vendorReturnMutation, { input: { shopId: south.id, vendor: 'Acme', lines: [{ itemId: shirt.id, quantity: 1 }] } }, token))
      .vendorReturn,
    'VendorReturnPayload',
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  expectTypename(
    (
      await t.run(
        adjustInventoryMutation,
        { input: { shopId: north.id, itemId: shirt.id, quantityChange: 4, note: 'found, behind "the" shelf' } },
        token,
      )
    ).adjustInventory,
    'AdjustInventoryPayload',
  );
  await sell(t, token, south.id, [{ itemId: socks.id, quantity: 1 }]);
  return { account, token, north, south, shirt, socks };
}

describe('inventoryAdjustments', () => {
  it('lists the whole ledger oldest first, each row once at any page size', async () => {
    const { account, token } = await history();
    const rows = await tableRows(account);
    const all = await ledgerPages(token, undefined);
    expect(all.map((node) => decodeId(node.id, 'InventoryAdjustment'))).toEqual(rows.map((row) => row.id));
    for (const first of [1, 2, 3]) {
      expect((await ledgerPages(token, undefined, first)).map((node) => node.id)).toEqual(all.map((node) => node.id));
    }
    expect(all[0]).toMatchObject({ reason: 'RECEIVING', quantityBefore: 0, quantityChange: 3, quantityAfter: 3, source: null });
    expect(all.find((node) => node.reason === 'MANUAL')?.note).toBe('found, behind "the" shelf');
    expect(all.find((node) => node.reason === 'TRANSFER_OUT')?.source?.__typename).toBe('Transfer');
    expect(all.find((node) => node.reason === 'VENDOR_RETURN')?.source?.__typename).toBe('VendorReturn');
  });

  it('filters by shop, item, reasons, time (since inclusive, until exclusive) and negativeOnly', async () => {
    const { account, token, north, south, shirt, socks } = await history();
    const rows = await tableRows(account);
    const ids = (nodes: LedgerNode[]) => nodes.map((node) => decodeId(node.id, 'InventoryAdjustment'));
    const expectFilter = async (filter: InventoryAdjustmentFilter, keep: (row: (typeof rows)[number]) => boolean) => {
      const expected = rows.filter(keep).map((row) => row.id);
      expect(ids(await ledgerPages(token, filter, 2))).toEqual(expected);
      return expected;
    };
    const northId = decodeId(north.id, 'Shop');
    const southId = decodeId(south.id, 'Shop');
    const shirtId = decodeId(shirt.id, 'Item');
    expect(await expectFilter({ shopId: south.id }, (row) => row.shop_id === southId)).toHaveLength(2);
    expect(await expectFilter({ itemId: shirt.id }, (row) => row.item_id === shirtId)).toHaveLength(4);
    await expectFilter({ itemId: socks.id, shopId: north.id }, (row) => row.item_id !== shirtId && row.shop_id === northId);
    expect(
      await expectFilter({ reasons: ['SALE', 'VENDOR_RETURN'] }, (row) => ['SALE', 'VENDOR_RETURN'].includes(row.reason)),
    ).toHaveLength(4);
    await expectFilter({ reasons: [] }, () => false);
    expect(await expectFilter({ negativeOnly: true }, (row) => row.quantity_after < 0)).toHaveLength(5);
    await expectFilter({ negativeOnly: false }, () => true);

    const boundary = rows.find((row) => row.reason === 'TRANSFER_OUT')!.created_at;
    const since = await expectFilter({ since: boundary.toISOString() }, (row) => row.created_at >= boundary);
    const until = await expectFilter({ until: boundary.toISOString() }, (row) => row.created_at < boundary);
    expect(since.length).toBeGreaterThan(0);
    expect(until.length).toBeGreaterThan(0);
    expect([...until, ...since]).toEqual(rows.map((row) => row.id));
    await expectFilter(
      { since: boundary.toISOString(), until: new Date(boundary.getTime() + 1).toISOString(), reasons: ['TRANSFER_OUT'] },
      (row) => row.created_at.getTime() === boundary.getTime() && row.reason === 'TRANSFER_OUT',
    );
  });

  it('is readable by partner keys and every employee, scoped to the account; foreign or bad IDs are BAD_USER_INPUT', async () => {
    const { account, token, north } = await history();
    const stranger = await createAccount(t);
    const strangerShop = await createShop(t, stranger.adminToken);
    const partner = await createApiKey(t, token);
    const cashier = await createEmployee(t, token, 'CASHIER');
    const count = (await tableRows(account)).length;
    expect(await ledgerPages(partner.token, undefined)).toHaveLength(count);
    expect(await ledgerPages(cashier.token, undefined)).toHaveLength(count);
    expect(await ledgerPages(stranger.adminToken, undefined)).toHaveLength(0);
    expect(errorCodes(await t.execute(ledgerQuery, {}))).toEqual(['UNAUTHENTICATED']);

    for (const filter of [{ shopId: strangerShop.id }, { shopId: 'nope' }, { itemId: north.id }]) {
      const result = await t.execute(ledgerQuery, { filter }, token);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions?.['id']).toBe(Object.values(filter)[0]);
    }
    expect(errorCodes(await t.execute(ledgerQuery, { after: 'not-a-cursor' }, token))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.execute(ledgerQuery, { filter: { since: 'yesterday' } }, token)).length).toBe(1);
  });

  it('never skips or repeats a row while sales are being written', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const items = await insertItems(
      t.db,
      account.accountId,
      Array.from({ length: 6 }, (_, index) => `RACE-${index}`),
    );
    const cashiers = await Promise.all(Array.from({ length: 4 }, () => createEmployee(t, token, 'CASHIER')));
    let writing = true;
    const writers = Promise.all(
      cashiers.map(async (cashier, worker) => {
        for (let sale = 0; sale < 15; sale++) {
          // A sale is one statement now: on PGlite, in-process writers would otherwise keep the
          // reader from running until they are all done.
          await new Promise((resolve) => setImmediate(resolve));
          // Several lines in different orders, so writers contend for the same rows.
          const lines = [items[(worker + sale) % 6]!, items[(worker * 2 + sale + 1) % 6]!, items[(sale + 3) % 6]!].map((item) => ({
            itemId: item.id,
            quantity: 1 + ((worker + sale) % 3),
          }));
          await sell(t, cashier.token, shop.id, lines);
        }
      }),
    ).finally(() => {
      writing = false;
    });

    const seen: string[] = [];
    let after: string | undefined;
    let pagesWhileWriting = 0;
    for (;;) {
      const stillWriting = writing;
      const page = (await t.run(ledgerQuery, { first: 5, ...(after ? { after } : {}) }, token)).inventoryAdjustments;
      seen.push(...page.edges.map((edge) => edge.node.id));
      if (page.edges.length > 0) after = page.pageInfo.endCursor!;
      if (stillWriting) pagesWhileWriting++;
      // Only stop once a page read after the writers finished says there is no more.
      if (!stillWriting && !page.pageInfo.hasNextPage) break;
      if (!page.pageInfo.hasNextPage) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writers;
    expect(pagesWhileWriting).toBeGreaterThan(1);
    const table = (await tableRows(account)).map((row) => encodeId('InventoryAdjustment', row.id));
    expect(table.length).toBeGreaterThan(60);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(table);
  });
});

describe('GET /ledger.csv', () => {
  it('streams the same rows as the GraphQL field, RFC 4180 quoted, filters included', async () => {
    const { account, token, south } = await history();
    const all = await ledgerPages(token, undefined);
    const { response, header, records, text } = await fetchCsv(t, '/ledger.csv', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"Shirt, ""oxford"""');
    expect(header).toEqual([
      'Adjustment ID',
      'Date',
      'SKU',
      'Item',
      'Shop',
      'Reason',
      'Quantity change',
      'Quantity before',
      'Quantity after',
      'Source type',
      'Source ID',
      'Employee',
      'Note',
    ]);
    const names = Object.fromEntries(
      (
        await t.db.selectFrom('items').select(['sku', 'name']).where('account_id', '=', decodeId(account.accountId, 'Account')!).execute()
      ).map((item) => [item.sku, item.name]),
    );
    const shops = Object.fromEntries(
      (await t.db.selectFrom('shops').select(['id', 'name']).execute()).map((shop) => [encodeId('Shop', shop.id), shop.name]),
    );
    expect(records).toEqual(
      all.map((node) => [
        node.id,
        node.createdAt,
        node.item.sku,
        names[node.item.sku],
        shops[node.shop.id],
        node.reason,
        String(node.quantityChange),
        String(node.quantityBefore),
        String(node.quantityAfter),
        node.source
          ? { Sale: 'SALE', Transfer: 'TRANSFER', VendorReturn: 'VENDOR_RETURN', InventoryCount: 'INVENTORY_COUNT' }[
              node.source.__typename as string
            ]
          : '',
        node.source?.id ?? '',
        node.employee?.name ?? '',
        node.note ?? '',
      ]),
    );
    expect(records.some((record) => record[3] === 'Socks\nwool')).toBe(true);

    const filtered = await fetchCsv(
      t,
      `/ledger.csv?shopId=${encodeURIComponent(south.id)}&reasons=SALE,VENDOR_RETURN&negativeOnly=true`,
      token,
    );
    const expected = await ledgerPages(token, { shopId: south.id, reasons: ['SALE', 'VENDOR_RETURN'], negativeOnly: true });
    expect(filtered.records.map((record) => record[0])).toEqual(expected.map((node) => node.id));
    expect(expected.length).toBeGreaterThan(0);

    const boundary = all[3]!.createdAt;
    const timed = await fetchCsv(
      t,
      `/ledger.csv?since=${encodeURIComponent(boundary)}&until=${encodeURIComponent(all.at(-1)!.createdAt)}`,
      token,
    );
    const timedExpected = await ledgerPages(token, { since: boundary, until: all.at(-1)!.createdAt });
    expect(timed.records.map((record) => record[0])).toEqual(timedExpected.map((node) => node.id));
  });

  it('pages through a ledger larger than one chunk without losing or repeating a line', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const items = await insertItems(
      t.db,
      account.accountId,
      Array.from({ length: 500 }, (_, index) => `BULK-${String(index).padStart(3, '0')}`),
    );
    for (let round = 0; round < 3; round++)
      await sell(
        t,
        token,
        shop.id,
        items.map((item) => ({ itemId: item.id, quantity: 1 })),
      );
    const { records } = await fetchCsv(t, '/ledger.csv', token);
    const table = (await tableRows(account)).map((row) => encodeId('InventoryAdjustment', row.id));
    expect(table).toHaveLength(1500);
    expect(records.map((record) => record[0])).toEqual(table);
  });

  it('needs a token of the account: 401 without one, 400 for a bad filter, partner keys allowed', async () => {
    const { token, north } = await history();
    const partner = await createApiKey(t, token);
    const missing = await fetchCsv(t, '/ledger.csv');
    expect(missing.response.status).toBe(401);
    expect(JSON.parse(missing.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetchCsv(t, '/ledger.csv', 'not-a-token')).response.status).toBe(401);
    expect((await fetchCsv(t, '/ledger.csv', partner.token)).response.status).toBe(200);
    for (const query of [
      'reasons=SALE,NOPE',
      'shopId=bad',
      `itemId=${encodeURIComponent(north.id)}`,
      'since=yesterday',
      'negativeOnly=maybe',
    ]) {
      const bad = await fetchCsv(t, `/ledger.csv?${query}`, token);
      expect(bad.response.status).toBe(400);
      expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
