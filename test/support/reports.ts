import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import type { DB } from '../../src/db/database.js';
import { decodeId, encodeId } from '../../src/node/global-id.js';
import { graphql } from '../gql/index.js';
import { expectTypename, type TestApp } from './harness.js';
import { receiveStockMutation, recordSaleMutation } from './inventory.js';

// Operations and helpers of the report, ledger and count suites.

export const adjustmentFields = graphql(`
  fragment ReportAdjustmentFields on InventoryAdjustment {
    id
    item {
      id
      sku
    }
    shop {
      id
    }
    quantityChange
    quantityBefore
    quantityAfter
    reason
    source {
      __typename
      id
    }
    employee {
      id
      name
    }
    note
    createdAt
  }
`);

export const negativeReportQuery = graphql(`
  query NegativeReport($shopId: ID, $search: String, $reasons: [AdjustmentReason!], $first: Int, $after: String) {
    negativeInventoryReport(shopId: $shopId, search: $search, reasons: $reasons, first: $first, after: $after) {
      totalCount
      totalNegativeUnits
      generatedAt
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
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
          wentNegativeAt
          reason
          inTransitQuantity
          negativeAdjustments {
            ...ReportAdjustmentFields
          }
        }
      }
    }
  }
`);

export const ledgerQuery = graphql(`
  query Ledger($filter: InventoryAdjustmentFilter, $first: Int, $after: String) {
    inventoryAdjustments(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...ReportAdjustmentFields
        }
      }
    }
  }
`);

export const countFields = graphql(`
  fragment CountFields on InventoryCount {
    id
    name
    status
    shop {
      id
    }
    lines {
      item {
        id
      }
      countedQuantity
    }
    createdAt
    reconciledAt
  }
`);

export const startCountMutation = graphql(`
  mutation StartCount($input: StartInventoryCountInput!) {
    startInventoryCount(input: $input) {
      __typename
      ... on StartInventoryCountPayload {
        count {
          ...CountFields
        }
      }
      ... on ValidationError {
        message
        field
      }
      ... on NotFoundError {
        message
        id
      }
    }
  }
`);

export const recordCountMutation = graphql(`
  mutation RecordCount($input: RecordInventoryCountInput!) {
    recordInventoryCount(input: $input) {
      __typename
      ... on RecordInventoryCountPayload {
        count {
          ...CountFields
        }
      }
      ... on ValidationError {
        message
        field
      }
      ... on NotFoundError {
        message
        id
      }
      ... on InventoryCountClosedError {
        message
      }
    }
  }
`);

export const reconcileCountMutation = graphql(`
  mutation ReconcileCount($input: ReconcileInventoryCountInput!) {
    reconcileInventoryCount(input: $input) {
      __typename
      ... on ReconcileInventoryCountPayload {
        count {
          ...CountFields
        }
        adjustments {
          ...ReportAdjustmentFields
        }
      }
      ... on NotFoundError {
        message
        id
      }
      ... on InventoryCountClosedError {
        message
      }
    }
  }
`);

export type ReportResult = Awaited<ReturnType<typeof fetchReport>>;

export async function fetchReport(
  t: TestApp,
  token: string,
  variables: {
    shopId?: string;
    search?: string;
    reasons?: ('SALE' | 'TRANSFER_OUT' | 'VENDOR_RETURN' | 'MANUAL' | 'INVENTORY_COUNT' | 'RECEIVING' | 'TRANSFER_IN')[];
    first?: number;
    after?: string;
  } = {},
) {
  return (await t.run(negativeReportQuery, variables, token)).negativeInventoryReport;
}

/** Every row of the report, paging with `first` rows at a time; fails if a page repeats a row. */
export async function reportRows(t: TestApp, token: string, variables: Parameters<typeof fetchReport>[2] = {}, first = 500) {
  const rows = [];
  let after: string | undefined;
  for (;;) {
    const page = await fetchReport(t, token, { ...variables, first, ...(after ? { after } : {}) });
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? undefined;
  }
  const keys = rows.map((row) => `${row.item.id}@${row.shop.id}`);
  expect(new Set(keys).size).toBe(keys.length);
  return rows;
}

export async function sell(t: TestApp, token: string, shopId: string, lines: { itemId: string; quantity: number }[]) {
  return expectTypename((await t.run(recordSaleMutation, { input: { shopId, lines } }, token)).recordSale, 'RecordSalePayload');
}

export async function receive(t: TestApp, token: string, shopId: string, lines: { itemId: string; quantity: number }[]) {
  return expectTypename((await t.run(receiveStockMutation, { input: { shopId, lines } }, token)).receiveStock, 'ReceiveStockPayload');
}

/** GETs a CSV route with the token; returns the response and its body parsed as records. */
export async function fetchCsv(t: TestApp, path: string, token?: string) {
  const response = await t.fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  const records: string[][] = response.headers.get('content-type')?.startsWith('text/csv') ? parse(text, { relaxColumnCount: false }) : [];
  return { response, text, header: records[0] ?? [], records: records.slice(1) };
}

/**
 * Many items at once, inserted through Kysely (creating hundreds through the API only slows the
 * suite; items have no rules beyond a unique SKU). Returns their global IDs, in SKU order.
 */
export async function insertItems(db: DB, accountGlobalId: string, skus: readonly string[], name = (sku: string) => `Item ${sku}`) {
  const accountId = decodeId(accountGlobalId, 'Account');
  if (!accountId) throw new Error(`not an account id: ${accountGlobalId}`);
  const rows = await db
    .insertInto('items')
    .values(skus.map((sku) => ({ account_id: accountId, sku, name: name(sku) })))
    .returning(['id', 'sku'])
    .execute();
  return rows.sort((a, b) => (a.sku < b.sku ? -1 : 1)).map((row) => ({ id: encodeId('Item', row.id), sku: row.sku }));
}
