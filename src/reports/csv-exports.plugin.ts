import type { IncomingMessage } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Authenticate } from '../auth/authenticator.js';
import type { AccountCaller, Caller } from '../auth/viewer.js';
import type { AppConfig } from '../config/config.js';
import type { DB } from '../db/database.js';
import { findEmployeesByIds } from '../employees/employees.sql.js';
import { BadUserInputError } from '../errors/domain-errors.js';
import { resolveLedgerFilter, type LedgerFilterInput } from '../inventory/adjustments.service.js';
import { asOfKey, readInventoryAsOf, resolveAsOfFilter, type InventoryAsOfInput } from '../inventory/inventory-as-of.service.js';
import { pageAdjustmentsForExport } from '../inventory/adjustments.sql.js';
import { positionOf } from '../inventory/ledger-order.js';
import type { AdjustmentReason, AdjustmentSourceType } from '../inventory/inventory.tables.js';
import { encodeId } from '../node/global-id.js';
import { clientAddressOf } from '../server/client-address.js';
import { domainErrorToGraphQL } from '../server/errors.js';
import { readNegativeRows, reportKey, resolveReportFilter, type NegativeReportInput } from './reports.service.js';

// CSV exports for the back office and for reconciliation:
//   GET /reports/negative-inventory.csv?shopId=&search=&reasons=SALE,TRANSFER_OUT
//   GET /ledger.csv?shopId=&itemId=&reasons=&since=&until=&negativeOnly=true
//   GET /reports/inventory-as-of.csv?at=&shopId=&itemIds=&search=
// The same filters as the GraphQL fields, the same `Authorization: Bearer` token (any token of an
// account: employees of every role and partner API keys). The export is read in keyset chunks and
// written chunk by chunk to the response stream, only as fast as the client reads (a pull stream),
// so a large export never sits in memory. Each chunk is its own short read: a long download holds
// no transaction open (on PGlite that would block every other request). The ledger's id order makes
// its export gap-free under concurrent writes; the report's rows can move while it downloads, as
// they would between two pages of the GraphQL field.

const reasons: readonly AdjustmentReason[] = [
  'SALE',
  'TRANSFER_OUT',
  'TRANSFER_IN',
  'VENDOR_RETURN',
  'INVENTORY_COUNT',
  'RECEIVING',
  'MANUAL',
];

const sourceTypenames: Record<AdjustmentSourceType, string> = {
  SALE: 'Sale',
  TRANSFER: 'Transfer',
  VENDOR_RETURN: 'VendorReturn',
  INVENTORY_COUNT: 'InventoryCount',
};

export interface CsvExportOptions {
  /** Negative rows read per chunk of the report (each brings all its episode's adjustments). */
  reportChunkRows?: number;
  /** Ledger lines read per chunk. */
  ledgerChunkRows?: number;
  /** (item, shop) lines of the as-of export read per chunk. */
  asOfChunkRows?: number;
}

/**
 * `authenticate` is the server's authentication step (src/auth/authenticator.ts): a download's
 * token check costs no query when the caller cache has it, and wrong operator tokens are counted
 * per client address as for GraphQL requests (403 against 401 tells them apart).
 */
