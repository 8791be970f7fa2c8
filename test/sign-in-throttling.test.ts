import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { clientAddressOf } from '../src/server/client-address.js';
import { graphql } from './gql/index.js';
import { createAccount, password, signInMutation, uniqueEmail, type TestAccount } from './support/fixtures.js';
import { postGraphQL, useTestApp, type GraphQLResponse } from './support/harness.js';
import { captureLogs } from './support/log-capture.js';
import { runOnSocket, useLiveClients, type WatchedSocket } from './support/live-connections.js';
import type { IncomingMessage } from 'node:http';

// Sign-in throttling against a real server: attempts are counted before the password is hashed
// (parallel guesses can't slip through), over HTTP and graphql-ws alike; e-mail and password have
// length limits; TRUST_PROXY decides whether X-Forwarded-For is the client address.

const signInAttempt = graphql(`
  mutation SignInHardeningAttempt($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInPayload {
        token
      }
      ... on InvalidCredentialsError {
        message
      }
      ... on ValidationError {
        field
        message
      }
    }
  }
`);

type Attempt = GraphQLResponse<{ signIn: { __typename: string; field?: string | null; message?: string } }>;

const failuresPerEmail = 3;
const failuresPerAddress = 6;
const trustedLogs = captureLogs();
const untrustedLogs = captureLogs();
/** TRUST_PROXY=true: the client address is the last X-Forwarded-For entry. */
const t = useTestApp({
  logger: trustedLogs.logger,
  env: {
    TRUST_PROXY: 'true',
    SIGN_IN_FAILURES_PER_EMAIL: String(failuresPerEmail),
    SIGN_IN_FAILURES_PER_ADDRESS: String(failuresPerAddress),
  },
  listen: true,
});
const live = useLiveClients(t);
/** The same database, TRUST_PROXY unset: X-Forwarded-For is ignored. */
let untrustedUrl: string;
let account: TestAccount;

beforeAll(async () => {
  untrustedUrl = (await t.startInstance({ config: { trustProxyHops: 0 }, logger: untrustedLogs.logger, listen: true })).url;
  account = await createAccount(t);
});

/** A fresh client address for each test, so their counts don't mix (meaningful with TRUST_PROXY). */
let addressCounter = 0;
function nextAddress(): string {
  addressCounter++;
  return `203.0.113.${addressCounter}`;
}

async function attemptOverHttp(url: string, email: string, secret: string, forwardedFor?: string): Promise<Attempt> {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return (await postGraphQL(url, signInAttempt, { input: { email, password: secret } }, { headers })).body;
}

/** What an attempt came to: the result's type, or the error's code. */
function outcome(attempt: Attempt): string {
  return attempt.data?.signIn.__typename ?? String(attempt.errors?.[0]?.extensions?.['code']);
}

async function socketFrom(address: string): Promise<WatchedSocket> {
  // Any valid token opens a socket; the sign-ins sent over it are about other credentials.
  const socket = live.socket(account.adminToken, { headers: { 'x-forwarded-for': address } });
  await socket.connected;
  return socket;
}

async function attemptOverWs(socket: WatchedSocket, email: string, secret: string): Promise<Attempt> {
  const { results, errors } = await runOnSocket(socket.client, print(signInAttempt), { input: { email, password: secret } });
  if (errors) throw new Error(`operation error: ${JSON.stringify(errors)}`);
  return results[0] as Attempt;
}

describe('per e-mail and per client address', () => {
  it('refuses an e-mail after repeated failures, known or unknown alike, then lets the right password in later', async () => {
    // An account of its own: the e-mail ends up refused for the rest of the window.
    const known = await createAccount(t);
    const unknown = uniqueEmail('nobody');
    for (const email of [known.adminEmail, unknown]) {
      for (let attempt = 0; attempt < failuresPerEmail; attempt++) {
        const result = await t.run(signInMutation, { input: { email, password: 'wrong-password' } });
        expect(result.signIn.__typename).toBe('InvalidCredentialsError');
      }
      const limited = await t.execute(signInMutation, { input: { email, password } });
      expect(limited.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/Too many failed sign-in attempts/),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      });
    }
    // Another address is unaffected: limits are per e-mail, not global.
    const other = await createAccount(t);
    expect((await t.run(signInMutation, { input: { email: other.adminEmail, password } })).signIn.__typename).toBe('SignInPayload');
  });

  it('refuses a client address that tries many e-mails', async () => {
    // From this host, without X-Forwarded-For: the socket's address (no other test uses it here).
    for (let index = 0; index < failuresPerAddress; index++) {
      expect(outcome(await attemptOverHttp(t.url, uniqueEmail('spray'), 'wrong-password'))).toBe('InvalidCredentialsError');
    }
    expect(outcome(await attemptOverHttp(t.url, uniqueEmail('spray'), 'wrong-password'))).toBe('RATE_LIMITED');
  });
});

describe('parallel guesses', () => {
  it('get no further than the limit: each is counted before its password is hashed', async () => {
    const address = nextAddress();
    const guesses = await Promise.all(
      Array.from({ length: 10 }, () => attemptOverHttp(t.url, account.adminEmail, 'wrong-password', address)),
    );
    const outcomes = guesses.map(outcome).sort();
    expect(outcomes).toEqual([
      ...Array<string>(failuresPerEmail).fill('InvalidCredentialsError'),
      ...Array<string>(10 - failuresPerEmail).fill('RATE_LIMITED'),
    ]);
    // The right password too, now, until the window passes.
    expect(outcome(await attemptOverHttp(t.url, account.adminEmail, password, nextAddress()))).toBe('RATE_LIMITED');
  });
});

