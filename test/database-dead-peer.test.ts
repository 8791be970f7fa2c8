import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { graphql } from './gql/index.js';
import { alertsSubscription, subscribeWs } from './support/alerts.js';
import { backend } from './support/database.js';
import { createAccount, signIn, signOutMutation, type TestAccount } from './support/fixtures.js';
import { httpRunner, postGraphQL, testConfig } from './support/harness.js';
import { captureLogs } from './support/log-capture.js';
import { watchedSocket, type WatchedSocket } from './support/live-connections.js';
import { useProxiedServer } from './support/tcp-proxy.js';

// A database that stops answering without closing or refusing anything (a network dropping
// packets, a host that died): the server reaches PostgreSQL through a proxy the test turns into a
// black hole. Requests must still fail fast with 503, and the LISTEN connection must notice its
// dead peer within seconds, come back, and catch up on what it missed. PGlite is in-process and
// has no network to lose.

const shopsQuery = graphql(`
  query DeadPeerShops {
    shops {
      id
    }
  }
`);

describe.skipIf(backend !== 'postgres')('a database that drops packets', () => {
  const logs = captureLogs();
  /** Through the proxy. Short timeouts, so that the test is: a statement gets no answer for 2 s + 1 s, a connection 1.5 s. */
  const timeouts = { statementMs: 2_000, idleInTransactionMs: 10_000, connectMs: 1_500 };
  const server = useProxiedServer({ timeouts, logger: logs.logger });
  /** Straight to the database: the rest of the world, which goes on meanwhile. */
  let direct: App;
  let directUrl: string;
  let account: TestAccount;
  const sockets: WatchedSocket[] = [];

  beforeAll(async () => {
    const database = { kind: 'postgres' as const, url: server.database.url!, poolSize: 3 };
    direct = await buildApp({ ...testConfig(), database }, { database: server.database.handle });
    ({ url: directUrl } = await direct.start());
    account = await createAccount(httpRunner(server.url));
  });
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.client.dispose()));
    await direct?.stop();
  });

  const logged = (message: string) => logs.lines().filter((line) => line['msg'] === message);

  const query = (token: string) => postGraphQL(server.url, shopsQuery, {}, { token });

  it('the LISTEN connection notices within seconds, reconnects when it can, and catches up on the sign-outs it missed', async () => {
    // A second session with a live subscription on the proxied instance (its socket is to that
    // instance's HTTP port, not through the proxy).
    const leaving = await signIn(httpRunner(server.url), account.adminEmail);
    const socket = watchedSocket(server.url, leaving);
    sockets.push(socket);
    await socket.connected;
    subscribeWs(socket.client, alertsSubscription, {});
    await expect.poll(() => server.app.alerts.subscriberCount).toBe(1);

    const blackHoledAt = performance.now();
    server.proxy.blackHole();
    // Nothing was closed or refused: only the ping (every 5 s, 3 s to answer) can tell.
    await expect.poll(() => logged('the LISTEN connection was lost; reconnecting').length, { timeout: 12_000, interval: 100 }).toBe(1);
    expect(performance.now() - blackHoledAt).toBeLessThan(10_000);

    // Meanwhile the session signs out through the other instance: the notification can't reach
    // the proxied one, and its socket stays open...
    expect((await httpRunner(directUrl).run(signOutMutation, {}, leaving)).signOut).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.closedWith()).toBeNull();

    // ...until the listener is back: it looks the open tokens up again and closes the signed-out one.
    server.proxy.restore();
    await expect
      .poll(() => logged('the LISTEN connection is back; resyncing subscribers').length, { timeout: 15_000, interval: 100 })
      .toBe(1);
    expect(await socket.closed).toMatchObject({ code: 4403, reason: 'Forbidden: token no longer valid' });
  });

  it('requests fail within seconds with 503 SERVICE_UNAVAILABLE, /ready says 503, and all recovers', async () => {
    const token = account.adminToken;
    await expect.poll(async () => (await query(token)).status, { timeout: 10_000 }).toBe(200);

    server.proxy.blackHole();
    // In parallel: some on pooled connections opened before (no answer to their statement), some
    // on new ones (no answer to the startup message).
    const during = await Promise.all(Array.from({ length: 8 }, () => query(token)));
    for (const result of during) {
      expect(result.status).toBe(503);
      expect(result.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/database is unavailable/),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      expect(result.ms).toBeLessThan(5_000);
    }
    expect((await fetch(new URL('/ready', server.url))).status).toBe(503);

    server.proxy.restore();
    await expect.poll(async () => (await query(token)).status, { timeout: 15_000, interval: 200 }).toBe(200);
    await expect.poll(async () => (await fetch(new URL('/ready', server.url))).status, { timeout: 10_000 }).toBe(200);
  });
});
