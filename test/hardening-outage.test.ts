import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { graphql } from './gql/index.js';
import { backend, createTestDatabase, type TestDatabase } from './support/database.js';
import { createAccount } from './support/fixtures.js';
import { httpRunner, testConfig } from './support/harness.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { print } from 'graphql';

const shopsQuery = graphql(`
  query OutageShops { shops { id } }
`);

// The server reaches PostgreSQL through a proxy the test takes down and brings back: a database
// outage without touching the shared server. PGlite is in-process and has no outage to play.
describe.skipIf(backend !== 'postgres')('a database outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let app: App;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url!);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(database.url!);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const config = { ...testConfig(), database: { kind: 'postgres' as const, url: proxied.toString(), poolSize: 5 } };
    app = await buildApp(config, { database: await openDatabase(config.database) });
    ({ url } = await app.start());
  });
  afterAll(async () => {
    await app?.stop();
    await app?.database.db.destroy();
    await proxy?.down();
    await database?.drop();
  });

  const readiness = () => fetch(new URL('/ready', url)).then((response) => response.status);
  const query = async (token: string) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(shopsQuery) }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
    return { status: response.status, body, ms: performance.now() - started };
  };

  it('fails fast with a clear error, reports not ready, and recovers without a restart', async () => {
    const account = await createAccount(httpRunner(url));
    expect((await query(account.adminToken)).body.errors).toBeUndefined();
    expect(await readiness()).toBe(200);

    await proxy.down();
    const during = await query(account.adminToken);
    expect(during.status).toBe(503);
    expect(during.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/database is unavailable/),
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(during.ms).toBeLessThan(3000);
    expect(await readiness()).toBe(503);

    await proxy.up();
    await expect.poll(readiness, { timeout: 10_000 }).toBe(200);
    const after = await query(account.adminToken);
    expect(after.body.errors).toBeUndefined();
    expect(after.status).toBe(200);
  });
});
