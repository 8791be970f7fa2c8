import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { backend } from './support/database.js';
import { createAccount } from './support/fixtures.js';
import { httpRunner, postGraphQL } from './support/harness.js';
import { useProxiedServer } from './support/tcp-proxy.js';

const shopsQuery = graphql(`
  query OutageShops {
    shops {
      id
    }
  }
`);

// The server reaches PostgreSQL through a proxy the test takes down and brings back: a database
// outage without touching the shared server. PGlite is in-process and has no outage to play.
describe.skipIf(backend !== 'postgres')('a database outage', () => {
  const server = useProxiedServer();

  const readiness = () => fetch(new URL('/ready', server.url)).then((response) => response.status);
  const query = (token: string) => postGraphQL(server.url, shopsQuery, {}, { token });

  it('fails fast with a clear error, reports not ready, and recovers without a restart', async () => {
    const account = await createAccount(httpRunner(server.url));
    expect((await query(account.adminToken)).body.errors).toBeUndefined();
    expect(await readiness()).toBe(200);

    await server.proxy.down();
    const during = await query(account.adminToken);
    expect(during.status).toBe(503);
    expect(during.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/database is unavailable/),
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(during.ms).toBeLessThan(3000);
    expect(await readiness()).toBe(503);

    await server.proxy.up();
    await expect.poll(readiness, { timeout: 10_000 }).toBe(200);
    const after = await query(account.adminToken);
    expect(after.body.errors).toBeUndefined();
    expect(after.status).toBe(200);
  });
});
