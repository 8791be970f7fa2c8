import { beforeAll, describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { encodeCursor } from '../src/schema/pagination.js';
import { graphql } from './gql/index.js';
import { createAccount, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { errorCodes, useTestApp } from './support/harness.js';
import { fetchCsv, negativeReportQuery, sell } from './support/reports.js';

// Arguments past what can be searched or compared are the client's error (BAD_USER_INPUT), and a
// report total past GraphQL's Int is an error that says so: never an internal error.

const itemsQuery = graphql(`
  query HardeningRangesItems($search: String, $after: String) {
    items(first: 5, search: $search, after: $after) {
      edges {
        node {
          sku
        }
      }
    }
  }
`);

const reportRowsQuery = graphql(`
  query HardeningRangesReportRows($shopId: ID, $after: String) {
    negativeInventoryReport(shopId: $shopId, first: 5, after: $after) {
      edges {
        cursor
        node {
          quantityOnHand
          shop {
            id
          }
        }
      }
    }
  }
`);

const reportTotalsQuery = graphql(`
  query HardeningRangesReportTotals($shopId: ID) {
    negativeInventoryReport(shopId: $shopId) {
      totalCount
      totalNegativeUnits
    }
  }
`);

const t = useTestApp();
let account: TestAccount;
beforeAll(async () => {
  account = await createAccount(t);
});

describe('search', () => {
  it('is at most 200 characters, for items and for the report, in GraphQL and in the CSV export', async () => {
    await createItem(t, account.adminToken, 'LONG-1', 'Long name');
    const longest = 'x'.repeat(200);
    const tooLong = 'x'.repeat(201);
    expect((await t.run(itemsQuery, { search: longest }, account.adminToken)).items.edges).toEqual([]);
    // Surrounding blanks don't count.
    expect((await t.run(itemsQuery, { search: `  ${'LONG-1'.padEnd(200, ' ')}  ` }, account.adminToken)).items.edges).toEqual([
      { node: { sku: 'LONG-1' } },
    ]);
    expect((await t.run(negativeReportQuery, { search: longest }, account.adminToken)).negativeInventoryReport.edges).toEqual([]);

    const items = await t.execute(itemsQuery, { search: tooLong }, account.adminToken);
    expect(items.errors?.[0]).toMatchObject({
      message: 'search is at most 200 characters.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'search' },
    });
    expect(errorCodes(await t.execute(negativeReportQuery, { search: tooLong }, account.adminToken))).toEqual(['BAD_USER_INPUT']);

    const csv = await fetchCsv(t, `/reports/negative-inventory.csv?search=${tooLong}`, account.adminToken);
    expect(csv.response.status).toBe(400);
    expect(JSON.parse(csv.text).errors[0]).toMatchObject({
      message: 'search is at most 200 characters.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('may not hold NUL, which PostgreSQL text cannot', async () => {
    for (const result of [
      await t.execute(itemsQuery, { search: 'a\u0000b' }, account.adminToken),
      await t.execute(negativeReportQuery, { search: '\u0000' }, account.adminToken),
    ]) {
      expect(result.errors?.[0]).toMatchObject({
        message: 'search may not contain NUL characters.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });
});

describe('cursors', () => {
  it('whose numbers are past 32 bits, or whose text holds NUL, are BAD_USER_INPUT', async () => {
    const shopId = '1';
    for (const quantityOnHand of [2 ** 31, -(2 ** 31) - 1, 2 ** 40, Number.MAX_SAFE_INTEGER, 1.5]) {
      const after = encodeCursor([quantityOnHand, 'SKU', 'Shop', shopId]);
      const result = await t.execute(reportRowsQuery, { after }, account.adminToken);
      expect({ quantityOnHand, result }).toMatchObject({
        quantityOnHand,
        result: {
          data: null,
          errors: [{ message: 'The cursor in `after` is not one this API handed out.', extensions: { code: 'BAD_USER_INPUT' } }],
        },
      });
    }
    for (const after of [encodeCursor(['SKU\u0000', '1']), encodeCursor([-1, 'SKU', 'Shop\u0000', shopId])]) {
      expect(
        errorCodes(await t.execute(itemsQuery, { after }, account.adminToken)).concat(
          errorCodes(await t.execute(reportRowsQuery, { after }, account.adminToken)),
        ),
      ).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    }
    // The ends of the range are quantities a row can have.
    for (const quantityOnHand of [-(2 ** 31), 2 ** 31 - 1]) {
      const after = encodeCursor([quantityOnHand, 'SKU', 'Shop', shopId]);
      expect((await t.execute(reportRowsQuery, { after }, account.adminToken)).errors).toBeUndefined();
    }
  });
});

describe('report totals past the 32-bit range', () => {
  it('are an error that says so, while the rows and smaller totals still answer', async () => {
    const owner = await createAccount(t);
    const [north, south] = [await createShop(t, owner.adminToken, 'North'), await createShop(t, owner.adminToken, 'South')];
    const item = await createItem(t, owner.adminToken, 'HUGE-1');
    await sell(t, owner.adminToken, north.id, [{ itemId: item.id, quantity: 1 }]);
    await sell(t, owner.adminToken, south.id, [{ itemId: item.id, quantity: 1 }]);
    // Quantities no test should reach through the API (that would take thousands of writes):
    // the lowest an integer column holds, and two billion.
    const setQuantity = (shopGlobalId: string, quantity: number) =>
      t.db
        .updateTable('inventory_levels')
        .set({ quantity_on_hand: quantity })
        .where('account_id', '=', decodeId(owner.accountId, 'Account')!)
        .where('shop_id', '=', decodeId(shopGlobalId, 'Shop')!)
        .execute();
    await setQuantity(north.id, -(2 ** 31));
    await setQuantity(south.id, -2_000_000_000);

    const whole = await t.execute(reportTotalsQuery, {}, owner.adminToken);
    expect(whole.data ?? null).toBeNull();
    expect(whole.errors).toEqual([
      expect.objectContaining({
        message:
          'totalNegativeUnits is 4,147,483,648, more than a GraphQL Int holds (2,147,483,647). Narrow the report with shopId, search or reasons.',
        path: ['negativeInventoryReport', 'totalNegativeUnits'],
        extensions: { code: 'VALUE_OUT_OF_RANGE', field: 'totalNegativeUnits' },
      }),
    ]);
    // One shop alone: 2^31 is still one past the range (and negating -2^31 must not overflow in SQL).
    expect(errorCodes(await t.execute(reportTotalsQuery, { shopId: north.id }, owner.adminToken))).toEqual(['VALUE_OUT_OF_RANGE']);
    expect((await t.run(reportTotalsQuery, { shopId: south.id }, owner.adminToken)).negativeInventoryReport).toEqual({
      totalCount: 1,
      totalNegativeUnits: 2_000_000_000,
    });

    // The rows themselves, and paging past the lowest quantity, are fine.
    const page = (await t.run(reportRowsQuery, {}, owner.adminToken)).negativeInventoryReport.edges;
    expect(page.map((edge) => edge.node.quantityOnHand)).toEqual([-(2 ** 31), -2_000_000_000]);
    const rest = await t.run(reportRowsQuery, { after: page[0]!.cursor }, owner.adminToken);
    expect(rest.negativeInventoryReport.edges.map((edge) => edge.node.shop.id)).toEqual([south.id]);
  });
});
