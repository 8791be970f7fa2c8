import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { bundleDashboard } from '../src/dashboard/bundle.js';
import { dashboardPage } from '../src/dashboard/page.js';

// What `npm start` runs, compiled (`npm run build`; `prepare` runs it after `npm ci`, and `npm
// start` runs it again first when dist/ is older than its sources: scripts/dist-is-current.mjs).
//
//   dist/src/**/*.js, dist/migrations/*.js  one file for each of ours, where its source is, so a
//       path relative to a module (src/db/migrate.ts finds ../../migrations/) holds in dist/ too;
//   dist/vendor/*.js  the dependencies they import, bundled into a few shared files;
//   dist/dashboard/   the dashboard's browser bundle, which the compiled server serves as it is;
//   dist/.built       written last, dated when the build started: what the staleness check reads.
//
// esbuild rather than tsc: most of a start from one .js file per source file is Node opening and
// compiling the ~1,000 files of the dependencies (kysely, graphql-tools, zod, yoga, Pothos); with
// those bundled, starting takes half the CPU (measured to /ready on PostgreSQL: ~1,150 ms of CPU
// against ~550 ms). Like tsx, esbuild only strips types: `npm run typecheck` (and CI) checks them.

// Left to Node, as installed: packages that load files of their own at run time (PGlite's WebAssembly
// and data files, argon2's native addon, pino's transport workers), pg (it looks for the optional
// pg-native), and esbuild, which only the server run from source imports (src/dashboard/bundle.ts).
const external = ['@electric-sql/pglite', '@node-rs/argon2', 'pg', 'pino', 'esbuild'];

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

// Our imports of our own files stay imports (`./app.js` next to `main.js`): each of our modules is
// an entry point of its own, and only what they import from node_modules is bundled.
const ownModulesStaySeparate: Plugin = {
  name: 'own-modules-stay-separate',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) =>
      args.kind === 'entry-point' || args.importer.includes('/node_modules/') ? undefined : { path: args.path, external: true },
    );
  },
};

async function sourceFiles(folder: string): Promise<string[]> {
  const files = await readdir(`${repositoryRoot}${folder}`, { recursive: true });
  return files
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => `${folder}/${file}`)
    .filter((file) => !file.startsWith('src/dashboard/client/'));
}

/** Writes the compiled server to `outDir` (emptied first), as laid out above. */
export async function buildServer(outDir: string): Promise<void> {
  const startedAt = new Date();
  await rm(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: repositoryRoot,
    entryPoints: [...(await sourceFiles('src')), ...(await sourceFiles('migrations'))],
    outdir: outDir,
    outbase: '.',
    chunkNames: 'vendor/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    plugins: [ownModulesStaySeparate],
    // Bundled CommonJS packages (graphql, ws, pg's helpers) call require(): give them Node's.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // For `node --enable-source-maps` (package.json's start): stacks name the .ts files and lines.
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });

  const dashboard = await bundleDashboard();
  const dashboardFolder = `${outDir}/dashboard`;
  await mkdir(dashboardFolder, { recursive: true });
  await writeFile(`${dashboardFolder}/app.js`, dashboard.js);
  await writeFile(`${dashboardFolder}/app.js.map`, dashboard.jsMap);
  await writeFile(`${dashboardFolder}/app.css`, dashboard.css);
  // Not read by the server (it makes the page itself): for serving the dashboard from elsewhere.
  await writeFile(`${dashboardFolder}/index.html`, dashboardPage(dashboard.version));

  // Dated when the build started, so a source saved while it ran still counts as newer.
  const stamp = `${outDir}/.built`;
  await writeFile(stamp, '');
  await utimes(stamp, startedAt, startedAt);
}
