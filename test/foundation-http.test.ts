import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, withAdminClient } from './support/database.js';
import { createTestApp, type TestApp } from './support/harness.js';

// A real server listening on a free port: these go over the network like any client.
let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ url } = await t.app.start());
});
afterAll(async () => {
  await t?.close();
});

describe('GraphQL over HTTP (graphql-http audits)', () => {
  // Every audit, the SHOULDs and MAYs included, passes as yoga is configured: none is skipped.
  // A SHOULD that fails reports status "warn", which fails here too.
  // CSRF prevention: a GET without a body-type header must carry the Authorization header or
  // x-graphql-yoga-csrf, so a page on another site can't make a browser send one unseen. Real
  // clients send Authorization; the audits send the CSRF header.
  const fetchWithCsrfHeader: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('x-graphql-yoga-csrf', 'audit');
    return fetch(input, { ...init, headers });
  };
  for (const audit of serverAudits({ url: () => url, fetchFn: fetchWithCsrfHeader })) {
    it(`${audit.id}: ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});

describe('health and readiness', () => {
  it('answers /health while the process is up', async () => {
    const response = await fetch(new URL('/health', url));
    expect(response.status).toBe(200);
  });

  it('answers /ready with 200 while the database answers', async () => {
    const response = await fetch(new URL('/ready', url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, ledgerHorizonLagSeconds: expect.any(Number) });
  });

  it('answers /ready with 503 once the database is gone, and /health still with 200', async () => {
    // A server of its own, so losing its database doesn't disturb the other tests.
    const doomed = await createTestApp({ poolSize: 2 });
    try {
      const { url: doomedUrl } = await doomed.app.start();
      expect((await fetch(new URL('/ready', doomedUrl))).status).toBe(200);

      if (backend === 'postgres') {
        // The server's connections are cut and its database no longer exists to reconnect to.
        const name = new URL(doomed.database.url!).pathname.slice(1);
        await withAdminClient((client) => client.query(`drop database ${name} with (force)`));
      } else {
        await doomed.database.handle.pglite!.close();
      }

      const ready = await fetch(new URL('/ready', doomedUrl));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ready: false, ledgerHorizonLagSeconds: null });
      expect((await fetch(new URL('/health', doomedUrl))).status).toBe(200);
    } finally {
      await doomed.close();
    }
  });
});
