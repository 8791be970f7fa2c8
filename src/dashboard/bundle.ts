import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// The dashboard's browser code, bundled by esbuild, is served by the server it comes with. Which
// bundle depends on how the server runs, by one rule:
// - from source (`npm run dev`, the tests: this file is .ts), the server bundles it in memory when
//   it starts (well under a second), so a page being worked on is never stale against its server;
// - compiled (`npm start`: dist/src/dashboard/bundle.js), it serves the files `npm run build` wrote
//   to dist/dashboard/ beside it, and never loads esbuild: starting stays fast, and the page is the
//   one built with that server.

export interface DashboardBundle {
  js: string;
  css: string;
  jsMap: string;
  /** A short hash of the bundle: the page asks for `app.js?v=<version>`, so browsers may cache it. */
  version: string;
}

const runningFromSource = import.meta.url.endsWith('.ts');
const entryPoint = fileURLToPath(new URL('./client/main.ts', import.meta.url));

/** A short hash of the files, the same whether bundled now or read from dist/dashboard/. */
function versionOf(js: string, css: string): string {
  return createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
}

/** Bundles the dashboard from src/dashboard/client/ (for `npm run build`, and the server run from source). */
export async function bundleDashboard(): Promise<DashboardBundle> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { app: entryPoint },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Browsers of the last few years on laptops and tablets (the graphql-ws client needs ES2020).
    target: ['chrome109', 'edge109', 'firefox115', 'safari15.4'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    // Output paths are only names here (write: false): the caller serves or writes the files.
    outdir: '/dashboard',
    logLevel: 'silent',
  });
  const file = (name: string): string => {
    const output = result.outputFiles.find((candidate) => candidate.path === `/dashboard/${name}`);
    if (!output) throw new Error(`esbuild produced no ${name}`);
    return output.text;
  };
  const js = file('app.js');
  const css = file('app.css');
  return { js, css, jsMap: file('app.js.map'), version: versionOf(js, css) };
}

/** What `npm run build` wrote to dist/dashboard/ (scripts/build.ts), for the compiled server. */
async function prebuiltDashboard(): Promise<DashboardBundle> {
  const folder = new URL('../../dashboard/', import.meta.url);
  const read = (name: string) => readFile(new URL(name, folder), 'utf8');
  const [js, css, jsMap] = await Promise.all([read('app.js'), read('app.css'), read('app.js.map')]);
  return { js, css, jsMap, version: versionOf(js, css) };
}

let bundled: Promise<DashboardBundle> | undefined;

/** The bundle, made or read once per process (every app in the process serves the same files). */
export function dashboardBundle(): Promise<DashboardBundle> {
  bundled ??= runningFromSource ? bundleDashboard() : prebuiltDashboard();
  return bundled;
}
