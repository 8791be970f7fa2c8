import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { AccountModulesTable, AccountsTable } from '../accounts/accounts.tables.js';
import type { NegativeInventoryAlertsTable } from '../alerts/alerts.tables.js';
import type { ApiKeysTable, SessionsTable } from '../auth/auth.tables.js';
import type { DatabaseConfig } from '../config/config.js';
import type { InventoryCountLinesTable, InventoryCountsTable } from '../counts/counts.tables.js';
import type { EmployeesTable, SignInEmailsTable } from '../employees/employees.tables.js';
import type { IdempotencyKeysTable } from '../idempotency/idempotency.tables.js';
import type { InventoryAdjustmentsTable, InventoryLevelsTable } from '../inventory/inventory.tables.js';
import type { ItemsTable } from '../items/items.tables.js';
import type { SaleLinesTable, SalesTable } from '../sales/sales.tables.js';
import type { ShopsTable } from '../shops/shops.tables.js';
import type { TransferLinesTable, TransfersTable } from '../transfers/transfers.tables.js';
import type { VendorReturnLinesTable, VendorReturnsTable } from '../vendor-returns/vendor-returns.tables.js';
import { PGliteDialect, pgliteParsers } from './pglite-dialect.js';
import { ReadReplica } from './read-replica.js';

export interface Database {
  accounts: AccountsTable;
  account_modules: AccountModulesTable;
  employees: EmployeesTable;
  sign_in_emails: SignInEmailsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  shops: ShopsTable;
  items: ItemsTable;
  inventory_levels: InventoryLevelsTable;
  inventory_adjustments: InventoryAdjustmentsTable;
  negative_inventory_alerts: NegativeInventoryAlertsTable;
  idempotency_keys: IdempotencyKeysTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  transfers: TransfersTable;
  transfer_lines: TransferLinesTable;
  vendor_returns: VendorReturnsTable;
  vendor_return_lines: VendorReturnLinesTable;
  inventory_counts: InventoryCountsTable;
  inventory_count_lines: InventoryCountLinesTable;
}

export type DB = Kysely<Database>;

/** The database a server runs on, with what it needs to close it. */
export interface DatabaseHandle {
  db: DB;
  kind: DatabaseConfig['kind'];
  /** The embedded database, when that is what we run on (it also delivers NOTIFY in-process). */
  pglite?: PGlite;
  /** The pool, when on PostgreSQL: for pool statistics. */
  pool?: pg.Pool;
  /**
   * Where a session of its own goes, when on PostgreSQL: the LISTEN connection
   * (LISTEN_DATABASE_URL). Never through a transaction pooler, which would hand it to other clients.
   */
  listenConnection?: pg.ClientConfig;
}

const defaultTimeouts = { statementMs: 30_000, idleInTransactionMs: 10_000, connectMs: 5_000 };

type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;

/**
 * A pool's connection settings. Directly on PostgreSQL the server-side timeouts are startup
 * parameters: every connection has them from its first statement. A transaction pooler
 * (PgBouncer) refuses startup parameters it doesn't know, and its server connections are shared by
 * every client, so there the timeouts are the pooler's (query_timeout, idle_transaction_timeout)
 * or the database role's (ALTER ROLE ... SET statement_timeout): README, Scaling out.
 */
export function poolSettings(config: Pick<PostgresConfig, 'url' | 'poolSize' | 'timeouts' | 'pooler'>): pg.PoolConfig {
  const timeouts = config.timeouts ?? defaultTimeouts;
  return {
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    ...(config.pooler === 'transaction'
      ? {}
      : { statement_timeout: timeouts.statementMs, idle_in_transaction_session_timeout: timeouts.idleInTransactionMs }),
    // The client's own limit, a second past the server's: by then a healthy server has answered,
    // if only with "canceling statement due to statement timeout". No answer means it can't be
    // reached (a network dropping packets, a host that died), which statement_timeout, enforced
    // by that server, can't notice: without this a request on a connection opened before the
    // outage would wait for TCP to give up, many minutes later. It fails as SERVICE_UNAVAILABLE.
    ...(timeouts.statementMs > 0 ? { query_timeout: timeouts.statementMs + 1_000 } : {}),
  };
}

/** A pool whose broken connections are logged rather than crashing the process. */
export function openPool(settings: pg.PoolConfig, onPoolError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool(settings);
  // An idle client whose server went away emits 'error' on the pool; without a listener the
  // process would crash. The next checkout gets a fresh connection.
  pool.on('error', onPoolError);
  // A client checked out when its connection drops emits 'error' too; the query it was running
  // fails on its own, and this keeps the process up.
  pool.on('connect', (client) => client.on('error', onPoolError));
  return pool;
}

export async function openDatabase(config: DatabaseConfig, onPoolError: (error: Error) => void = () => {}): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const settings = poolSettings(config);
    const pool = openPool(settings, onPoolError);
    // LISTEN's connection has the pool's settings, on its own URL when there is one.
    const listenConnection: pg.ClientConfig = { ...settings, connectionString: config.listenUrl ?? config.url };
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres', pool, listenConnection };
  }
  if (config.dataDir !== undefined) await mkdir(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir, { parsers: pgliteParsers });
  return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), kind: 'pglite', pglite };
}

/** The read replica (READ_DATABASE_URL) with its lag check running; null without one. */
export async function openReadReplica(config: DatabaseConfig, primary: DB, logger: Logger): Promise<ReadReplica | null> {
  if (config.kind !== 'postgres' || !config.readReplica) return null;
  const pool = openPool(poolSettings({ ...config, url: config.readReplica.url }), (error) =>
    logger.warn({ err: error }, 'idle read replica connection failed'),
  );
  const replica = new ReadReplica(primary, new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), logger, {
    maxLagMs: config.readReplica.maxLagMs,
  });
  await replica.start();
  return replica;
}
