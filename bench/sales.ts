import http from 'node:http';
import { sql } from 'kysely';
import type pg from 'pg';
import { authenticate } from '../src/auth/auth.service.js';
import { CallerCache } from '../src/auth/caller-cache.js';
import type { AppConfig } from '../src/config/config.js';
import type { DB } from '../src/db/database.js';
import { encodeId } from '../src/node/global-id.js';
import { recordSale } from '../src/sales/sales.service.js';
import { runLoad, type LoadOptions, type LoadResult } from './stats.js';

export const concurrency = 32;

const saleMutation = `mutation Sale($input: RecordSaleInput!) {
  recordSale(input: $input) {
    __typename
    ... on RecordSalePayload { sale { id } levels { quantityOnHand } }
  }
}`;

export interface SalesTarget {
  itemIds: string[];
  shopIds: string[];
}

/** Which (item, shop) a worker sells on its iteration: spread over the catalogue, or one hot pair. */
function pairFor(target: SalesTarget, hot: boolean, worker: number, iteration: number) {
  if (hot) return { itemId: target.itemIds[0]!, shopId: target.shopIds[0]! };
  const n = (worker * 7919 + iteration * 104729) % (target.itemIds.length * target.shopIds.length);
  return { itemId: target.itemIds[n % target.itemIds.length]!, shopId: target.shopIds[Math.floor(n / target.itemIds.length)]! };
}

/**
 * Keep-alive connections for the sales scenarios, one per worker. The bench's client runs on the
 * same two cores as the server and the database, where a point of sale's doesn't: it uses
 * node:http directly, which costs a fraction of fetch's client CPU per request, so that less of
 * what is measured is the client's own work.
 */
const salesAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

/** POSTs a GraphQL request and returns the parsed JSON body. */
function postGraphql(url: string, token: string, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent: salesAgent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One one-line recordSale mutation over HTTP, as a point of sale sends it. */
async function postSale(url: string, token: string, itemId: string, shopId: string): Promise<boolean> {
  const body = (await postGraphql(
    url,
    token,
    JSON.stringify({
      query: saleMutation,
      variables: {
        input: { shopId: encodeId('Shop', shopId), lines: [{ itemId: encodeId('Item', itemId), quantity: 1 }] },
      },
    }),
  )) as { data?: { recordSale: { __typename: string } } };
  return body.data?.recordSale.__typename === 'RecordSalePayload';
}

/** One-line recordSale mutations over HTTP, as a point of sale sends them. */
export function graphqlSales(url: string, token: string, target: SalesTarget, hot: boolean, load: LoadOptions): Promise<LoadResult> {
  return runLoad(
    async (worker, iteration) => {
      const { itemId, shopId } = pairFor(target, hot, worker, iteration);
      return postSale(url, token, itemId, shopId);
    },
    { ...load, concurrency },
  );
}

/** An account of the many-accounts scenario: its catalogue and its signed-in employee's token. */
export interface AccountTarget extends SalesTarget {
  token: string;
}

/**
 * The same one-line sales over HTTP, spread over many accounts: each iteration sells for the
 * next account in turn (worker + iteration x concurrency, modulo the count), so every account
 * takes sales and, with fewer workers than accounts, no two workers start on the same account
 * in the same round.
 */
export function graphqlSalesManyAccounts(url: string, accounts: readonly AccountTarget[], load: LoadOptions): Promise<LoadResult> {
  return runLoad(
    async (worker, iteration) => {
      const account = accounts[(worker + iteration * concurrency) % accounts.length]!;
      const { itemId, shopId } = pairFor(account, false, worker, iteration);
      return postSale(url, account.token, itemId, shopId);
    },
    { ...load, concurrency },
  );
}

/**
 * Baseline (b), "same SQL": the server's own statements for a sale — the token lookup (through a
 * caller cache, as the server does) and the sale service — through `pg` with the same pool size,
 * without HTTP or GraphQL.
 */
export function sameSqlSales(
  db: DB,
  config: AppConfig,
  token: string,
  target: SalesTarget,
  hot: boolean,
  load: LoadOptions,
): Promise<LoadResult> {
  const callerCache = config.authCacheTtlMs > 0 ? new CallerCache({ ttlMs: config.authCacheTtlMs }) : null;
  return runLoad(
    async (worker, iteration) => {
      const { itemId, shopId } = pairFor(target, hot, worker, iteration);
      const caller = await authenticate(db, config, `Bearer ${token}`, callerCache);
      if (caller?.kind !== 'employee') return false;
      await recordSale(db, caller, {
        shopId: encodeId('Shop', shopId),
        lines: [{ itemId: encodeId('Item', itemId), quantity: 1 }],
      });
      return true;
    },
    { ...load, concurrency },
  );
}

/** Tables for the naive baseline: what a developer writes by hand for a sale. */
export async function createNaiveTables(db: DB, target: SalesTarget, stock: number): Promise<void> {
  await sql`
    create table naive_levels (item_id bigint, shop_id bigint, quantity_on_hand integer not null,
                               updated_at timestamptz not null default now(), primary key (item_id, shop_id));
    create table naive_sales (id bigint generated always as identity primary key, shop_id bigint not null,
                              created_at timestamptz not null default now());
    create table naive_sale_lines (sale_id bigint not null references naive_sales, item_id bigint not null,
                                   quantity integer not null);
    create table naive_ledger (id bigint generated always as identity primary key, item_id bigint not null,
                               shop_id bigint not null, quantity_change integer not null,
                               quantity_after integer not null, created_at timestamptz not null default now());
  `.execute(db);
  await sql`
    insert into naive_levels (item_id, shop_id, quantity_on_hand)
    select i, s, ${stock}::int from unnest(${target.itemIds}::bigint[]) i cross join unnest(${target.shopIds}::bigint[]) s
  `.execute(db);
}

/**
 * Baseline (a), "naive": the obvious hand-written transaction, one statement per step:
 * BEGIN; lock the level row; update it; insert the sale; insert its line; insert the ledger row; COMMIT.
 */
export function naiveSales(pool: pg.Pool, target: SalesTarget, hot: boolean, load: LoadOptions): Promise<LoadResult> {
  return runLoad(
    async (worker, iteration) => {
      const { itemId, shopId } = pairFor(target, hot, worker, iteration);
      const client = await pool.connect();
      try {
        await client.query('begin');
        const level = await client.query<{ quantity_on_hand: number }>(
          'select quantity_on_hand from naive_levels where item_id = $1 and shop_id = $2 for update',
          [itemId, shopId],
        );
        const after = level.rows[0]!.quantity_on_hand - 1;
        await client.query('update naive_levels set quantity_on_hand = $3, updated_at = now() where item_id = $1 and shop_id = $2', [
          itemId,
          shopId,
          after,
        ]);
        const sale = await client.query<{ id: string }>('insert into naive_sales (shop_id) values ($1) returning id', [shopId]);
        await client.query('insert into naive_sale_lines (sale_id, item_id, quantity) values ($1, $2, 1)', [sale.rows[0]!.id, itemId]);
        await client.query('insert into naive_ledger (item_id, shop_id, quantity_change, quantity_after) values ($1, $2, -1, $3)', [
          itemId,
          shopId,
          after,
        ]);
        await client.query('commit');
        return true;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    { ...load, concurrency },
  );
}
