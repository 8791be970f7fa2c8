import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { password, uniqueEmail } from './support/fixtures.js';
import { expectTypename } from './support/harness.js';
import { freePort, postGraphQL, startServerProcess, type ServerProcess } from './support/server-process.js';

const createAccountMutation = graphql(`
  mutation FoundationProcessCreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      __typename
      ... on CreateAccountPayload { account { id } }
    }
  }
`);

const signInMutation = graphql(`
  mutation FoundationProcessSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInPayload { token }
    }
  }
`);

const createShopMutation = graphql(`
  mutation FoundationProcessCreateShop($input: CreateShopInput!) {
    createShop(input: $input) {
      __typename
      ... on CreateShopPayload { shop { id name } }
    }
  }
`);

const createItemMutation = graphql(`
  mutation FoundationProcessCreateItem($input: CreateItemInput!) {
    createItem(input: $input) {
      __typename
      ... on CreateItemPayload { item { id sku name } }
    }
  }
`);

const catalogueQuery = graphql(`
  query FoundationProcessCatalogue {
    viewer { account { id name } }
    shops { id name }
    items(first: 10) { edges { node { id sku name } } }
  }
`);

/** The data of a response, failing with its errors if it has any. */
function dataOf<Data>(response: { data?: Data | null; errors?: unknown[] }): Data {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response)}`);
  return response.data;
}

// `npm start` on a database of the suite's backend: PGlite files in a temporary DATA_DIR, or a
// fresh PostgreSQL database through DATABASE_URL.
let dataDir: string;
let postgres: TestDatabase | undefined;
let databaseVariables: Record<string, string>;
const running: ServerProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'negative-inventory-'));
  if (process.env.TEST_BACKEND === 'postgres') {
    postgres = await createTestDatabase({ poolSize: 1 });
    databaseVariables = { DATABASE_URL: postgres.url! };
  } else {
    databaseVariables = { DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.kill()));
  await postgres?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<{ server: ServerProcess; url: string; operatorToken: string }> {
  const port = await freePort();
  // LOG_LEVEL=debug: the most that is ever logged must still hold no secrets.
  const server = startServerProcess({ ...databaseVariables, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'debug' });
  running.push(server);
  // On stderr, apart from the JSON log lines on stdout.
  const [, operatorToken] = await server.waitForOutput(/No OPERATOR_TOKEN was set.*?\n\n {2}(\S+)\n/s, 30_000, 'stderr');
  const [, url] = await server.waitForOutput(/ready at (http:\/\/\S+)/);
  return { server, url: url!, operatorToken: operatorToken! };
}

describe('npm start', () => {
  it('serves over HTTP, stops cleanly on SIGTERM, keeps its data across a restart and logs no secrets', async () => {
    const first = await startServer();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const adminEmail = uniqueEmail('admin');
    const created = dataOf(
      await postGraphQL(
        first.url,
        createAccountMutation,
        { input: { name: 'Corner Hardware', adminName: 'Ada Admin', adminEmail, adminPassword: password } },
        first.operatorToken,
      ),
    );
    const accountId = expectTypename(created.createAccount, 'CreateAccountPayload').account.id;
    const signedIn = dataOf(await postGraphQL(first.url, signInMutation, { input: { email: adminEmail, password } }));
    const token = expectTypename(signedIn.signIn, 'SignInPayload').token;
    const shop = dataOf(await postGraphQL(first.url, createShopMutation, { input: { name: 'High Street' } }, token));
    expect(expectTypename(shop.createShop, 'CreateShopPayload').shop.name).toBe('High Street');
    const item = dataOf(await postGraphQL(first.url, createItemMutation, { input: { sku: 'HAM-16', name: 'Claw hammer' } }, token));
    expect(expectTypename(item.createItem, 'CreateItemPayload').item.sku).toBe('HAM-16');

    const stopped = await first.server.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.milliseconds).toBeLessThan(5_000);

    // The same data directory (or database) after a restart. The session survives it too.
    const second = await startServer();
    expect(second.operatorToken).not.toBe(first.operatorToken);
    const catalogue = dataOf(await postGraphQL(second.url, catalogueQuery, {}, token));
    expect(catalogue.viewer.account).toEqual({ id: accountId, name: 'Corner Hardware' });
    expect(catalogue.shops.map((s) => s.name)).toEqual(['High Street']);
    expect(catalogue.items.edges.map((edge) => edge.node.sku)).toEqual(['HAM-16']);
    const signedInAgain = dataOf(await postGraphQL(second.url, signInMutation, { input: { email: adminEmail, password } }));
    const secondToken = expectTypename(signedInAgain.signIn, 'SignInPayload').token;
    expect((await second.server.stop('SIGTERM')).code).toBe(0);

    for (const { server, operatorToken } of [first, second]) {
      const output = server.stdout() + server.stderr();
      // Requests were logged, as JSON lines...
      expect(output).toMatch(/"msg":"request"/);
      // ...but never a secret: the generated operator token only in its one notice, on stderr.
      expect(output.split(operatorToken)).toHaveLength(2);
      expect(server.stdout()).not.toContain(operatorToken);
      for (const secret of [password, token, secondToken]) expect(output).not.toContain(secret);
    }
  });
});
