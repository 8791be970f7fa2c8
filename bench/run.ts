// `npm run bench`: seeds its own data in a fresh database on DATABASE_URL's server, starts the
// real server as a separate process, drives it over loopback, and writes bench/results.json and
// a table. Every figure is set beside a baseline measured in the same run, so the ratios hold on
// a noisy machine. See the README's Performance section.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { decodeId } from '../src/node/global-id.js';
import { measureFanOut } from './fan-out.js';
import { timeLedgerPage, timeReportFirstPage } from './report.js';
import { concurrency, createNaiveTables, graphqlSales, naiveSales, sameSqlSales } from './sales.js';
import { seedCatalogue } from './seed.js';
import { startServer, type ServerProcess } from './server-process.js';
import { round } from './stats.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const poolSize = 20;
const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const scale = Number(process.env.BENCH_SCALE ?? 1);
const operatorToken = randomBytes(24).toString('base64url');
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function graphqlRequest<T>(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A newer account (negative inventory on) with its admin signed in. */
async function createAccount(server: ServerProcess, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}@bench.test`;
  const password = 'bench-password-123';
  const created = await graphqlRequest<{ createAccount: { account?: { id: string } } }>(
    server.url,
    `mutation($input: CreateAccountInput!) { createAccount(input: $input) { ... on CreateAccountPayload { account { id } } } }`,
    { input: { name, adminName: 'Bench Admin', adminEmail: email, adminPassword: password } },
    operatorToken,
  );
  const signedIn = await graphqlRequest<{ signIn: { token: string } }>(
    server.url,
    `mutation($input: SignInInput!) { signIn(input: $input) { ... on SignInPayload { token } } }`,
    { input: { email, password } },
    '',
  );
  return { accountId: decodeId(created.createAccount.account!.id, 'Account')!, token: signedIn.signIn.token };
}

async function main() {
  const name = `nibench_${randomBytes(4).toString('hex')}`;
  log(`fresh database ${name}`);
  await admin((client) => client.query(`create database ${name}`));
  const url = databaseUrl(name);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let server: ServerProcess | undefined;
  try {
    await migrateToLatest(db);
    // BENCH_CPU_PROFILE=dir writes the server's CPU profile there (open it in Chrome DevTools).
    const profileDir = process.env.BENCH_CPU_PROFILE;
    server = await startServer(
      { DATABASE_URL: url, DATABASE_POOL_SIZE: String(poolSize), OPERATOR_TOKEN: operatorToken },
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    const config = { ...loadConfig({ OPERATOR_TOKEN: operatorToken }), database: { kind: 'postgres' as const, url, poolSize } };

    // 1 and 2: sales throughput, spread over the catalogue and on one hot item.
    const shop = await createAccount(server, 'Bench Retail');
    log('seeding 10,000 items x 5 shops');
    const target = await seedCatalogue(db, shop.accountId, { items: 10_000, shops: 5, stock: 1_000_000_000 });
    await createNaiveTables(db, target, 1_000_000_000);
    log(`sales over HTTP, ${concurrency} clients`);
    const sales = await graphqlSales(server.url, shop.token, target, false, durationMs);
    log('sales, naive baseline');
    const naive = await naiveSales(pool, target, false, durationMs);
    log('sales, same-SQL baseline');
    const sameSql = await sameSqlSales(db, config, shop.token, target, false, durationMs);
    log('hot item over HTTP');
    const hot = await graphqlSales(server.url, shop.token, target, true, durationMs);
    log('hot item, same-SQL baseline');
    const hotSameSql = await sameSqlSales(db, config, shop.token, target, true, durationMs);
    log('hot item, naive baseline');
    const hotNaive = await naiveSales(pool, target, true, durationMs);

    // 3: alert fan-out to 1,000 and 5,000 graphql-ws subscribers.
    const fanOutShop = target.shopIds[0]!;
    let alertItem = 0;
    const raiseAlert = async () => {
      alertItem++;
      const item = await graphqlRequest<{ createItem: { item: { id: string } } }>(
        server!.url,
        `mutation($input: CreateItemInput!) { createItem(input: $input) { ... on CreateItemPayload { item { id } } } }`,
        { input: { sku: `ALERT-${alertItem}-${randomBytes(3).toString('hex')}`, name: 'Alert item' } },
        shop.token,
      );
      const sold = await graphqlRequest<{ recordSale: { alerts: unknown[] } }>(
        server!.url,
        `mutation($input: RecordSaleInput!) { recordSale(input: $input) { ... on RecordSalePayload { alerts { cursor } } } }`,
        { input: { shopId: `${Buffer.from(`Shop:${fanOutShop}`).toString('base64')}`, lines: [{ itemId: item.createItem.item.id, quantity: 1 }] } },
        shop.token,
      );
      if (sold.recordSale.alerts.length !== 1) throw new Error('the sale raised no alert');
    };
    log('alert fan-out, 1,000 subscribers');
    const fanOut1000 = await measureFanOut(server, shop.token, 1000, raiseAlert);
    log('alert fan-out, 5,000 subscribers');
    const fanOut5000 = await measureFanOut(server, shop.token, 5000, raiseAlert);

    // 4: the report and the ledger at scale: 200,000 items x 5 shops with 1% below zero, and a
    // tenth of that, in two accounts of the same database.
    const big = await createAccount(server, 'Bench Big Catalogue');
    const small = await createAccount(server, 'Bench Small Catalogue');
    log(`seeding ${200_000 * scale} items x 5 shops, 1% below zero`);
    await seedCatalogue(db, big.accountId, { items: 200_000 * scale, shops: 5, stock: 10, negativeEvery: 100 });
    log(`seeding ${20_000 * scale} items x 5 shops, 1% below zero`);
    await seedCatalogue(db, small.accountId, { items: 20_000 * scale, shops: 5, stock: 10, negativeEvery: 100 });
    log('report first page');
    const reportBig = await timeReportFirstPage(server.url, big.token);
    const reportSmall = await timeReportFirstPage(server.url, small.token);
    log('ledger page 1 and page 10,000');
    const firstLedgerId = await sql<{ id: string }>`
      select min(id) as id from inventory_adjustments where account_id = ${big.accountId}::bigint`.execute(db);
    const ledgerFirst = await timeLedgerPage(server.url, big.token, null);
    const ledgerDeep = await timeLedgerPage(server.url, big.token, BigInt(firstLedgerId.rows[0]!.id) - 1n + 50n * 10_000n);

    const results = {
      generatedAt: new Date().toISOString(),
      machine: { node: process.version, cpus: (await import('node:os')).cpus().length, concurrency, poolSize, seconds: durationMs / 1000 },
      salesPerSecond: sales.perSecond,
      salesP50Ms: sales.p50Ms,
      salesP99Ms: sales.p99Ms,
      salesNaivePerSecond: naive.perSecond,
      salesVsNaiveRatio: round(sales.perSecond / naive.perSecond),
      salesSameSqlPerSecond: sameSql.perSecond,
      salesRatio: round(sales.perSecond / sameSql.perSecond),
      hotItemPerSecond: hot.perSecond,
      hotItemSameSqlPerSecond: hotSameSql.perSecond,
      hotItemNaivePerSecond: hotNaive.perSecond,
      hotItemRatio: round(hot.perSecond / hotSameSql.perSecond),
      alertP50Ms1000: fanOut1000.p50Ms,
      alertP99Ms1000: fanOut1000.p99Ms,
      alertMaxMs1000: fanOut1000.maxMs,
      alertP50Ms5000: fanOut5000.p50Ms,
      alertP99Ms5000: fanOut5000.p99Ms,
      alertMaxMs5000: fanOut5000.maxMs,
      serverKbPerSubscriber: fanOut5000.serverKbPerSubscriber,
      reportP50Ms: reportBig.p50Ms,
      reportP95Ms: reportBig.p95Ms,
      reportSmallP95Ms: reportSmall.p95Ms,
      reportGrowth10x: round(reportBig.p95Ms / reportSmall.p95Ms),
      ledgerFirstPageP50Ms: ledgerFirst.p50Ms,
      ledgerDeepPageP50Ms: ledgerDeep.p50Ms,
      ledgerDepthRatio: round(ledgerDeep.p50Ms / ledgerFirst.p50Ms),
      details: { sales, naive, sameSql, hot, hotSameSql, hotNaive, fanOut1000, fanOut5000, reportBig, reportSmall, ledgerFirst, ledgerDeep },
    };
    await writeFile(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
    console.log(table(results));
  } catch (error) {
    if (server) console.error(`server stderr:\n${server.errorOutput()}`);
    throw error;
  } finally {
    await server?.stop();
    await db.destroy();
    await admin((client) => client.query(`drop database if exists ${name} with (force)`));
  }
}

function table(r: Record<string, unknown> & { [key: string]: any }): string {
  const rows: [string, string, string, string][] = [
    ['Sales (10,000 items x 5 shops)', `${r.salesPerSecond}/s, p50 ${r.salesP50Ms} ms, p99 ${r.salesP99Ms} ms`, `naive ${r.salesNaivePerSecond}/s; same SQL ${r.salesSameSqlPerSecond}/s`, `${r.salesVsNaiveRatio}x naive; ${r.salesRatio}x same SQL`],
    ['Hot item (one item, one shop)', `${r.hotItemPerSecond}/s`, `same SQL ${r.hotItemSameSqlPerSecond}/s; naive ${r.hotItemNaivePerSecond}/s`, `${r.hotItemRatio}x same SQL`],
    ['Alert fan-out, 1,000 subscribers', `p50 ${r.alertP50Ms1000} ms, p99 ${r.alertP99Ms1000} ms, max ${r.alertMaxMs1000} ms`, '', ''],
    ['Alert fan-out, 5,000 subscribers', `p50 ${r.alertP50Ms5000} ms, p99 ${r.alertP99Ms5000} ms, max ${r.alertMaxMs5000} ms`, `${r.serverKbPerSubscriber} KiB per subscriber`, ''],
    ['Report first page (1M levels, 10k negative)', `p50 ${r.reportP50Ms} ms, p95 ${r.reportP95Ms} ms`, `a tenth of the catalogue: p95 ${r.reportSmallP95Ms} ms`, `${r.reportGrowth10x}x for 10x catalogue`],
    ['Ledger page at depth 10,000', `p50 ${r.ledgerDeepPageP50Ms} ms`, `page 1: p50 ${r.ledgerFirstPageP50Ms} ms`, `${r.ledgerDepthRatio}x`],
  ];
  const header = '| Scenario | Measured | Baseline (same run) | Ratio |\n|---|---|---|---|';
  return [header, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