export function useCsvExports(
  /** Where an export reads, asked once per export (the read replica while it keeps up). */
  readDb: () => DB,
  config: AppConfig,
  logger: Logger,
  authenticate: Authenticate,
  options: CsvExportOptions = {},
): Plugin {
  const reportChunkRows = options.reportChunkRows ?? 200;
  const ledgerChunkRows = options.ledgerChunkRows ?? 1000;
  const asOfChunkRows = options.asOfChunkRows ?? 500;
  const routes: Record<string, { filename: string; lines: (caller: AccountCaller, query: URLSearchParams) => AsyncGenerator<string> }> = {
    '/reports/negative-inventory.csv': {
      filename: 'negative-inventory',
      lines: (caller, query) => negativeReportCsv(readDb(), caller, reportInput(query), reportChunkRows),
    },
    '/ledger.csv': {
      filename: 'ledger',
      lines: (caller, query) => ledgerCsv(readDb(), caller, ledgerInput(query), ledgerChunkRows),
    },
    '/reports/inventory-as-of.csv': {
      filename: 'inventory-as-of',
      lines: (caller, query) => inventoryAsOfCsv(readDb(), caller, asOfInput(query), asOfChunkRows),
    },
  };

  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      const route = routes[url.pathname];
      if (!route || request.method !== 'GET') return;
      const json = (status: number, code: string, message: string, extensions: Record<string, unknown> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }), {
            status,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
              ...(typeof extensions['retryAfterSeconds'] === 'number' ? { 'retry-after': String(extensions['retryAfterSeconds']) } : {}),
            },
          }),
        );

      let caller: Caller | null;
      try {
        const { req } = serverContext as { req?: IncomingMessage };
        caller = await authenticate({
          authorization: request.headers.get('authorization'),
          operatorTokenAttempt: { clientAddress: clientAddressOf(req, config.trustProxyHops) },
        });
      } catch (error) {
        const refusal = domainErrorToGraphQL(error);
        if (refusal?.extensions['code'] !== 'RATE_LIMITED') throw error;
        const { http: _http, ...extensions } = refusal.extensions;
        return json(429, 'RATE_LIMITED', refusal.message, extensions);
      }
      if (!caller) return json(401, 'UNAUTHENTICATED', 'Sign in, or send a valid token in the Authorization header.');
      if (caller.kind === 'operator') return json(403, 'FORBIDDEN', 'Your role may not do this.');

      let lines: AsyncGenerator<string>;
      let first: IteratorResult<string>;
      try {
        lines = route.lines(caller, url.searchParams);
        // The first chunk is read before answering, so a bad filter is a 400 and a failing
        // database a 500, rather than a 200 whose body breaks off.
        first = await lines.next();
      } catch (error) {
        const refusal = domainErrorToGraphQL(error);
        if (refusal?.extensions['code'] === 'BAD_USER_INPUT') {
          const { http: _http, ...extensions } = refusal.extensions;
          return json(400, 'BAD_USER_INPUT', refusal.message, extensions);
        }
        logger.error({ err: error, path: url.pathname }, 'CSV export failed');
        return json(500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }

      const encoder = new TextEncoder();
      let pending: IteratorResult<string> | null = first;
      const body = new fetchAPI.ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const next = pending ?? (await lines.next());
            pending = null;
            if (next.done) controller.close();
            else controller.enqueue(encoder.encode(next.value));
          } catch (error) {
            // The status is sent already: the client sees the body end early.
            logger.error({ err: error, path: url.pathname }, 'CSV export failed while streaming');
            controller.error(error);
          }
        },
        async cancel() {
          await lines.return(undefined);
        },
      });
      const date = new Date().toISOString().slice(0, 10);
      endResponse(
        new fetchAPI.Response(body, {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8; header=present',
            'content-disposition': `attachment; filename="${route.filename}-${date}.csv"`,
            'cache-control': 'no-store',
          },
        }),
      );
    },
  };
}

type CsvRecord = readonly (string | number | null)[];

