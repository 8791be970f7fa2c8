import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';

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

/** A fresh, empty database for one suite: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ kind: 'pglite', dataDir: undefined });
    return { handle, drop: () => handle.db.destroy() };
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = databaseUrl(name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: options.poolSize ?? 10 });
  return {
    handle,
    url,
    async drop() {
      await handle.db.destroy();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
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
