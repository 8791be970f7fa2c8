import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseConfig } from '../config/config.js';
import { raiseLedgerEpochIfRestored } from '../inventory/ledger-order.js';
import { openPool, poolSettings, type Database, type DatabaseHandle } from './database.js';

const migrationsFolder = fileURLToPath(new URL('../../migrations/', import.meta.url));

/**
 * Kysely's FileMigrationProvider imports the files from inside node_modules, which a test runner
 * that transforms TypeScript (vitest) does not see; importing them from our own module works
 * under tsx and vitest alike.
 */
class MigrationFolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationsFolder)).filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'));
    const migrations: Record<string, Migration> = {};
    for (const file of files.sort()) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(migrationsFolder + file).href)) as Migration;
    }
    return migrations;
  }
}

/** Brings the database to (and not past) the named migration: for tests of a migration's data changes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database as it was then, not as Database types it now
export async function migrateTo(db: Kysely<any>, migrationName: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new MigrationFolderProvider() });
  const { error } = await migrator.migrateTo(migrationName);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * Brings the database to the latest migration. Kysely's Migrator holds a PostgreSQL advisory lock
 * while it runs, so instances starting together take turns and the second finds nothing to do.
 * Then checks the ledger's epoch (src/inventory/ledger-order.ts): `npm run migrate` after restoring
 * a dump is what makes rows written from then on sort after the restored ones.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as migrateTo
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new MigrationFolderProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown failure'));
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause });
  }
  // After a restore into another cluster, the ledger's order needs a new epoch before any write.
  await raiseLedgerEpochIfRestored(db);
  return (results ?? []).map((result) => result.migrationName);
}

/**
 * Migrates the configured database: on MIGRATION_DATABASE_URL when that is another connection than
 * the pool's. Behind a transaction pooler (DATABASE_POOLER=transaction) it should be a direct one:
 * the migrator's lock and DDL then run on a session of their own, and a pooler's query_timeout
 * can't cut a long migration short.
 */
export async function migrateDatabase(handle: DatabaseHandle, config: DatabaseConfig): Promise<string[]> {
  if (config.kind !== 'postgres' || config.migrationUrl === undefined || config.migrationUrl === config.url) {
    return migrateToLatest(handle.db);
  }
  const settings = poolSettings({ ...config, url: config.migrationUrl, poolSize: 1, pooler: 'none' });
  const direct = new Kysely<Database>({ dialect: new PostgresDialect({ pool: openPool(settings, () => {}) }) });
  try {
    return await migrateToLatest(direct);
  } finally {
    await direct.destroy();
  }
}
