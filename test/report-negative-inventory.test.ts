import { CompiledQuery, type KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { pageNegativeRowsQuery } from '../src/reports/reports.sql.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation, receiveTransferMutation, sendTransferMutation, vendorReturnMutation } from './support/inventory.js';
import { fetchReport, negativeReportQuery, receive, reportRows, sell } from './support/reports.js';

const t = useTestApp({ ledgerInvariant: true });

async function adjust(token: string, shopId: string, itemId: string, quantityChange: number) {
  return expectTypename(
    (await t.run(adjustInventoryMutation, { input: { shopId, itemId, quantityChange } }, token)).adjustInventory,
    'AdjustInventoryPayload',
  );
}

async function sendTransfer(token: string, fromShopId: string, toShopId: string, lines: { itemId: string; quantity: number }[]) {
  return expectTypename(
    (await t.run(sendTransferMutation, { input: { fromShopId, toShopId, lines } }, token)).sendTransfer,
    'SendTransferPayload',
  );
}

describe('episodes', () => {
  it('shows only the current episode: went negative, recovered, went negative again', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token, 'Main street');
    const item = await createItem(t, token, 'EP-1', 'Episode item');
    const recovered = await createItem(t, token, 'EP-2', 'Back to zero');

    await receive(t, token, shop.id, [{ itemId: item.id, quantity: 2 }]);
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 3 }]); // 2 → -1: first episode
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]); // -1 → -2
    await receive(t, token, shop.id, [{ itemId: item.id, quantity: 5 }]); // -2 → 3: recovered
    const crossing = await adjust(token, shop.id, item.id, -4); // 3 → -1: second episode, MANUAL
    const further = await sell(t, token, shop.id, [{ itemId: item.id, quantity: 2 }]); // -1 → -3

    await sell(t, token, shop.id, [{ itemId: recovered.id, quantity: 1 }]);
    await receive(t, token, shop.id, [{ itemId: recovered.id, quantity: 1 }]); // exactly 0 is not negative

    const report = await fetchReport(t, token);
    expect(report.totalCount).toBe(1);
    expect(report.totalNegativeUnits).toBe(3);
    const [row] = report.edges.map((edge) => edge.node);
    expect(row).toMatchObject({ item: { id: item.id }, shop: { id: shop.id }, quantityOnHand: -3, reason: 'MANUAL', inTransitQuantity: 0 });
    expect(row!.wentNegativeAt).toBe(crossing.alerts[0]!.occurredAt);
    expect(
      row!.negativeAdjustments.map((adjustment) => [
        adjustment.reason,
        adjustment.quantityBefore,
        adjustment.quantityChange,
        adjustment.quantityAfter,
      ]),
    ).toEqual([
      ['MANUAL', 3, -4, -1],
      ['SALE', -1, -2, -3],
    ]);
    expect(row!.negativeAdjustments[0]!.id).toBe(crossing.adjustment.id);
    expect(row!.negativeAdjustments[0]!.createdAt).toBe(row!.wentNegativeAt);
    expect(row!.negativeAdjustments[1]!.source).toEqual({ __typename: 'Sale', id: further.sale.id });
    expect(row!.negativeAdjustments.at(-1)!.quantityAfter).toBe(row!.quantityOnHand);
  });

  it('starts an episode from a pair that was never recorded, and names the reason it began with', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const [shop, other] = [await createShop(t, token, 'A shop'), await createShop(t, token, 'B shop')];
    const item = await createItem(t, token, 'FRESH-1');
    const sent = await sendTransfer(token, shop.id, other.id, [{ itemId: item.id, quantity: 2 }]);
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]);
    const [row] = (await fetchReport(t, token)).edges.map((edge) => edge.node);
    expect(row).toMatchObject({ quantityOnHand: -3, reason: 'TRANSFER_OUT' });
    expect(row!.negativeAdjustments.map((adjustment) => [adjustment.reason, adjustment.quantityBefore])).toEqual([
      ['TRANSFER_OUT', 0],
      ['SALE', -2],
    ]);
    expect(row!.negativeAdjustments[0]!.source).toEqual({ __typename: 'Transfer', id: sent.transfer.id });
  });
});

