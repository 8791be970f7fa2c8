import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createAccount, password, type TestAccount } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';
import { captureLogs } from './support/log-capture.js';

// An unexpected error reaches the client masked, and the logs that lead to its cause hold no
// secret. (Sign-in throttling: sign-in-throttling.test.ts.)

const shopsQuery = graphql(`
  query HardeningShops {
    shops {
      id
      name
    }
  }
`);

const logs = captureLogs();
const t = useTestApp({ logger: logs.logger });
let account: TestAccount;
beforeAll(async () => {
  account = await createAccount(t);
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
