import { describe, expect, it } from 'vitest';
import { createAccount, createApiKey, createEmployee, createItem, createShop } from './support/fixtures.js';
import { expectTypename, useTestApp } from './support/harness.js';
import { sendTransferMutation } from './support/inventory.js';
import { fetchCsv, insertItems, receive, reportRows, sell } from './support/reports.js';

const t = useTestApp({ ledgerInvariant: true });

const path = '/reports/negative-inventory.csv';

/** The CSV lines the GraphQL report implies: one per negative adjustment, in the report's order. */
function expectedLines(rows: Awaited<ReturnType<typeof reportRows>>) {
  return rows.flatMap((row) =>
    row.negativeAdjustments.map((adjustment) => [
      adjustment.id,
      adjustment.createdAt,
      row.item.sku,
      row.item.name,
      row.shop.name,
      adjustment.reason,
      String(adjustment.quantityChange),
      String(adjustment.quantityAfter),
      String(row.quantityOnHand),
      String(row.inTransitQuantity),
      adjustment.employee?.name ?? '',
    ]),
  );
}

async function oversoldShops() {
  const account = await createAccount(t);
  const token = account.adminToken;
  const cashier = await createEmployee(t, token, 'CASHIER');
  const [store, warehouse] = [await createShop(t, token, 'Store, "downtown"'), await createShop(t, token, 'Warehouse')];
  const comma = await createItem(t, token, 'C-1', 'Chair, oak');
  const quote = await createItem(t, token, 'Q-1', 'The "best" lamp');
  const newline = await createItem(t, token, 'N-1', 'Two\nlines');
  const plain = await createItem(t, token, 'P-1', 'Plain');
  await receive(t, token, store.id, [{ itemId: plain.id, quantity: 1 }]);
  await sell(t, cashier.token, store.id, [
    { itemId: comma.id, quantity: 2 },
    { itemId: quote.id, quantity: 1 },
    { itemId: plain.id, quantity: 3 },
  ]);
  await sell(t, token, store.id, [{ itemId: comma.id, quantity: 1 }]);
  await sell(t, token, warehouse.id, [
    { itemId: newline.id, quantity: 4 },
    { itemId: comma.id, quantity: 1 },
  ]);
  await receive(t, token, warehouse.id, [{ itemId: plain.id, quantity: 9 }]);
  expectTypename(
    (
      await t.run(
        sendTransferMutation,
        { input: { fromShopId: warehouse.id, toShopId: store.id, lines: [{ itemId: plain.id, quantity: 1 }] } },
        token,
      )
    ).sendTransfer,
    'SendTransferPayload',
  );
  return { account, token, cashier, store, warehouse, items: { comma, quote, newline, plain } };
}

describe('GET /reports/negative-inventory.csv', () => {
  it('streams the whole report, one line per negative adjustment, equal to the GraphQL result', async () => {
    const { token } = await oversoldShops();
    const rows = await reportRows(t, token);
    const { response, header, records, text } = await fetchCsv(t, path, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="negative-inventory-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(header).toEqual([
      'Adjustment ID',
      'Date',
      'SKU',
      'Item',
      'Shop',
      'Reason',
      'Quantity change',
      'Quantity after',
      'Quantity on hand',
      'In transit',
      'Employee',
    ]);
    // RFC 4180: CRLF after every record; quotes doubled inside quoted fields.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"The ""best"" lamp"');
    expect(text).toContain('"Store, ""downtown"""');
    expect(text).toContain('"Two\nlines"');
    expect(records).toEqual(expectedLines(rows));
    expect(records.length).toBe(6);
    expect(records.find((record) => record[2] === 'P-1')).toEqual(expect.arrayContaining(['CASHIER person', '1']));
  });

  it('takes the same filters as the GraphQL field', async () => {
    const { token, store, warehouse } = await oversoldShops();
    for (const [query, variables] of [
      [`shopId=${encodeURIComponent(store.id)}`, { shopId: store.id }],
      [`shopId=${encodeURIComponent(warehouse.id)}&search=chair`, { shopId: warehouse.id, search: 'chair' }],
      ['search=%22best%22', { search: '"best"' }],
      ['reasons=SALE', { reasons: ['SALE'] as const }],
      ['reasons=TRANSFER_OUT,VENDOR_RETURN', { reasons: ['TRANSFER_OUT', 'VENDOR_RETURN'] as const }],
      ['reasons=', {}],
    ] as const) {
      const { records, response } = await fetchCsv(t, `${path}?${query}`, token);
      expect(response.status).toBe(200);
      expect(records).toEqual(
        expectedLines(await reportRows(t, token, { ...variables, reasons: 'reasons' in variables ? [...variables.reasons] : undefined })),
      );
    }
  });

  it('streams a report larger than one chunk in order, each line once', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const items = await insertItems(
      t.db,
      account.accountId,
      Array.from({ length: 450 }, (_, index) => `BIG-${String(index).padStart(3, '0')}`),
    );
    await sell(
      t,
      token,
      shop.id,
      items.map((item, index) => ({ itemId: item.id, quantity: 1 + (index % 4) })),
    );
    await sell(
      t,
      token,
      shop.id,
      items.slice(0, 100).map((item) => ({ itemId: item.id, quantity: 1 })),
    );
    const rows = await reportRows(t, token, {}, 100);
    expect(rows).toHaveLength(450);
    const { records } = await fetchCsv(t, path, token);
    expect(records).toHaveLength(550);
    expect(records).toEqual(expectedLines(rows));
  });

  it('answers 401 without a valid token, 400 for bad filters, and lets partner keys and cashiers read', async () => {
    const { token, cashier } = await oversoldShops();
    const stranger = await createAccount(t);
    const foreignShop = await createShop(t, stranger.adminToken);
    const partner = await createApiKey(t, token);
    for (const bad of [undefined, 'wrong-token']) {
      const { response, text } = await fetchCsv(t, path, bad);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    for (const reader of [partner.token, cashier.token]) {
      const { response, records } = await fetchCsv(t, path, reader);
      expect(response.status).toBe(200);
      expect(records).toHaveLength(6);
    }
    expect((await fetchCsv(t, path, stranger.adminToken)).records).toEqual([]);
    for (const query of [`shopId=${encodeURIComponent(foreignShop.id)}`, 'shopId=garbage', 'reasons=SALE,THEFT']) {
      const { response, text } = await fetchCsv(t, `${path}?${query}`, token);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});
