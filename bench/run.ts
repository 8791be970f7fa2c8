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
import { timeAsOfFirstPage, timeBreakdown, timeLedgerPage, timeReportFirstPage } from './report.js';
import type { LedgerPosition } from '../src/inventory/ledger-order.js';
import {
  concurrency,
  createNaiveTables,
  graphqlSales,
  graphqlSalesManyAccounts,
  naiveSales,
  sameSqlSales,
  type AccountTarget,
} from './sales.js';
import { seedCatalogue, seedEpisodes } from './seed.js';
import { startServer, type ServerProcess } from './server-process.js';
import { cpuMeter, type CpuPerOperation } from './cpu.js';
import { poolerMissing, startServerViaPooler } from './pooler.js';
import { round, type LoadResult } from './stats.js';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const poolSize = 20;
const durationMs = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
// BENCH_SCALE (default 1) scales the report and ledger catalogues (200,000 and 20,000 items x 5
// shops) and the ledger page's depth (10,000 pages); e.g. 0.05 for a quick smoke run. The sales
// catalogues and the fan-out's subscriber counts stay as they are.
const scale = Number(process.env.BENCH_SCALE ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error('BENCH_SCALE must be a number above 0, at most 1');
// BENCH_POOLER=1 adds the sales scenario through PgBouncer in transaction mode (bench/pooler.ts).
const viaPooler = process.env.BENCH_POOLER === '1';
/** Accounts of the many-accounts sales scenario, and each one's catalogue. */
const manyAccounts = 50;
const manyAccountsCatalogue = { items: 200, shops: 2 };
/** The episodes breakdown's account: its episodes (not scaled), over how many days, by whom. */
const episodesSeed = { episodes: 10_000, shops: 5, days: 90, employees: 20 };
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

/**
 * Between phases: a phase's dead rows, dirty pages and statistics must not slow the next one.
 * VACUUM ANALYZE, a CHECKPOINT (skipped without the privilege for it), then a short pause.
 */
async function settle(db: Kysely<Database>): Promise<void> {
  await sql`vacuum analyze`.execute(db);
  await sql`checkpoint`.execute(db).catch((error: unknown) => log(`no checkpoint between phases: ${String(error)}`));
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** The row `rows` deep into an account's ledger, in the ledger's order (epoch, xid, id). */
async function ledgerPositionAt(db: Kysely<Database>, accountId: string, rows: number): Promise<LedgerPosition> {
  const { rows: found } = await sql<LedgerPosition>`
    select epoch, xid::text as xid, id::text as id from inventory_adjustments
    where account_id = ${accountId}::bigint
    order by epoch, xid, id
    offset ${rows - 1}::bigint limit 1`.execute(db);
  if (!found[0]) throw new Error(`the ledger of account ${accountId} has fewer than ${rows} rows`);
  return found[0];
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
  if (viaPooler) {
    const missing = poolerMissing();
    if (missing !== undefined) throw new Error(missing);
  }
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
    // The fan-out scenarios hold up to 5,000 graphql-ws sockets, or 1,000 SSE streams, on one sign-in.
    const serverEnv = {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(poolSize),
      OPERATOR_TOKEN: operatorToken,
      MAX_SOCKETS_PER_CALLER: '10000',
      MAX_SSE_STREAMS_PER_CALLER: '10000',
    };
    server = await startServer(serverEnv, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    const config = { ...loadConfig({ OPERATOR_TOKEN: operatorToken }), database: { kind: 'postgres' as const, url, poolSize } };

    // 1 and 2: sales throughput, spread over the catalogue and on one hot item.
    const shop = await createAccount(server, 'Bench Retail');
    log('seeding 10,000 items x 5 shops');
    const target = await seedCatalogue(db, shop.accountId, { items: 10_000, shops: 5, stock: 1_000_000_000 });
    await createNaiveTables(db, target, 1_000_000_000);
    // The same sales spread over many accounts, each signed in through the API and stocked in SQL.
    // The naive baseline has no accounts: its tables hold the one 10,000 x 5 catalogue above, and
    // its throughput is the reference for both sales scenarios.
    log(`creating ${manyAccounts} accounts of ${manyAccountsCatalogue.items} items x ${manyAccountsCatalogue.shops} shops`);
    const accounts: AccountTarget[] = [];
    // A few at a time: creating and signing in hash a password each (scrypt, on libuv's threads).
    for (let first = 0; first < manyAccounts; first += 5) {
      const created = await Promise.all(
        Array.from({ length: Math.min(5, manyAccounts - first) }, async (_, offset) => {
          const account = await createAccount(server!, `Bench Account ${first + offset + 1}`);
          const catalogue = await seedCatalogue(db, account.accountId, { ...manyAccountsCatalogue, stock: 1_000_000_000, vacuum: false });
          return { ...catalogue, token: account.token };
        }),
      );
      accounts.push(...created);
    }
    await settle(db);

    const load = { durationMs, cpu: cpuMeter(server.pid) };
    // A server in production has run its hot path many times: the first measured phase must not
    // pay for the JIT's warm-up. The same sales, unmeasured, a few seconds.
    log('warming the server up');
    await graphqlSales(server.url, shop.token, target, false, { durationMs: 3000 });
    await settle(db);
    log(`sales over HTTP, ${concurrency} clients`);
    const sales = await graphqlSales(server.url, shop.token, target, false, load);
    await settle(db);
    // BENCH_POOLER=1: the same sales through PgBouncer, right after the direct server's, with the
    // same driver, length and warm-up. Its server and PgBouncer run only for this phase: a second
    // server listening for alerts would take its share of every later phase (the fan-out's above
    // all).
    let salesViaPooler: LoadResult | undefined;
    if (viaPooler) {
      log(`sales over HTTP through PgBouncer (transaction mode, pool of ${poolSize}), ${concurrency} clients`);
      const pooled = await startServerViaPooler(url, poolSize, serverEnv);
      try {
        log('warming the server behind PgBouncer up');
        await graphqlSales(pooled.server.url, shop.token, target, false, { durationMs: 3000 });
        await settle(db);
        salesViaPooler = await graphqlSales(pooled.server.url, shop.token, target, false, {
          durationMs,
          cpu: cpuMeter(pooled.server.pid, pooled.pgbouncer.pid),
        });
        const complaints = await pooled.complaints();
        if (complaints.length > 0) log(`PgBouncer logged ${complaints.length} warnings or errors:\n${complaints.slice(0, 20).join('\n')}`);
      } catch (error) {
        console.error(await pooled.diagnostics());
        throw error;
      } finally {
        await pooled.stop();
      }
      await settle(db);
    }
    log('sales, naive baseline');
    const naive = await naiveSales(pool, target, false, load);
    await settle(db);
    log('sales, same-SQL baseline');
    const sameSql = await sameSqlSales(db, config, shop.token, target, false, load);
    await settle(db);
    log(`sales over HTTP, ${concurrency} clients over ${manyAccounts} accounts`);
    const salesManyAccounts = await graphqlSalesManyAccounts(server.url, accounts, load);
    await settle(db);
    log('hot item over HTTP');
    const hot = await graphqlSales(server.url, shop.token, target, true, load);
    await settle(db);
    log('hot item, same-SQL baseline');
    const hotSameSql = await sameSqlSales(db, config, shop.token, target, true, load);
    await settle(db);
    log('hot item, naive baseline');
    const hotNaive = await naiveSales(pool, target, true, load);
    await settle(db);

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
        {
          input: {
            shopId: `${Buffer.from(`Shop:${fanOutShop}`).toString('base64')}`,
            lines: [{ itemId: item.createItem.item.id, quantity: 1 }],
          },
        },
        shop.token,
      );
      if (sold.recordSale.alerts.length !== 1) throw new Error('the sale raised no alert');
    };
    log('alert fan-out, 1,000 subscribers');
    const fanOut1000 = await measureFanOut(server, shop.token, 1000, raiseAlert);
    await settle(db);
    log('alert fan-out, 5,000 subscribers');
    const fanOut5000 = await measureFanOut(server, shop.token, 5000, raiseAlert);
    await settle(db);
    log('alert fan-out, 1,000 SSE subscribers');
    const fanOutSse1000 = await measureFanOut(server, shop.token, 1000, raiseAlert, { transport: 'sse' });

    await settle(db);

    // 4: the report and the ledger at scale: 200,000 items x 5 shops with 1% below zero, and a
    // tenth of that, in two accounts of the same database (times BENCH_SCALE).
    const big = await createAccount(server, 'Bench Big Catalogue');
    const small = await createAccount(server, 'Bench Small Catalogue');
    const bigItems = Math.round(200_000 * scale);
    const smallItems = Math.round(20_000 * scale);
    const reportStock = 10;
    log(`seeding ${bigItems} items x 5 shops, 1% below zero`);
    const bigCatalogue = await seedCatalogue(db, big.accountId, { items: bigItems, shops: 5, stock: reportStock, negativeEvery: 100 });
    log(`seeding ${smallItems} items x 5 shops, 1% below zero`);
    await seedCatalogue(db, small.accountId, { items: smallItems, shops: 5, stock: reportStock, negativeEvery: 100 });
    // 5: negative episodes over 90 days, in an account of their own.
    const episodesAccount = await createAccount(server, 'Bench Episodes');
    log(`seeding ${episodesSeed.episodes.toLocaleString('en-US')} negative episodes over ${episodesSeed.days} days`);
    const episodes = await seedEpisodes(db, episodesAccount.accountId, episodesSeed);
    await settle(db);
    log('report first page');
    const reportBig = await timeReportFirstPage(server.url, big.token);
    const reportSmall = await timeReportFirstPage(server.url, small.token);
    const ledgerDepthPages = Math.max(1, Math.round(10_000 * scale));
    log(`ledger page 1 and page ${ledgerDepthPages}`);
    const ledgerFirst = await timeLedgerPage(server.url, big.token, null);
    const ledgerDeep = await timeLedgerPage(server.url, big.token, await ledgerPositionAt(db, big.accountId, 50 * ledgerDepthPages));
    // As of the instant between the big catalogue's receiving pass and its negative pass: the
    // quantities before 1% of the pairs went below zero, read back through the ledger.
    log(`inventory as of ${bigCatalogue.stockedAt.toISOString()}, first page`);
    const asOf = await timeAsOfFirstPage(server.url, big.token, bigCatalogue.stockedAt, reportStock);
    log('negative episodes breakdown');
    const breakdownSince = new Date(Date.now() - episodesSeed.days * 86_400_000);
    const breakdownShopReason = await timeBreakdown(
      server.url,
      episodesAccount.token,
      breakdownSince,
      ['SHOP', 'REASON'],
      episodes.episodes,
    );
    const breakdownEmployee = await timeBreakdown(server.url, episodesAccount.token, breakdownSince, ['EMPLOYEE'], episodes.episodes);

    const results = {
      generatedAt: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: (await import('node:os')).cpus().length,
        concurrency,
        poolSize,
        seconds: durationMs / 1000,
        scale,
      },
      salesPerSecond: sales.perSecond,
      salesP50Ms: sales.p50Ms,
      salesP99Ms: sales.p99Ms,
      salesNaivePerSecond: naive.perSecond,
      salesNaiveP99Ms: naive.p99Ms,
      salesVsNaiveRatio: round(sales.perSecond / naive.perSecond),
      salesP99VsNaive: round(sales.p99Ms / naive.p99Ms),
      salesSameSqlPerSecond: sameSql.perSecond,
      salesRatio: round(sales.perSecond / sameSql.perSecond),
      // Microseconds of CPU per sale: the bench's client, the server, the rest of the machine
      // (PostgreSQL). The client, server and database share the machine's cores, so the ratios
      // to the naive baseline follow these sums (README, Performance).
      salesCpuUsPerSale: {
        graphql: sales.cpu ?? null,
        naive: naive.cpu ?? null,
        sameSql: sameSql.cpu ?? null,
        ...(salesViaPooler ? { viaPooler: salesViaPooler.cpu ?? null } : {}),
      },
      // BENCH_POOLER=1 only: the same sales through PgBouncer, over the direct server's.
      ...(salesViaPooler
        ? {
            salesViaPoolerPerSecond: salesViaPooler.perSecond,
            salesViaPoolerP50Ms: salesViaPooler.p50Ms,
            salesViaPoolerP99Ms: salesViaPooler.p99Ms,
            salesViaPoolerRatio: round(salesViaPooler.perSecond / sales.perSecond),
          }
        : {}),
      salesManyAccounts: manyAccounts,
      salesManyAccountsPerSecond: salesManyAccounts.perSecond,
      salesManyAccountsP50Ms: salesManyAccounts.p50Ms,
      salesManyAccountsP99Ms: salesManyAccounts.p99Ms,
      salesManyAccountsVsNaiveRatio: round(salesManyAccounts.perSecond / naive.perSecond),
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
      alertServerCpuMs5000: fanOut5000.serverCpuMsPerAlert,
      alertSubscribersCpuMs5000: fanOut5000.subscribersCpuMsPerAlert,
      alertSseP50Ms1000: fanOutSse1000.p50Ms,
      alertSseP99Ms1000: fanOutSse1000.p99Ms,
      alertSseMaxMs1000: fanOutSse1000.maxMs,
      reportP50Ms: reportBig.p50Ms,
      reportP95Ms: reportBig.p95Ms,
      reportSmallP95Ms: reportSmall.p95Ms,
      reportGrowth10x: round(reportBig.p95Ms / reportSmall.p95Ms),
      ledgerFirstPageP50Ms: ledgerFirst.p50Ms,
      ledgerDeepPageP50Ms: ledgerDeep.p50Ms,
      ledgerDepthPages,
      ledgerDepthRatio: round(ledgerDeep.p50Ms / ledgerFirst.p50Ms),
      asOfPageP50Ms: asOf.p50Ms,
      asOfPageP95Ms: asOf.p95Ms,
      asOfVsReportRatio: round(asOf.p95Ms / reportBig.p95Ms),
      breakdownEpisodes: episodes.episodes,
      breakdownResolvedEpisodes: episodes.resolved,
      breakdownDays: episodesSeed.days,
      breakdownP50Ms: breakdownShopReason.p50Ms,
      breakdownP95Ms: breakdownShopReason.p95Ms,
      breakdownEmployeeP95Ms: breakdownEmployee.p95Ms,
      details: {
        sales,
        ...(salesViaPooler ? { salesViaPooler } : {}),
        naive,
        sameSql,
        salesManyAccounts,
        hot,
        hotSameSql,
        hotNaive,
        fanOut1000,
        fanOut5000,
        fanOutSse1000,
        reportBig,
        reportSmall,
        ledgerFirst,
        ledgerDeep,
        asOf,
        breakdownShopReason,
        breakdownEmployee,
      },
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

/** A target on one figure of results.json; `table` says whether the run met it. */
interface Target {
  key: string;
  op: '>=' | '<=' | '<';
  value: number;
  label: string;
}

const targets: Record<string, Target[]> = {
  sales: [
    { key: 'salesVsNaiveRatio', op: '>=', value: 1.2, label: '1.2x naive' },
    { key: 'salesRatio', op: '>=', value: 0.6, label: '0.6x same SQL' },
    { key: 'salesP99VsNaive', op: '<=', value: 3, label: "p99 at most 3x naive's" },
  ],
  salesViaPooler: [{ key: 'salesViaPoolerRatio', op: '>=', value: 0.9, label: '0.9x direct' }],
  salesManyAccounts: [{ key: 'salesManyAccountsVsNaiveRatio', op: '>=', value: 1.2, label: '1.2x naive' }],
  hot: [{ key: 'hotItemRatio', op: '>=', value: 0.5, label: '0.5x same SQL' }],
  fanOut1000: [{ key: 'alertP99Ms1000', op: '<=', value: 30, label: 'p99 30 ms' }],
  fanOut5000: [
    { key: 'alertP99Ms5000', op: '<=', value: 100, label: 'p99 100 ms' },
    { key: 'serverKbPerSubscriber', op: '<=', value: 10, label: '10 KiB per subscriber' },
  ],
  report: [
    { key: 'reportP95Ms', op: '<=', value: 25, label: 'p95 25 ms' },
    { key: 'reportGrowth10x', op: '<', value: 1.5, label: 'growth < 1.5x' },
  ],
  ledger: [{ key: 'ledgerDepthRatio', op: '<=', value: 1.5, label: '1.5x' }],
  asOf: [{ key: 'asOfVsReportRatio', op: '<=', value: 2, label: "2x the report's" }],
};

function verdict(r: Record<string, unknown>, list: Target[] = []): string {
  return list
    .map(({ key, op, value, label }) => {
      const figure = Number(r[key]);
      const met = op === '>=' ? figure >= value : op === '<=' ? figure <= value : figure < value;
      return `${label}: ${met ? 'met' : '**not met**'}`;
    })
    .join('; ');
}

function cpuCell(cpu: CpuPerOperation | null): string {
  if (!cpu) return 'not measured';
  const pooler = cpu.poolerUs === undefined ? '' : `, PgBouncer ${cpu.poolerUs}`;
  return `${cpu.clientUs} / ${cpu.serverUs} / ${cpu.databaseUs} (total ${cpu.totalUs}${pooler})`;
}

/** The README's Performance table (same columns), for this run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results.json as written above
function table(r: Record<string, unknown> & { [key: string]: any }): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const bigLevels = Math.round(200_000 * r.machine.scale) * 5;
  const rows: [string, string, string, string, string][] = [
    [
      'Sales, one line, 10,000 items x 5 shops',
      `${r.salesPerSecond}/s, p50 ${r.salesP50Ms} ms, p99 ${r.salesP99Ms} ms`,
      `naive hand-written transaction ${n(r.salesNaivePerSecond)}/s, p99 ${r.salesNaiveP99Ms} ms; the server's own statements without GraphQL ${n(r.salesSameSqlPerSecond)}/s`,
      `${r.salesVsNaiveRatio}x naive; ${r.salesRatio}x same SQL; p99 ${r.salesP99VsNaive}x naive's`,
      verdict(r, targets.sales),
    ],
    [
      'CPU per sale: client / server / database (µs)',
      cpuCell(r.salesCpuUsPerSale.graphql),
      `naive ${cpuCell(r.salesCpuUsPerSale.naive)}; same SQL ${cpuCell(r.salesCpuUsPerSale.sameSql)}`,
      '',
      '',
    ],
    ...poolerRows(r),
    [
      `Sales, one line, over ${r.salesManyAccounts} accounts of ${n(manyAccountsCatalogue.items)} items x ${manyAccountsCatalogue.shops} shops`,
      `${r.salesManyAccountsPerSecond}/s, p50 ${r.salesManyAccountsP50Ms} ms, p99 ${r.salesManyAccountsP99Ms} ms`,
      `naive ${n(r.salesNaivePerSecond)}/s (its one catalogue)`,
      `${r.salesManyAccountsVsNaiveRatio}x naive`,
      verdict(r, targets.salesManyAccounts),
    ],
    [
      'Hot item: every sale on one item at one shop',
      `${r.hotItemPerSecond}/s`,
      `same SQL ${n(r.hotItemSameSqlPerSecond)}/s; naive ${n(r.hotItemNaivePerSecond)}/s`,
      `${r.hotItemRatio}x same SQL`,
      verdict(r, targets.hot),
    ],
    [
      'Alert fan-out, 1,000 graphql-ws subscribers',
      `p50 ${r.alertP50Ms1000} ms, p99 ${r.alertP99Ms1000} ms`,
      '',
      '',
      verdict(r, targets.fanOut1000),
    ],
    [
      'Alert fan-out, 5,000 subscribers',
      `p50 ${r.alertP50Ms5000} ms, p99 ${r.alertP99Ms5000} ms; ${r.serverKbPerSubscriber} KiB of server memory per subscriber`,
      `CPU per alert: server ${r.alertServerCpuMs5000} ms, subscribers' process ${r.alertSubscribersCpuMs5000} ms`,
      '',
      verdict(r, targets.fanOut5000),
    ],
    ['Alert fan-out, 1,000 SSE subscribers', `p50 ${r.alertSseP50Ms1000} ms, p99 ${r.alertSseP99Ms1000} ms`, '', '', ''],
    [
      `Negative inventory report, first page of 50 (${n(bigLevels)} levels, ${n(bigLevels / 100)} below zero)`,
      `p50 ${r.reportP50Ms} ms, p95 ${r.reportP95Ms} ms`,
      `a tenth of the catalogue: p95 ${r.reportSmallP95Ms} ms`,
      `${r.reportGrowth10x}x for a 10x catalogue`,
      verdict(r, targets.report),
    ],
    [
      `Ledger page at depth ${n(r.ledgerDepthPages)} (first = 50)`,
      `p50 ${r.ledgerDeepPageP50Ms} ms`,
      `page 1: p50 ${r.ledgerFirstPageP50Ms} ms`,
      `${r.ledgerDepthRatio}x`,
      verdict(r, targets.ledger),
    ],
    [
      `Inventory as of an instant, first page of 50 (${n(bigLevels)} levels)`,
      `p50 ${r.asOfPageP50Ms} ms, p95 ${r.asOfPageP95Ms} ms`,
      `the report's first page: p95 ${r.reportP95Ms} ms`,
      `${r.asOfVsReportRatio}x the report`,
      verdict(r, targets.asOf),
    ],
    [
      `Negative episodes breakdown, ${r.breakdownDays} days, ${n(r.breakdownEpisodes)} episodes (${n(r.breakdownResolvedEpisodes)} ended), by shop and reason`,
      `p50 ${r.breakdownP50Ms} ms, p95 ${r.breakdownP95Ms} ms`,
      `by employee: p95 ${r.breakdownEmployeeP95Ms} ms`,
      '',
      '',
    ],
  ];
  const header = '| Scenario | Measured | Baseline (same run) | Ratio | Target |\n|---|---|---|---|---|';
  return [header, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** BENCH_POOLER=1's rows: the sales through PgBouncer, and its CPU per sale; none without it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- results.json as written above
function poolerRows(r: Record<string, unknown> & { [key: string]: any }): [string, string, string, string, string][] {
  if (r.salesViaPoolerRatio === undefined) return [];
  return [
    [
      `Sales as above, through PgBouncer (transaction mode, pool of ${r.machine.poolSize})`,
      `${r.salesViaPoolerPerSecond}/s, p50 ${r.salesViaPoolerP50Ms} ms, p99 ${r.salesViaPoolerP99Ms} ms`,
      `direct ${r.salesPerSecond.toLocaleString('en-US')}/s`,
      `${r.salesViaPoolerRatio}x direct`,
      verdict(r, targets.salesViaPooler),
    ],
    ['CPU per sale through PgBouncer: client / server / database (µs)', cpuCell(r.salesCpuUsPerSale.viaPooler), '', '', ''],
  ];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
