import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { dashboardBundle, type DashboardBundle } from './bundle.js';
import { dashboardPage, favicon } from './page.js';

// GET /dashboard: the negative inventory dashboard, a browser client of the public API like any
// other (it talks to /graphql over fetch and graphql-ws and reads the CSV export). It is served by
// the API so that a manager needs nothing but the server's address.

const contentTypes = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
} as const;

type Asset = { body: string; type: keyof typeof contentTypes; versioned: boolean };

export function useDashboard(logger: Logger): Plugin {
  // Start bundling (from source) or reading dist/dashboard/ (compiled; see bundle.ts) with the
  // server, so the first visit doesn't wait for it and a broken bundle shows up in the log at start-up.
  const started = Date.now();
  const bundle = dashboardBundle();
  bundle.then(
    () => logger.debug({ ms: Date.now() - started }, 'dashboard bundled'),
    (error: unknown) => logger.error({ err: error }, 'bundling the dashboard failed: GET /dashboard answers 500'),
  );

  const assetFor = (pathname: string, files: DashboardBundle): Asset | undefined => {
    switch (pathname) {
      case '/dashboard':
      case '/dashboard/':
        return { body: dashboardPage(files.version), type: 'html', versioned: false };
      case '/dashboard/app.js':
        return { body: files.js, type: 'js', versioned: true };
      case '/dashboard/app.js.map':
        return { body: files.jsMap, type: 'map', versioned: false };
      case '/dashboard/app.css':
        return { body: files.css, type: 'css', versioned: true };
      case '/dashboard/favicon.svg':
        return { body: favicon, type: 'svg', versioned: false };
      default:
        return undefined;
    }
  };

  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/dashboard' && !url.pathname.startsWith('/dashboard/')) return;
      const text = (status: number, body: string, headers: Record<string, string> = {}) =>
        endResponse(new fetchAPI.Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } }));
      if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed.', { allow: 'GET, HEAD' });

      let files: DashboardBundle;
      try {
        files = await bundle;
      } catch {
        return text(500, 'The dashboard could not be built; the server log says why.');
      }
      const asset = assetFor(url.pathname, files);
      if (!asset) return text(404, 'Not found.');

      const headers: Record<string, string> = {
        'content-type': contentTypes[asset.type],
        'x-content-type-options': 'nosniff',
        // A file asked for by its current version never changes; anything else is checked each time.
        'cache-control':
          asset.versioned && url.searchParams.get('v') === files.version ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      if (asset.type === 'html') {
        // The page runs only our own script and talks only to this server (HTTP and WebSocket).
        // Everything it shows from the API goes in as text, never as markup.
        headers['content-security-policy'] = [
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data: blob:",
          `connect-src 'self' ws://${url.host} wss://${url.host}`,
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
        ].join('; ');
        headers['referrer-policy'] = 'no-referrer';
      }
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : asset.body, { status: 200, headers }));
    },
  };
}
