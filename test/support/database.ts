import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PGliteDialect, pgliteParsers } from '../../src/db/pglite-dialect.js';

export type Backend = 'pglite' | 'postgres';

export const backend: Backend = process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export const postgresServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the same server as `url`. */
export function databaseUrl(name: string, url = postgresServerUrl): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Set on PostgreSQL: the fresh database's URL, for a second server process or a raw client. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one suite: in-memory PGlite, or a new PostgreSQL database. Empty, or with
 * every migration applied when `migrated` (as a server leaves it once started).
 */
export async function createTestDatabase(options: { poolSize?: number; migrated?: boolean } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await openPgliteSnapshot(options.migrated ? 'migrated' : 'empty');
    return { handle, drop: () => handle.db.destroy() };
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = databaseUrl(name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: options.poolSize ?? 10 });
  if (options.migrated) await migrateToLatest(handle.db);
  return {
    handle,
    url,
    async drop() {
      await handle.db.destroy();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export interface ServerDatabase {
  /** The server variables that point a server process at it: DATA_DIR or DATABASE_URL. */
  variables: Record<string, string>;
  /** On PostgreSQL, its URL (for a client of the test's own). */
  url?: string;
}

/**
 * A database of the suite's backend for server processes (`npm start`, `npm run demo`) to open as
 * configured: PGlite files in an empty temporary DATA_DIR, or a new PostgreSQL database. Made in
 * beforeAll, removed in afterAll (after the file's own afterAll, which stops its processes).
 */
export function useServerDatabase(): ServerDatabase {
  const database: ServerDatabase = { variables: {} };
  let dataDir: string | undefined;
  let postgres: TestDatabase | undefined;
  beforeAll(async () => {
    if (backend === 'postgres') {
      postgres = await createTestDatabase({ poolSize: 1 });
      database.url = postgres.url;
      database.variables = { DATABASE_URL: postgres.url! };
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'negative-inventory-'));
      database.variables = { DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await postgres?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return database;
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * An in-memory PGlite started from a snapshot (test/support/pglite-snapshot.ts) rather than from
 * initdb, opened as openDatabase opens one: with our parsers and dialect.
 */
async function openPgliteSnapshot(which: 'empty' | 'migrated'): Promise<DatabaseHandle> {
  const snapshot = await readFile(inject('pgliteSnapshots')[which]);
  const pglite = await PGlite.create({ loadDataDir: new Blob([snapshot]), parsers: pgliteParsers });
  return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), kind: 'pglite', pglite };
}
