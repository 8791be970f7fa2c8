// `npm start` runs this first (its prestart: `node scripts/dist-is-current.mjs || npm run build`):
// exits 0 when dist/ was built after the last change to anything it is built from, 1 (saying why)
// when it wasn't, so that after a `git pull` or an edit `npm start` never runs stale code. Plain
// JavaScript without dependencies: it runs before every start, and stats ~200 files in a few ms.
import { readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('../', import.meta.url);
// node_modules/.package-lock.json is rewritten by every install: new dependencies mean new
// dist/vendor/ files.
const inputs = ['src', 'migrations', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'];

let builtAt;
try {
  builtAt = statSync(new URL('dist/.built', root)).mtimeMs;
} catch {
  process.stderr.write('dist/ has not been built yet: building it (npm run build).\n');
  process.exit(1);
}

/** The path under `input` changed last (directories count: adding, renaming or deleting a file dates its folder). */
function newest(input) {
  const stats = statSync(new URL(input, root), { throwIfNoEntry: false });
  if (!stats) return undefined;
  let latest = { path: input, mtimeMs: stats.mtimeMs };
  if (stats.isDirectory()) {
    for (const entry of readdirSync(new URL(input, root), { recursive: true })) {
      const path = `${input}/${entry}`;
      // Undefined when the file went away since the listing (its folder's date says so anyway).
      const mtimeMs = statSync(new URL(path, root), { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (mtimeMs > latest.mtimeMs) latest = { path, mtimeMs };
    }
  }
  return latest;
}

for (const input of inputs) {
  const latest = newest(input);
  if (latest && latest.mtimeMs > builtAt) {
    process.stderr.write(`${latest.path} changed since dist/ was built: rebuilding it (npm run build).\n`);
    process.exit(1);
  }
}
