import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The dashboard's browser code is bundled by esbuild's JS API inside the server process, at
// start-up, and served from memory. Why not a build step: the README's two commands
// (`npm ci && npm start`, `npm test`) then work on a fresh clone with nothing else to run, and the
// page can never be stale against the server it comes with. A bundle of this size takes well
// under a second. `npm run build:dashboard` writes the same files to dist/dashboard/ for anyone
// who wants to look at them or serve them elsewhere.

export interface DashboardBundle {
  js: string;
  css: string;
  jsMap: string;
  /** A short hash of the bundle: the page asks for `app.js?v=<version>`, so browsers may cache it. */
  version: string;
}

const entryPoint = fileURLToPath(new URL('./client/main.ts', import.meta.url));

export async function bundleDashboard(): Promise<DashboardBundle> {
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
    // Output paths are only names here (write: false): the plugin serves them from memory.
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
  const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
  return { js, css, jsMap: file('app.js.map'), version };
}

let bundled: Promise<DashboardBundle> | undefined;

/** The bundle, built once per process (every app in the process serves the same files). */
export function dashboardBundle(): Promise<DashboardBundle> {
  bundled ??= bundleDashboard();
  return bundled;
}
