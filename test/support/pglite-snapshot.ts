import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// vitest's globalSetup: PGlite data directories saved as tarballs that each PGlite test database
// starts from (test/support/database.ts), one just made and one with every migration applied. A
// fresh PGlite runs initdb in WebAssembly first: 2 to 5 s of CPU on a 2-core machine, for every
// database of every file; starting from a tarball takes well under a second, and a server's own
// migration at start then finds nothing to do.

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite data directories as tarballs (PGlite's dumpDataDir): empty, and migrated. */
    pgliteSnapshots: { empty: string; migrated: string };
  }
}

const repoRoot = new URL('../../', import.meta.url);

/** What a snapshot depends on: PGlite's version, and for the migrated one the migrations and the code that runs them. */
async function snapshotKey(migrated: boolean): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(new URL('node_modules/@electric-sql/pglite/package.json', repoRoot)));
  if (migrated) {
    const migrations = (await readdir(new URL('migrations/', repoRoot))).sort();
    for (const name of migrations) hash.update(name).update(await readFile(new URL(`migrations/${name}`, repoRoot)));
    hash.update(await readFile(new URL('src/db/migrate.ts', repoRoot)));
  }
  return `${migrated ? 'migrated' : 'empty'}-${hash.digest('hex').slice(0, 16)}`;
}

/**
 * A snapshot's path, made when missing. Kept in the temporary directory between runs (the key
 * changes with any migration); written under another name and renamed, so that runs starting at
 * the same time never read half a file.
 */
export async function pgliteSnapshot(migrated: boolean): Promise<string> {
  const path = join(tmpdir(), `negative-inventory-pglite-${await snapshotKey(migrated)}.tar`);
  if (existsSync(path)) return path;
  const { db, pglite } = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    if (migrated) await migrateToLatest(db);
    const tarball = await pglite!.dumpDataDir('none');
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await db.destroy();
  }
  return path;
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteSnapshots', { empty: await pgliteSnapshot(false), migrated: await pgliteSnapshot(true) });
}
