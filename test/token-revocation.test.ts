import { print } from 'graphql';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../src/config/config.js';
import { decodeId } from '../src/node/global-id.js';
import { graphql } from './gql/index.js';
import { alertCursors, alertsSubscription, raiseAlerts, subscribeSse, subscribeWs, type StreamResult } from './support/alerts.js';
import {
  createAccount,
  createApiKey,
  createItem,
  createShop,
  password,
  revokeApiKeyMutation,
  signIn,
  signInMutation,
  signOutMutation,
  type TestAccount,
} from './support/fixtures.js';
import { expectTypename, httpRunner, useTestApp, type TestInstance } from './support/harness.js';
import { runOnSocket, useLiveClients } from './support/live-connections.js';

// Signing out, revoking an API key and a session's end reach the connections already open with
// that token, on every instance: graphql-ws sockets close with 4403, SSE streams end with an
// UNAUTHENTICATED error. Two server instances on one database, clients over real sockets.

const shopsQuery = graphql(`
  query RevocationShops {
    shops {
      id
    }
  }
`);

/** Two instances on the suite's database: A is t; B only hears of changes through NOTIFY. */
const t = useTestApp({ listen: true });
const live = useLiveClients(t);
let urlB: string;
/** Instances other than t: B, and those a test starts. */
const others: TestInstance[] = [];
let account: TestAccount;
let shopId: string;
let itemIds: string[];

async function startInstance(config: Partial<AppConfig> = {}): Promise<TestInstance> {
  const instance = await t.startInstance({ config, listen: true });
  others.push(instance);
  return instance;
}

beforeAll(async () => {
  urlB = (await startInstance()).url;
  account = await createAccount(t);
  shopId = (await createShop(t, account.adminToken)).id;
  itemIds = [(await createItem(t, account.adminToken)).id];
});

type AlertResult = StreamResult<{ negativeInventoryAlerts: { cursor: string } }>;

/** A graphql-ws socket with a live alert subscription, and an SSE stream, of the token at url. */
async function openBoth(url: string, token: string) {
  const socket = live.socket(token, { url });
  await socket.connected;
  const overWs = live.track(subscribeWs(socket.client, alertsSubscription, {}));
  const overSse = live.track(subscribeSse(url, alertsSubscription, {}, token));
  return { socket, overWs, overSse };
}

/** Subscribers of every instance (each instance's feed counts its own). */
function subscriberCount(): number {
  return t.app.alerts.subscriberCount + others.reduce((sum, instance) => sum + instance.app.alerts.subscriberCount, 0);
}

async function waitForAllSubscribers(count: number) {
  await expect.poll(subscriberCount, { timeout: 5_000, interval: 10 }).toBeGreaterThanOrEqual(count);
}

/** What an open connection of a token that stopped being valid sees, within `withinMs` of `since`. */
async function expectEnded(connections: Awaited<ReturnType<typeof openBoth>>, since: number, withinMs = 1_000) {
  const closed = await connections.socket.closed;
  expect(closed).toMatchObject({ code: 4403, reason: 'Forbidden: token no longer valid' });
  expect(closed.at - since).toBeLessThan(withinMs);
  // Its subscription ended with it (graphql-ws reports the close to each subscription).
  expect(await connections.overWs.ended).toMatchObject({ kind: 'error' });

  expect(await connections.overSse.ended).toEqual({ kind: 'complete' });
  expect(connections.overSse.results.at(-1)).toEqual({
    errors: [{ message: expect.stringMatching(/no longer valid/), extensions: { code: 'UNAUTHENTICATED' } }],
  });
  expect(performance.now() - since).toBeLessThan(withinMs);
}

/** The streams still get alerts, and the socket is open. */
async function expectAlive(...open: Awaited<ReturnType<typeof openBoth>>[]) {
  const counts = open.map(({ overWs, overSse }) => [overWs.results.length, overSse.results.length] as const);
  const [alert] = await raiseAlerts(t, account.adminToken, shopId, itemIds);
  for (const [index, { socket, overWs, overSse }] of open.entries()) {
    expect(socket.closedWith()).toBeNull();
    const [wsCount, sseCount] = counts[index]!;
    expect(alertCursors((await overWs.waitForResults(wsCount + 1)).slice(-1) as AlertResult[])).toEqual([alert!.cursor]);
    expect(alertCursors((await overSse.waitForResults(sseCount + 1)).slice(-1) as AlertResult[])).toEqual([alert!.cursor]);
  }
}