describe('sign-in over graphql-ws', () => {
  it('counts against the same limits as over HTTP: per e-mail and per client address', async () => {
    const address = nextAddress();
    const socket = await socketFrom(address);
    const email = uniqueEmail('ws-guess');
    for (let attempt = 0; attempt < failuresPerEmail; attempt++) {
      expect(outcome(await attemptOverWs(socket, email, 'wrong-password'))).toBe('InvalidCredentialsError');
    }
    expect(outcome(await attemptOverWs(socket, email, 'wrong-password'))).toBe('RATE_LIMITED');
    // The same e-mail over HTTP, from elsewhere: refused as well.
    expect(outcome(await attemptOverHttp(t.url, email, 'wrong-password', nextAddress()))).toBe('RATE_LIMITED');

    // The socket's address has used up 3 of its 6; three more e-mails over HTTP from it, then it is refused.
    for (let attempt = failuresPerEmail; attempt < failuresPerAddress; attempt++) {
      expect(outcome(await attemptOverHttp(t.url, uniqueEmail('spray'), 'wrong-password', address))).toBe('InvalidCredentialsError');
    }
    expect(outcome(await attemptOverWs(socket, uniqueEmail('spray'), 'wrong-password'))).toBe('RATE_LIMITED');
    expect(socket.closedWith()).toBeNull();
  });
});

describe('length limits', () => {
  it('refuse an over-long e-mail or password with a ValidationError, before anything is counted or hashed', async () => {
    const address = nextAddress();
    for (let attempt = 0; attempt < failuresPerAddress + 2; attempt++) {
      const longEmail = await attemptOverHttp(t.url, `${'a'.repeat(250)}@example.test`, 'whatever', address);
      expect(longEmail.data?.signIn).toMatchObject({
        __typename: 'ValidationError',
        field: 'email',
        message: expect.stringMatching(/at most 254/),
      });
      const longPassword = await attemptOverHttp(t.url, account.adminEmail, 'p'.repeat(1025), address);
      expect(longPassword.data?.signIn).toMatchObject({
        __typename: 'ValidationError',
        field: 'password',
        message: expect.stringMatching(/at most 1024/),
      });
    }
    // At the limits exactly, an ordinary attempt (a wrong one, counted).
    const atLimits = await attemptOverHttp(t.url, `${'a'.repeat(241)}@example.test`, 'p'.repeat(1024), address);
    expect(outcome(atLimits)).toBe('InvalidCredentialsError');
  });
});

describe('TRUST_PROXY', () => {
  it('off (the default): X-Forwarded-For is ignored, so made-up addresses share the real one’s count', async () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    for (let attempt = 0; attempt < failuresPerAddress; attempt++) {
      const result = await attemptOverHttp(untrustedUrl, uniqueEmail('spoof'), 'wrong-password', nextAddress());
      expect(outcome(result)).toBe('InvalidCredentialsError');
    }
    expect(outcome(await attemptOverHttp(untrustedUrl, uniqueEmail('spoof'), 'wrong-password', nextAddress()))).toBe('RATE_LIMITED');
    const logged = untrustedLogs.lines().filter((line) => line['msg'] === 'request');
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) expect(line['clientAddress']).toMatch(/127\.0\.0\.1$/);
  });

  it('on: the address the proxy appended is the client’s, in the throttle and the log; what the client wrote before it is not', async () => {
    const address = nextAddress();
    // The client claims to be somewhere else; our proxy appended what it saw.
    const forwardedFor = `198.51.100.77, ${address}`;
    for (let attempt = 0; attempt < failuresPerAddress; attempt++) {
      expect(outcome(await attemptOverHttp(t.url, uniqueEmail('proxied'), 'wrong-password', forwardedFor))).toBe('InvalidCredentialsError');
    }
    expect(outcome(await attemptOverHttp(t.url, uniqueEmail('proxied'), 'wrong-password', address))).toBe('RATE_LIMITED');
    // Another client behind the same proxy is not.
    expect(outcome(await attemptOverHttp(t.url, uniqueEmail('proxied'), 'wrong-password', nextAddress()))).toBe('InvalidCredentialsError');
    expect(trustedLogs.lines().filter((line) => line['clientAddress'] === address).length).toBeGreaterThan(failuresPerAddress);
    expect(trustedLogs.lines().some((line) => line['clientAddress'] === '198.51.100.77')).toBe(false);

    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    // Two proxies: the second from the right; a short header falls back to its leftmost entry.
    const request = (header: string | undefined) =>
      ({
        socket: { remoteAddress: '10.0.0.2' },
        headers: header === undefined ? {} : { 'x-forwarded-for': header },
      }) as unknown as IncomingMessage;
    expect(clientAddressOf(request('6.6.6.6, 192.0.2.1, 10.0.0.1'), 2)).toBe('192.0.2.1');
    expect(clientAddressOf(request('192.0.2.1'), 2)).toBe('192.0.2.1');
    expect(clientAddressOf(request(undefined), 2)).toBe('10.0.0.2');
    expect(clientAddressOf(request('192.0.2.1'), 0)).toBe('10.0.0.2');
  });
});
