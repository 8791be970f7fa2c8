import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createAccount, password, signInMutation, uniqueEmail, type TestAccount } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/harness.js';
import { captureLogs } from './support/log-capture.js';

const shopsQuery = graphql(`
  query HardeningShops { shops { id name } }
`);

const logs = captureLogs();
let t: TestApp;
let account: TestAccount;
beforeAll(async () => {
  t = await createTestApp({ logger: logs.logger, env: { SIGN_IN_FAILURES_PER_EMAIL: '3', SIGN_IN_FAILURES_PER_ADDRESS: '6' } });
  account = await createAccount(t);
});
afterAll(async () => {
  await t?.close();
});

describe('unexpected errors', () => {
  it('reach the client masked, with a request id that leads to the logged cause', async () => {
    // Break the database under the server: the shops query now fails in SQL.
    await sql`alter table shops rename to shops_away`.execute(t.db);
    try {
      const response = await t.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${account.adminToken}` },
        body: JSON.stringify({ query: '{ shops { id } }' }),
      });
      const text = await response.text();
      expect(response.status).toBeLessThan(500);
      expect(text).not.toMatch(/shops_away|relation|select|stack|\.ts:/i);
      const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string; requestId: string } }[] };
      const [error] = body.errors;
      expect(error).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      const requestId = error!.extensions.requestId;
      expect(requestId).toBe(response.headers.get('x-request-id'));
      const logged = logs.lines().filter((line) => line['requestId'] === requestId);
      expect(logged.map((line) => line['msg'])).toEqual(expect.arrayContaining(['unexpected error', 'request']));
      const cause = logged.find((line) => line['msg'] === 'unexpected error') as { err: { message: string } };
      expect(cause.err.message).toMatch(/shops/);
    } finally {
      await sql`alter table shops_away rename to shops`.execute(t.db);
    }
    const healed = await t.execute(shopsQuery, {}, account.adminToken);
    expect(healed.errors).toBeUndefined();
  });

  it('never logs passwords or tokens', () => {
    const text = logs.text();
    expect(text).not.toContain(password);
    expect(text).not.toContain(account.adminToken);
  });
});

describe('sign-in throttling', () => {
  it('refuses an e-mail after repeated failures, known or unknown alike, then lets the right password in later', async () => {
    const unknown = uniqueEmail('nobody');
    for (const email of [account.adminEmail, unknown]) {
      for (let attempt = 0; attempt < 3; attempt++) {
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
    const { url } = await t.app.start();
    const attempt = async (email: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
          variables: { input: { email, password: 'wrong-password' } },
        }),
      });
      return (await response.json()) as { data?: { signIn: { __typename: string } }; errors?: { extensions: { code: string } }[] };
    };
    for (let index = 0; index < 6; index++) {
      expect((await attempt(uniqueEmail('spray'))).data?.signIn.__typename).toBe('InvalidCredentialsError');
    }
    expect((await attempt(uniqueEmail('spray'))).errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  });
});
