import { encodeLedgerCursor, type LedgerPosition } from '../src/inventory/ledger-order.js';
import { percentile, round } from './stats.js';

const reportQuery = `query Report {
  negativeInventoryReport(first: 50) {
    totalCount
    totalNegativeUnits
    edges {
      cursor
      node {
        quantityOnHand
        wentNegativeAt
        inTransitQuantity
        item { sku name }
        shop { name }
        negativeAdjustments { id quantityChange quantityAfter reason createdAt }
      }
    }
  }
}`;

const ledgerQuery = `query Ledger($after: String) {
  inventoryAdjustments(first: 50, after: $after) {
    edges { cursor node { id quantityChange quantityAfter reason createdAt item { sku } shop { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const asOfQuery = `query AsOf($at: DateTime!) {
  inventoryAsOf(at: $at, first: 50) {
    at
    edges {
      cursor
      node {
        quantityOnHand
        sellableQuantity
        item { sku name }
        shop { name }
        lastAdjustment { id quantityChange quantityAfter reason createdAt }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const breakdownQuery = `query Breakdown($since: DateTime!, $groupBy: [NegativeInventoryDimension!]!) {
  negativeInventoryBreakdown(since: $since, groupBy: $groupBy) {
    shop { name }
    item { sku }
    reason
    employee { name }
    episodes
    resolvedEpisodes
    unitsBelowZero
    medianSecondsToResolve
  }
}`;

async function timeQuery(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  samples: number,
  check: (data: unknown) => string | null = () => null,
) {
  const latencies: number[] = [];
  for (let index = 0; index < samples + 3; index++) {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
    const problem = index === 0 ? check(body.data) : null;
    if (problem) throw new Error(`query answered, but ${problem}`);
    // The first few warm caches and plans; they are not counted.
    if (index >= 3) latencies.push(performance.now() - started);
  }
  return { p50Ms: round(percentile(latencies, 0.5)), p95Ms: round(percentile(latencies, 0.95)) };
}

/** The first page (50 rows) of the negative inventory report, timed one request after another. */
export function timeReportFirstPage(url: string, token: string, samples = 40) {
  return timeQuery(url, token, reportQuery, {}, samples);
}

/**
 * A page of the ledger starting after the row at `after` (null: the first page), in the ledger's
 * order (epoch, xid, id). A short page would time less work than the target means, so it fails.
 */
export function timeLedgerPage(url: string, token: string, after: LedgerPosition | null, samples = 40) {
  return timeQuery(url, token, ledgerQuery, { after: after === null ? null : encodeLedgerCursor(after) }, samples, (data) => {
    const rows = (data as { inventoryAdjustments?: { edges?: unknown[] } } | undefined)?.inventoryAdjustments?.edges?.length;
    return rows === 50 ? null : `the ledger page after ${JSON.stringify(after)} has ${rows} rows, not 50`;
  });
}

/**
 * The first page (50 rows) of inventoryAsOf at `at`, an instant when every (item, shop) of the
 * catalogue held `stock` from its receiving row (before the seed's negative pass). A short page,
 * or a quantity other than that, fails.
 */
export function timeAsOfFirstPage(url: string, token: string, at: Date, stock: number, samples = 40) {
  return timeQuery(url, token, asOfQuery, { at: at.toISOString() }, samples, (data) => {
    type Edge = { node: { quantityOnHand: number; lastAdjustment: { reason: string } } };
    const edges = (data as { inventoryAsOf?: { edges?: Edge[] } } | undefined)?.inventoryAsOf?.edges ?? [];
    if (edges.length !== 50) return `the page as of ${at.toISOString()} has ${edges.length} rows, not 50`;
    const wrong = edges.find((edge) => edge.node.quantityOnHand !== stock || edge.node.lastAdjustment.reason !== 'RECEIVING');
    return wrong ? `as of ${at.toISOString()} a row is ${JSON.stringify(wrong.node)}, not the ${stock} received` : null;
  });
}

/**
 * negativeInventoryBreakdown over the episodes that began since `since`, grouped by `groupBy`.
 * Its groups must add up to `episodes` (every seeded episode inside the window).
 */
export function timeBreakdown(url: string, token: string, since: Date, groupBy: string[], episodes: number, samples = 40) {
  return timeQuery(url, token, breakdownQuery, { since: since.toISOString(), groupBy }, samples, (data) => {
    const rows = (data as { negativeInventoryBreakdown?: { episodes: number }[] } | undefined)?.negativeInventoryBreakdown ?? [];
    const counted = rows.reduce((sum, row) => sum + row.episodes, 0);
    return counted === episodes ? null : `the breakdown by ${groupBy.join(', ')} counts ${counted} episodes, not ${episodes}`;
  });
}