describe('revoking an API key', () => {
  it("closes the key's sockets and ends its SSE streams within a second, on every instance; other keys go on", async () => {
    const revoked = await createApiKey(t, account.adminToken, 'Revoked books');
    const kept = await createApiKey(t, account.adminToken, 'Kept books');
    const onA = await openBoth(t.url, revoked.token);
    const onB = await openBoth(urlB, revoked.token);
    const keptOnB = await openBoth(urlB, kept.token);
    await waitForAllSubscribers(6);

    const revokedAt = performance.now();
    // Through A: B hears of it only through the database's notification.
    const result = await httpRunner(t.url).run(revokeApiKeyMutation, { input: { apiKeyId: revoked.apiKey.id } }, account.adminToken);
    expectTypename(result.revokeApiKey, 'RevokeApiKeyPayload');
    await Promise.all([expectEnded(onA, revokedAt), expectEnded(onB, revokedAt)]);

    await expectAlive(keptOnB);
    // And the revoked key can't open a new one.
    const again = live.socket(revoked.token, { url: urlB });
    expect(await again.closed).toMatchObject({ code: 4403 });
  });
});

describe('signing out', () => {
  it("ends that session's sockets and streams on every instance, not the employee's other sessions", async () => {
    const leaving = await signIn(t, account.adminEmail);
    const staying = await signIn(t, account.adminEmail);
    const leavingOnA = await openBoth(t.url, leaving);
    const leavingOnB = await openBoth(urlB, leaving);
    const stayingOnB = await openBoth(urlB, staying);
    await waitForAllSubscribers(6);

    const signedOutAt = performance.now();
    expect((await httpRunner(urlB).run(signOutMutation, {}, leaving)).signOut).toBe(true);
    await Promise.all([expectEnded(leavingOnA, signedOutAt), expectEnded(leavingOnB, signedOutAt)]);
    await expectAlive(stayingOnB);
  });
});

describe("a session's end", () => {
  it('closes its sockets and ends its streams when it expires, with no request needed', async () => {
    // An instance whose sign-ins last 2 seconds.
    const { url } = await startInstance({ sessionTtlMs: 2_000 });
    const signedIn = await httpRunner(url).run(signInMutation, { input: { email: account.adminEmail, password } });
    const session = expectTypename(signedIn.signIn, 'SignInPayload');
    const expiresInMs = new Date(session.session.expiresAt).getTime() - Date.now();
    const connections = await openBoth(url, session.token);
    const openedAt = performance.now();
    await waitForAllSubscribers(2);
    expect(connections.socket.closedWith()).toBeNull();

    await expectEnded(connections, openedAt, expiresInMs + 1_000);
    expect(connections.socket.closedWith()!.at - openedAt).toBeGreaterThan(expiresInMs - 200);
  });
});

describe('an operation on an open socket', () => {
  it('is authorized against the current state: a key revoked where no instance was told runs nothing more', async () => {
    // No caller cache on this instance, and the key is revoked in SQL without a notification (a
    // change made outside the API): only the per-operation check can notice.
    const { url } = await startInstance({ authCacheTtlMs: 0 });
    const key = await createApiKey(t, account.adminToken, 'Quietly revoked');
    const socket = live.socket(key.token, { url });
    await socket.connected;
    expect((await runOnSocket(socket.client, print(shopsQuery))).errors).toBeNull();

    await sql`update api_keys set revoked_at = now() where id = ${decodeId(key.apiKey.id, 'ApiKey')}`.execute(t.db);
    expect(socket.closedWith()).toBeNull();

    const refused = await runOnSocket(socket.client, print(shopsQuery));
    // The operation is refused (its error, or the close that comes with it), and the socket closes.
    expect(refused.results).toEqual([]);
    expect(await socket.closed).toMatchObject({ code: 4403, reason: 'Forbidden: token no longer valid' });
  });
});
