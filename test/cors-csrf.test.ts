import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type TestAccount } from './support/fixtures.js';
import { useTestApp, type TestApp } from './support/harness.js';

// The API is called with bearer tokens, never cookies. Browsers on other origins may call it only
// where CORS_ORIGINS allows them, and "simple" requests another site could send without a
// preflight (a GET, a form post) are refused unless they carry Authorization or
// x-graphql-yoga-csrf (yoga's CSRF prevention).

const allowedOrigin = 'https://backoffice.example.com';
const t = useTestApp({ env: { CORS_ORIGINS: `${allowedOrigin}, https://dashboard.example.com` } });
/** No CORS_ORIGINS. */
const closed = useTestApp();
let account: TestAccount;
beforeAll(async () => {
  account = await createAccount(t);
});

const preflight = (app: TestApp, origin: string) =>
  app.fetch('/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

describe('CORS', () => {
  it('lets a configured origin call the API', async () => {
    const response = await preflight(t, allowedOrigin);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const real = await t.fetch('/graphql', {
      method: 'POST',
      headers: { origin: allowedOrigin, 'content-type': 'application/json', authorization: `Bearer ${account.adminToken}` },
      body: JSON.stringify({ query: '{ viewer { account { name } } }' }),
    });
    expect(real.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  });

  it('gives other origins no CORS headers, so browsers keep their pages out', async () => {
    for (const app of [t, closed]) {
      const response = await preflight(app, 'https://evil.example.net');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('CSRF prevention', () => {
  it('refuses a simple GET without Authorization or the CSRF header', async () => {
    const response = await t.fetch('/graphql?query=%7B__typename%7D', { method: 'GET' });
    expect(response.status).toBe(403);
  });

  it('refuses a form post', async () => {
    const response = await t.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    expect(response.status).toBe(403);
  });

  it('accepts a GET with Authorization, and with the CSRF header', async () => {
    const withToken = await t.fetch('/graphql?query=%7Bviewer%7Baccount%7Bname%7D%7D%7D', {
      headers: { authorization: `Bearer ${account.adminToken}` },
    });
    expect(withToken.status).toBe(200);
    const withHeader = await t.fetch('/graphql?query=%7B__typename%7D', { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
  });
});