describe('in transit', () => {
  it('sums the units on transfers sent to the shop and not yet received', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const [store, warehouse, elsewhere] = [
      await createShop(t, token, 'Store'),
      await createShop(t, token, 'Warehouse'),
      await createShop(t, token, 'Elsewhere'),
    ];
    const item = await createItem(t, token, 'TRANSIT-1');
    await receive(t, token, warehouse.id, [{ itemId: item.id, quantity: 100 }]);
    await sell(t, token, store.id, [{ itemId: item.id, quantity: 7 }]);
    const first = await sendTransfer(token, warehouse.id, store.id, [
      { itemId: item.id, quantity: 3 },
      { itemId: item.id, quantity: 1 },
    ]);
    await sendTransfer(token, warehouse.id, store.id, [{ itemId: item.id, quantity: 2 }]);
    await sendTransfer(token, warehouse.id, elsewhere.id, [{ itemId: item.id, quantity: 50 }]);

    const rowOf = async () => (await fetchReport(t, token, { shopId: store.id })).edges[0]?.node;
    expect(await rowOf()).toMatchObject({ quantityOnHand: -7, inTransitQuantity: 6 });

    const received = await t.run(receiveTransferMutation, { input: { transferId: first.transfer.id } }, token);
    expect(received.receiveTransfer.__typename).toBe('ReceiveTransferPayload');
    const row = await rowOf();
    expect(row).toMatchObject({ quantityOnHand: -3, inTransitQuantity: 2 });
    // Receiving is part of the episode: it did not bring the quantity back to zero.
    expect(row!.negativeAdjustments.map((adjustment) => adjustment.reason)).toEqual(['SALE', 'TRANSFER_IN']);
  });
});

