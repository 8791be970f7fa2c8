import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './support/harness.js';

// A real server listening on a free port: these go over the network like any client. (/health
// and /ready: readiness.test.ts.)
const t = useTestApp({ listen: true });

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
  for (const audit of serverAudits({ url: () => t.url, fetchFn: fetchWithCsrfHeader })) {
    it(`${audit.id}: ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
