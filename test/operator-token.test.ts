import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, password, uniqueEmail, type TestAccount } from './support/fixtures.js';
import { operatorToken, useTestApp } from './support/harness.js';

// Wrong operator tokens are throttled per client address like failed sign-ins. (A configured
// OPERATOR_TOKEN shorter than 32 characters is refused at start: test/config.test.ts.)

const failuresPerAddress = 3;

const t = useTestApp({ env: { SIGN_IN_FAILURES_PER_ADDRESS: String(failuresPerAddress) }, listen: true });
let account: TestAccount;
beforeAll(async () => {
  account = await createAccount(t);
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

/**
 * One request over real HTTP from the given loopback address (Linux answers on all of 127/8), so
 * that the server sees distinct clients.
 */
function send(path: string, options: { token?: string; from?: string; body?: unknown } = {}): Promise<Answer> {
  const target = new URL(path, t.url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: payload === undefined ? 'GET' : 'POST',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode!, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : {} });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

const createAccountOperation = (label: string) => ({
  query: 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename } }',
  variables: { input: { name: `${label} Retail`, adminName: 'Ada', adminEmail: uniqueEmail(label), adminPassword: password } },
});
const shopsOperation = { query: '{ shops { id } }' };
const code = (answer: Answer) => answer.body.errors?.[0]?.extensions['code'];

describe('wrong operator tokens', () => {
  it('are RATE_LIMITED from one address after the sign-in limit, even the right token, while other clients go on', async () => {
    const from = '127.0.0.2';
    for (let attempt = 0; attempt < failuresPerAddress; attempt++) {
      const answer = await send('/graphql', {
        from,
        token: `guess-${attempt}-of-the-operator-token`,
        body: createAccountOperation('guess'),
      });
      expect(code(answer)).toBe('UNAUTHENTICATED');
    }
    const limited = await send('/graphql', { from, token: operatorToken, body: createAccountOperation('limited') });
    expect(limited.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Too many wrong tokens\. Try again in \d+ seconds\.$/),
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
    });
    expect(limited.body.data ?? null).toBeNull();

    // The CSV routes tell the operator token from a wrong one too (403, 401): the same limit.
    const csv = await send('/ledger.csv', { from, token: 'another-guess-of-the-operator-token' });
    expect(csv.status).toBe(429);
    expect(csv.headers['retry-after']).toMatch(/^\d+$/);
    expect(code(csv)).toBe('RATE_LIMITED');

    // Session and API-key tokens, and requests without a token, are not what is limited.
    expect((await send('/graphql', { from, token: account.adminToken, body: shopsOperation })).body).toEqual({ data: { shops: [] } });
    const signIn = await send('/graphql', {
      from,
      body: {
        query: 'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
        variables: { input: { email: account.adminEmail, password } },
      },
    });
    expect(signIn.body).toEqual({ data: { signIn: { __typename: 'SignInPayload' } } });

    // Another address still gets in with the right token.
    const other = await send('/graphql', { from: '127.0.0.3', token: operatorToken, body: createAccountOperation('other') });
    expect(other.body).toEqual({ data: { createAccount: { __typename: 'CreateAccountPayload' } } });
  });

  it('count per address: failures from other addresses add nothing', async () => {
    for (const from of ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7']) {
      expect(
        code(await send('/graphql', { from, token: 'one-wrong-guess-each-of-the-operator-token', body: createAccountOperation('one') })),
      ).toBe('UNAUTHENTICATED');
    }
    const answer = await send('/graphql', { from: '127.0.0.4', token: operatorToken, body: createAccountOperation('fine') });
    expect(answer.body).toEqual({ data: { createAccount: { __typename: 'CreateAccountPayload' } } });
  });
});