/** RFC 4180: CRLF line ends; fields with commas, quotes or line breaks quoted, quotes doubled. */
function csvLines(records: readonly CsvRecord[]): string {
  // csv-stringify quotes a field holding the record delimiter (CRLF) but not a bare LF or CR, which
  // RFC 4180 readers would take as a line end: quoted_match quotes those too.
  return records.length === 0
    ? ''
    : stringify(records as (string | number | null)[][], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/**
 * A cell of text that users typed (SKU, item, shop and employee names, notes), made safe to open in
 * a spreadsheet: one starting with a character that Excel, LibreOffice or Google Sheets would read
 * as the start of a formula (`=`, `+`, `-`, `@`, tab, carriage return; OWASP "CSV Injection") gets
 * a leading `'`, which makes the spreadsheet show it as text. The full-width forms are included
 * because Apple Numbers normalizes them to their ASCII forms (found by csv-stringify's authors).
 *
 * Applied by column rather than with csv-stringify's escape_formulas, which escapes every string
 * cell: quantities must stay numbers, negative ones included, whatever type a query returns them in.
 */
function userText(text: string | null | undefined): string {
  if (!text) return '';
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

function badQuery(argument: string, message: string): BadUserInputError {
  return new BadUserInputError(message, argument);
}

function parseReasons(query: URLSearchParams): AdjustmentReason[] | null {
  const given = query.get('reasons');
  // `reasons=` (empty) is no filter: a form sends it when nothing is ticked.
  if (given === null || given.trim() === '') return null;
  return given.split(',').map((reason) => {
    const trimmed = reason.trim().toUpperCase();
    if (!reasons.includes(trimmed as AdjustmentReason)) {
      throw badQuery('reasons', `reasons takes a comma-separated list of ${reasons.join(', ')}.`);
    }
    return trimmed as AdjustmentReason;
  });
}

function parseDate(query: URLSearchParams, argument: string): Date | null {
  const given = query.get(argument);
  if (given === null || given === '') return null;
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(given) ? new Date(given) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw badQuery(argument, `${argument} must be an ISO 8601 date-time with a time zone, e.g. 2026-01-31T09:00:00.000Z.`);
  }
  return date;
}

function parseBoolean(query: URLSearchParams, argument: string): boolean | null {
  const given = query.get(argument);
  if (given === null || given === '') return null;
  if (given === 'true' || given === '1') return true;
  if (given === 'false' || given === '0') return false;
  throw badQuery(argument, `${argument} must be true or false.`);
}

function reportInput(query: URLSearchParams): NegativeReportInput {
  return { shopId: query.get('shopId') || null, search: query.get('search'), reasons: parseReasons(query) };
}

function ledgerInput(query: URLSearchParams): LedgerFilterInput {
  return {
    shopId: query.get('shopId') || null,
    itemId: query.get('itemId') || null,
    reasons: parseReasons(query),
    since: parseDate(query, 'since'),
    until: parseDate(query, 'until'),
    negativeOnly: parseBoolean(query, 'negativeOnly'),
  };
}

function asOfInput(query: URLSearchParams): InventoryAsOfInput {
  const at = parseDate(query, 'at');
  if (!at) throw badQuery('at', 'at is required: an ISO 8601 date-time with a time zone, e.g. 2026-01-31T23:59:59.999Z.');
  const itemIds = query.get('itemIds');
  return {
    at,
    shopId: query.get('shopId') || null,
    // `itemIds=` (empty) is no filter, like `reasons=`.
    itemIds: itemIds === null || itemIds.trim() === '' ? null : itemIds.split(',').map((id) => id.trim()),
    search: query.get('search'),
  };
}

/**
 * A CSV export read a page of `chunkRows` at a time in keyset order: the header, then each page's
 * lines as one chunk, so memory holds one page whatever the size of the export. `read` returns the
 * page after a key (null: the first), `keyOf` the key of a page's last row.
 */
async function* csvPages<Row, Key>(
  header: readonly string[],
  chunkRows: number,
  read: (after: Key | null, limit: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  linesOf: (rows: Row[]) => Promise<CsvRecord[]> | CsvRecord[],
): AsyncGenerator<string> {
  let chunk = csvLines([header]);
  let after: Key | null = null;
  for (;;) {
    const rows = await read(after, chunkRows);
    yield chunk + csvLines(await linesOf(rows));
    chunk = '';
    const last = rows.at(-1);
    if (rows.length < chunkRows || !last) return;
    after = keyOf(last);
  }
}

/** One line per (item, shop) with its quantity at the instant, in the GraphQL field's order. */
async function* inventoryAsOfCsv(db: DB, caller: AccountCaller, input: InventoryAsOfInput, chunkRows: number): AsyncGenerator<string> {
  const filter = await resolveAsOfFilter(db, caller.accountId, input);
  const at = filter.at.toISOString();
  yield* csvPages(
    [
      'As of',
      'SKU',
      'Item',
      'Shop',
      'Quantity on hand',
      'Sellable quantity',
      'Last adjustment ID',
      'Last adjustment date',
      'Last adjustment reason',
    ],
    chunkRows,
    (after, limit) => readInventoryAsOf(db, filter, { after, limit }),
    asOfKey,
    (rows) =>
      rows.map((row) => [
        at,
        userText(row.sku),
        userText(row.itemName),
        userText(row.shopName),
        row.quantityOnHand,
        row.sellableQuantity,
        encodeId('InventoryAdjustment', row.lastAdjustment.id),
        row.lastAdjustment.created_at.toISOString(),
        row.lastAdjustment.reason,
      ]),
  );
}

/** One line per adjustment of each row's current negative episode, in the report's order. */
async function* negativeReportCsv(db: DB, caller: AccountCaller, input: NegativeReportInput, chunkRows: number): AsyncGenerator<string> {
  const filter = await resolveReportFilter(db, caller.accountId, input);
  yield* csvPages(
    [
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
    ],
    chunkRows,
    (after, limit) => readNegativeRows(db, filter, { after, limit }),
    reportKey,
    async (rows) => {
      const employeeIds = [
        ...new Set(rows.flatMap((row) => row.negativeAdjustments.flatMap((adjustment) => adjustment.employee_id ?? []))),
      ];
      const employees = new Map(
        employeeIds.length === 0
          ? []
          : (await findEmployeesByIds(db, caller.accountId, employeeIds)).map((employee) => [employee.id, employee.name]),
      );
      return rows.flatMap((row) =>
        row.negativeAdjustments.map((adjustment) => [
          encodeId('InventoryAdjustment', adjustment.id),
          adjustment.created_at.toISOString(),
          userText(row.sku),
          userText(row.itemName),
          userText(row.shopName),
          adjustment.reason,
          adjustment.quantity_change,
          adjustment.quantity_after,
          row.quantityOnHand,
          row.inTransitQuantity,
          adjustment.employee_id ? userText(employees.get(adjustment.employee_id)) : '',
        ]),
      );
    },
  );
}

/** The ledger, oldest first, one line per adjustment. */
async function* ledgerCsv(db: DB, caller: AccountCaller, input: LedgerFilterInput, chunkRows: number): AsyncGenerator<string> {
  const filter = await resolveLedgerFilter(db, caller.accountId, input);
  yield* csvPages(
    [
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
    ],
    chunkRows,
    (after, limit) => pageAdjustmentsForExport(db, filter, { after, limit }),
    positionOf,
    (rows) =>
      rows.map((row) => [
        encodeId('InventoryAdjustment', row.id),
        row.created_at.toISOString(),
        userText(row.sku),
        userText(row.item_name),
        userText(row.shop_name),
        row.reason,
        row.quantity_change,
        row.quantity_before,
        row.quantity_after,
        row.source_type ?? '',
        row.source_type && row.source_id ? encodeId(sourceTypenames[row.source_type], row.source_id) : '',
        userText(row.employee_name),
        userText(row.note),
      ]),
  );
}
