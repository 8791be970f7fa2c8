import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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

/**
 * Brings the database to the latest migration. Kysely's Migrator holds a PostgreSQL advisory lock
 * while it runs, so instances starting together take turns and the second finds nothing to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new MigrationFolderProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? 'unknown failure'));
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause.message}`, { cause });
  }
  return (results ?? []).map((result) => result.migrationName);
}
