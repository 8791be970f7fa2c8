import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { allOperations } from '../src/dashboard/client/operations.js';
import { schema } from '../src/schema/schema.js';
import { useTestApp } from './support/harness.js';

// What the server does for the dashboard: the page and its bundle, built at start-up and served
// from memory, and the operations the page sends, which must keep matching the schema.

const t = useTestApp();

describe('GET /dashboard', () => {
  it('serves the page with a strict content security policy', async () => {
    const response = await t.fetch('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const html = await response.text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<script type="module" src="\/dashboard\/app\.js\?v=[0-9a-f]{12}"><\/script>/);
    expect((await t.fetch('/dashboard/')).status).toBe(200);
  });

  it('serves the bundle it links to, cacheable for good under its version', async () => {
    const html = await (await t.fetch('/dashboard')).text();
    const script = /src="(\/dashboard\/app\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    const stylesheet = /href="(\/dashboard\/app\.css\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(stylesheet).toBeDefined();

    const js = await t.fetch(script!);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const code = await js.text();
    // The graphql-ws browser client is in the bundle, and nothing from the server side.
    expect(code).toContain('graphql-transport-ws');
    expect(/kysely|pglite|pothos/i.test(code)).toBe(false);
    expect(code.length).toBeLessThan(150_000);
    expect(code).toContain('//# sourceMappingURL=app.js.map');
    expect((await t.fetch('/dashboard/app.js.map')).status).toBe(200);

    const css = await t.fetch(stylesheet!);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');

    // Without the current version, the browser checks again each time.
    expect((await t.fetch('/dashboard/app.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await t.fetch('/dashboard/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers 404 for anything else under /dashboard and 405 for other methods', async () => {
    expect((await t.fetch('/dashboard/secret.ts')).status).toBe(404);
    expect((await t.fetch('/dashboard/../src/app.ts')).status).toBe(404);
    expect((await t.fetch('/dashboardx')).status).toBe(404);
    const post = await t.fetch('/dashboard', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe("the dashboard's operations", () => {
  it('are valid against the schema the server serves', () => {
    for (const operation of allOperations) {
      const errors = validate(schema, parse(operation.query));
      expect(
        errors.map((error) => error.message),
        operation.name,
      ).toEqual([]);
    }
  });
});
