import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { useServerDatabase } from './support/database.js';
import {
  createAccountMutation,
  createItemMutation,
  createShopMutation,
  password,
  signInMutation,
  uniqueEmail,
} from './support/fixtures.js';
import { expectTypename, httpRunner } from './support/harness.js';
import { buildCompiledServer, freePort, startServerProcess, type CompiledServer, type ServerProcess } from './support/server-process.js';

const catalogueQuery = graphql(`
  query FoundationProcessCatalogue {
    viewer {
      account {
        id
        name
      }
    }
    shops {
      id
      name
    }
    items(first: 10) {
      edges {
        node {
          id
          sku
          name
        }
      }
    }
  }
`);

// `npm start` on a database of the suite's backend: PGlite files in a temporary DATA_DIR, or a
// fresh PostgreSQL database through DATABASE_URL. The compiled server, as `npm start` runs it, built
// here from the current sources (so never stale) into a folder of this file's own.
const database = useServerDatabase();
let compiled: CompiledServer;
const running: ServerProcess[] = [];

beforeAll(async () => {
  compiled = await buildCompiledServer();
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.kill()));
  await compiled?.remove();
});

async function startServer(): Promise<{ server: ServerProcess; url: string; operatorToken: string }> {
  const port = await freePort();
  // LOG_LEVEL=debug: the most that is ever logged must still hold no secrets.
  const server = startServerProcess({ ...database.variables, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'debug' }, compiled);
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
    const onFirst = httpRunner(first.url);
    const created = await onFirst.run(
      createAccountMutation,
      { input: { name: 'Corner Hardware', adminName: 'Ada Admin', adminEmail, adminPassword: password } },
      first.operatorToken,
    );
    const accountId = expectTypename(created.createAccount, 'CreateAccountPayload').account.id;
    const signedIn = await onFirst.run(signInMutation, { input: { email: adminEmail, password } });
    const token = expectTypename(signedIn.signIn, 'SignInPayload').token;
    const shop = await onFirst.run(createShopMutation, { input: { name: 'High Street' } }, token);
    expect(expectTypename(shop.createShop, 'CreateShopPayload').shop.name).toBe('High Street');
    const item = await onFirst.run(createItemMutation, { input: { sku: 'HAM-16', name: 'Claw hammer' } }, token);
    expect(expectTypename(item.createItem, 'CreateItemPayload').item.sku).toBe('HAM-16');

    const stopped = await first.server.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    expect(stopped.milliseconds).toBeLessThan(5_000);

    // The same data directory (or database) after a restart. The session survives it too.
    const second = await startServer();
    expect(second.operatorToken).not.toBe(first.operatorToken);
    const onSecond = httpRunner(second.url);
    const catalogue = await onSecond.run(catalogueQuery, {}, token);
    expect(catalogue.viewer.account).toEqual({ id: accountId, name: 'Corner Hardware' });
    expect(catalogue.shops.map((s) => s.name)).toEqual(['High Street']);
    expect(catalogue.items.edges.map((edge) => edge.node.sku)).toEqual(['HAM-16']);
    const signedInAgain = await onSecond.run(signInMutation, { input: { email: adminEmail, password } });
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

  it('serves /ready, the dashboard the build bundled, GraphQL over GET and GraphiQL', async () => {
    const { server, url } = await startServer();
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/ready`)).status).toBe(200);

    const page = await fetch(`${origin}/dashboard`);
    expect(page.status).toBe(200);
    const script = /src="(\/dashboard\/app\.js\?v=[0-9a-f]+)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    // The files the build wrote, not a bundle made at start-up (the compiled server has no esbuild).
    const served = await fetch(`${origin}${script}`);
    expect(served.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await served.text()).toBe(await readFile(join(compiled.folder, 'dashboard', 'app.js'), 'utf8'));

    const query = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
    // GraphiQL, whose package the build leaves in a chunk of its own, loaded when first asked for.
    const graphiql = await fetch(url, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(graphiql.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
    expect(await graphiql.text()).toContain('YogaGraphiQL');
    expect((await server.stop('SIGTERM')).code).toBe(0);
  });
});