describe('filters, order and pagination', () => {
  async function catalogue() {
    const account = await createAccount(t);
    const token = account.adminToken;
    const north = await createShop(t, token, 'North');
    const south = await createShop(t, token, 'South');
    const items = {
      boots: await createItem(t, token, 'BOOT-01', 'Hiking boots'),
      boots2: await createItem(t, token, 'BOOT-02', 'Winter BOOTS'),
      percent: await createItem(t, token, 'DISC-100%', 'Gift card 100% off'),
      underscore: await createItem(t, token, 'A_B', 'Literal underscore'),
      axb: await createItem(t, token, 'AXB', 'No underscore'),
      hat: await createItem(t, token, 'HAT-1', 'Wool hat'),
      positive: await createItem(t, token, 'POS-1', 'Has stock'),
    };
    await receive(t, token, north.id, [{ itemId: items.positive.id, quantity: 10 }]);
    await sell(t, token, north.id, [
      { itemId: items.boots.id, quantity: 2 },
      { itemId: items.boots2.id, quantity: 2 },
      { itemId: items.percent.id, quantity: 1 },
      { itemId: items.positive.id, quantity: 1 },
    ]);
    await sell(t, token, south.id, [
      { itemId: items.boots.id, quantity: 2 },
      { itemId: items.underscore.id, quantity: 5 },
    ]);
    await sendTransfer(token, south.id, north.id, [{ itemId: items.axb.id, quantity: 3 }]);
    expectTypename(
      (
        await t.run(
          vendorReturnMutation,
          { input: { shopId: north.id, vendor: 'Hatters', lines: [{ itemId: items.hat.id, quantity: 1 }] } },
          token,
        )
      ).vendorReturn,
      'VendorReturnPayload',
    );
    return { account, token, north, south, items };
  }

  it('orders by quantity on hand, then SKU, then shop, and pages through every row exactly once', async () => {
    const { token, north, south, items } = await catalogue();
    const all = await fetchReport(t, token);
    const order = all.edges.map((edge) => [edge.node.quantityOnHand, edge.node.item.sku, edge.node.shop.name]);
    expect(order).toEqual([
      [-5, 'A_B', 'South'],
      [-3, 'AXB', 'South'],
      [-2, 'BOOT-01', 'North'],
      [-2, 'BOOT-01', 'South'],
      [-2, 'BOOT-02', 'North'],
      [-1, 'DISC-100%', 'North'],
      [-1, 'HAT-1', 'North'],
    ]);
    expect(all.totalCount).toBe(7);
    expect(all.totalNegativeUnits).toBe(16);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(Date.now() - Date.parse(all.generatedAt)).toBeLessThan(60_000);

    for (const first of [1, 2, 3, 6]) {
      const pages = [];
      let after: string | undefined;
      for (;;) {
        const page = await fetchReport(t, token, { first, ...(after ? { after } : {}) });
        // Totals describe the whole report on every page.
        expect([page.totalCount, page.totalNegativeUnits]).toEqual([7, 16]);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
        expect(page.edges.length).toBeLessThanOrEqual(first);
        pages.push(...page.edges);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
      }
      expect(pages.map((edge) => edge.cursor)).toEqual(all.edges.map((edge) => edge.cursor));
    }

    const empty = await fetchReport(t, token, { first: 0 });
    expect(empty.edges).toEqual([]);
    expect(empty.totalCount).toBe(7);
    expect(items.positive.id).toBeTruthy();
    expect([north.id, south.id]).toHaveLength(2);
  });

  it('filters by shop, by SKU or name (case-insensitive, % and _ literal) and by the reason the episode began', async () => {
    const { token, north, south } = await catalogue();
    const skus = async (variables: Parameters<typeof fetchReport>[2]) => {
      const rows = await reportRows(t, token, variables, 2);
      const report = await fetchReport(t, token, variables);
      expect(report.totalCount).toBe(rows.length);
      expect(report.totalNegativeUnits).toBe(rows.reduce((sum, row) => sum - row.quantityOnHand, 0));
      return rows.map((row) => `${row.item.sku}@${row.shop.name}`);
    };
    expect(await skus({ shopId: south.id })).toEqual(['A_B@South', 'AXB@South', 'BOOT-01@South']);
    expect(await skus({ shopId: north.id })).toEqual(['BOOT-01@North', 'BOOT-02@North', 'DISC-100%@North', 'HAT-1@North']);
    expect(await skus({ search: 'boots' })).toEqual(['BOOT-01@North', 'BOOT-01@South', 'BOOT-02@North']);
    expect(await skus({ search: '  boot-0  ' })).toEqual(['BOOT-01@North', 'BOOT-01@South', 'BOOT-02@North']);
    expect(await skus({ search: '100%' })).toEqual(['DISC-100%@North']);
    expect(await skus({ search: '%' })).toEqual(['DISC-100%@North']);
    expect(await skus({ search: 'a_b' })).toEqual(['A_B@South']);
    expect(await skus({ search: '_' })).toEqual(['A_B@South']);
    expect(await skus({ reasons: ['TRANSFER_OUT'] })).toEqual(['AXB@South']);
    expect(await skus({ reasons: ['VENDOR_RETURN', 'TRANSFER_OUT'] })).toEqual(['AXB@South', 'HAT-1@North']);
    expect(await skus({ reasons: [] })).toEqual([]);
    expect(await skus({ shopId: north.id, search: 'boot', reasons: ['SALE'] })).toEqual(['BOOT-01@North', 'BOOT-02@North']);
    expect(await skus({ search: 'nothing like this' })).toEqual([]);
  });
});

