import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

// Infrastructure some tests start for themselves (test/support/pgbouncer.ts, test/support/replica.ts)
// from programs that aren't npm packages: PgBouncer, and PostgreSQL's server binaries. A developer
// machine may lack them; a test file that needs them is then skipped, with a warning saying what
// to install. Where they must be there (CI), REQUIRE_SCALE_OUT_PARTS=1 turns the skip into a
// failure, so that a missing package can't quietly turn those tests off.
//
//   describe.skipIf(skipWithout(pgbouncerMissing()))('through PgBouncer', () => { ... });

/**
 * For describe.skipIf: false when nothing is missing; true (skip, with a warning) when something
 * is, unless REQUIRE_SCALE_OUT_PARTS=1, which makes it throw instead, failing the file.
 * `missing` is the reason, as pgbouncerMissing() and postgresBinariesMissing() give it.
 */
export function skipWithout(missing: string | undefined): boolean {
  if (missing === undefined) return false;
  if (process.env.REQUIRE_SCALE_OUT_PARTS === '1') throw new Error(`${missing} (required: REQUIRE_SCALE_OUT_PARTS=1)`);
  console.warn(`skipped: ${missing}`);
  return true;
}

/** Finds a program on PATH or in the given folders (sbin folders are often not on a user's PATH). */
export function findProgram(name: string, alsoIn: string[] = []): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter), ...alsoIn].filter((folder) => folder !== '');
  return folders.map((folder) => join(folder, name)).find((path) => existsSync(path));
}

/**
 * PostgreSQL and PgBouncer refuse to run as root. As root (a container, CI), they run as the
 * `postgres` OS user, which the Debian packages create; as anyone else, as oneself.
 */
export const runsAsRoot = process.getuid?.() === 0;

export const serviceUser = 'postgres';

/** Hands a folder made by root to the service user, who will write its files there. */
export async function giveToServiceUser(folder: string): Promise<void> {
  if (!runsAsRoot) return;
  const id = (flag: string) => Number(execFileSync('id', [flag, serviceUser], { encoding: 'utf8' }).trim());
  await chown(folder, id('-u'), id('-g'));
}