describe('access and bad input', () => {
  it('is readable by every employee and by partner keys, and only shows the account’s own rows', async () => {
    const account = await createAccount(t);
    const stranger = await createAccount(t);
    const shop = await createShop(t, account.adminToken);
    const item = await createItem(t, account.adminToken);
    await sell(t, account.adminToken, shop.id, [{ itemId: item.id, quantity: 1 }]);
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const partner = await createApiKey(t, account.adminToken);
    for (const token of [cashier.token, partner.token, account.adminToken]) {
      expect((await fetchReport(t, token)).totalCount).toBe(1);
    }
    expect((await fetchReport(t, stranger.adminToken)).totalCount).toBe(0);
    expect(errorCodes(await t.execute(negativeReportQuery, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a shopId that is not a shop of the account with BAD_USER_INPUT carrying the ID, and a bad cursor too', async () => {
    const account = await createAccount(t);
    const stranger = await createAccount(t);
    const foreignShop = await createShop(t, stranger.adminToken);
    const item = await createItem(t, account.adminToken);
    for (const shopId of ['not-an-id', foreignShop.id, item.id]) {
      const result = await t.execute(negativeReportQuery, { shopId }, account.adminToken);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions).toMatchObject({ argument: 'shopId', id: shopId });
    }
    for (const after of ['garbage', Buffer.from(JSON.stringify([1])).toString('base64url')]) {
      expect(errorCodes(await t.execute(negativeReportQuery, { after }, account.adminToken))).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await t.execute(negativeReportQuery, { first: 501 }, account.adminToken))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('cost', () => {
  it('issues the same number of SQL statements for a 50-row page as for a 5-row page (no N+1)', async () => {
    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        // The server's periodic look at the ledger horizon (HorizonMonitor) is no request's work.
        const { node } = args;
        const horizonCheck = node.kind === 'RawNode' && node.sqlFragments.some((fragment) => fragment.includes('pg_stat_activity'));
        if (!horizonCheck) statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    // A second app on the suite's database whose Kysely counts every statement it compiles.
    const counted = await t.startInstance({ db: t.db.withPlugin(counter) });
    const account = await createAccount(t);
    const token = account.adminToken;
    const [shop, other] = [await createShop(t, token), await createShop(t, token)];
    const cashier = await createEmployee(t, token, 'CASHIER');
    const items = [];
    for (let index = 0; index < 55; index++) items.push(await createItem(t, token, `N1-${String(index).padStart(3, '0')}`));
    // Every row gets the same kinds of history: a sale by the cashier, a transfer out, a
    // manual adjustment, and a transfer in transit to it.
    await sell(
      t,
      cashier.token,
      shop.id,
      items.map((item, index) => ({ itemId: item.id, quantity: 1 + (index % 7) })),
    );
    await sendTransfer(
      token,
      shop.id,
      other.id,
      items.map((item) => ({ itemId: item.id, quantity: 1 })),
    );
    await sendTransfer(
      token,
      other.id,
      shop.id,
      items.map((item) => ({ itemId: item.id, quantity: 1 })),
    );
    for (const item of items.slice(0, 3)) await adjust(token, shop.id, item.id, -1);

    const statementsFor = async (first: number) => {
      statements = 0;
      const body = await counted.execute(negativeReportQuery, { shopId: shop.id, first }, token);
      expect(body.errors).toBeUndefined();
      const edges = body.data!.negativeInventoryReport.edges;
      expect(edges).toHaveLength(first);
      return { statements, adjustments: edges.reduce((sum, edge) => sum + edge.node.negativeAdjustments.length, 0) };
    };
    // The first request also looks its token up; later ones find it in the caller cache.
    await statementsFor(5);
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(large.adjustments).toBeGreaterThan(small.adjustments * 5);
    expect(small.statements).toBeGreaterThan(5);
    expect(large.statements).toBe(small.statements);
    // authenticate, shop filter, page, episodes, in transit, totals, then one batch each for
    // items, shops, employees, sources (sales, transfers).
    expect(large.statements).toBeLessThanOrEqual(14);
  });

  it('reads the negative rows through the partial index, not the catalogue', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const accountId = decodeId(account.accountId, 'Account')!;
    // A catalogue of 2,000 items in stock (inserted directly: only their levels matter here).
    const inserted = await t.db
      .insertInto('items')
      .values(Array.from({ length: 2000 }, (_, index) => ({ account_id: accountId, sku: `CAT-${index}`, name: `Catalogue ${index}` })))
      .returning('id')
      .execute();
    const itemIds = inserted.map((row) => `${row.id}`);
    const { encodeId } = await import('../src/node/global-id.js');
    for (let start = 0; start < itemIds.length; start += 500) {
      await receive(
        t,
        token,
        shop.id,
        itemIds.slice(start, start + 500).map((id) => ({ itemId: encodeId('Item', id), quantity: 5 })),
      );
    }
    await sell(t, token, shop.id, [{ itemId: encodeId('Item', itemIds[7]!), quantity: 6 }]);
    await t.db.executeQuery(CompiledQuery.raw('analyze'));

    const query = pageNegativeRowsQuery(
      t.db,
      { accountId, shopId: null, search: null, reasons: null },
      { after: null, limit: 51 },
    ).compile();
    const plan = await t.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    // One of the partial indexes of negative rows (which one depends on the statistics), never a
    // scan of all the levels.
    expect(text).toMatch(/inventory_levels_negative\w*_idx/);
    expect(text).not.toMatch(/Seq Scan on inventory_levels/);
    expect((await fetchReport(t, token)).totalCount).toBe(1);
  });
});
