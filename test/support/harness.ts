import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import type { DB } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { expectLedgerInvariant } from './inventory.js';

export const operatorToken = 'test-operator-token-0123456789abcdef';

export interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: GraphQLFormattedError[];
}

/** Something that answers HTTP requests: the platform's fetch, or a server's yoga.fetch in-process. */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface PostOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** More request headers (X-Forwarded-For, say). */
  headers?: Record<string, string>;
  /** Another way to send the request than over the network (TestApp.fetch: in-process). */
  fetch?: Fetch;
}

export interface GraphQLPost<Data> {
  status: number;
  headers: Headers;
  body: GraphQLResponse<Data>;
  /** Milliseconds from sending the request to having read the whole body. */
  ms: number;
}

/**
 * The tests' one way to send a GraphQL operation over HTTP: POSTed as JSON, asking for the
 * GraphQL-over-HTTP media type. A document is a typed operation from test/gql, or text when a
 * test means to send what no typed document can (malformed, too deep, too costly...).
 */
export async function postGraphQL<Data, Variables>(
  url: string,
  document: TypedDocumentNode<Data, Variables> | string,
  variables: Variables,
  options: PostOptions = {},
): Promise<GraphQLPost<Data>> {
  const startedAt = performance.now();
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  const body = (await response.json()) as GraphQLResponse<Data>;
  return { status: response.status, headers: response.headers, body, ms: performance.now() - startedAt };
}

/** The data of a result, failing with its errors if it has any. */
export function dataOf<Data>(result: GraphQLResponse<Data>): Data {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
  return result.data;
}

/** Anything that runs typed operations: an in-process app, or a client of a real server. */
export interface GraphQLRunner {
  run<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, token?: string): Promise<Data>;
}

/** Runs operations over real HTTP against a server at `url` (…/graphql), failing on GraphQL errors. */
export function httpRunner(url: string): GraphQLRunner {
  return {
    run: async (document, variables, token) => dataOf((await postGraphQL(url, document, variables, { token })).body),
  };
}

/** A client of one server instance that reaches it in-process, through yoga.fetch (the whole HTTP handling, no socket). */
export interface InProcessClient extends GraphQLRunner {
  /** Runs an operation and returns its whole result, errors included. */
  execute<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    token?: string,
  ): Promise<GraphQLResponse<Data>>;
  /** Any request to the server, by path (`/graphql`, `/ledger.csv`...). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export function inProcessClient(app: App): InProcessClient {
  // yoga.fetch's overloads are typed for its own fetch API; at run time it is the platform's.
  const yogaFetch = app.yoga.fetch as unknown as Fetch;
  const fetchPath = (path: string, init?: RequestInit) => yogaFetch(`http://test${path}`, init);
  const execute: InProcessClient['execute'] = async (document, variables, token) =>
    (await postGraphQL('/graphql', document, variables, { token, fetch: fetchPath })).body;
  return {
    execute,
    run: async (document, variables, token) => dataOf(await execute(document, variables, token)),
    fetch: fetchPath,
  };
}

/** A server instance a test made, with what it runs on. */
export interface TestInstance extends InProcessClient {
  app: App;
  /** The server's GraphQL URL on a free port; only with `listen`. */
  url: string;
}

export interface InstanceOptions {
  /** Settings over the first instance's (a shorter session, another TRUST_PROXY...). */
  config?: Partial<AppConfig>;
  /** The database as this instance sees it (the same one through a Kysely plugin, say). */
  db?: DB;
  logger?: Logger;
  listen?: boolean;
}

export interface TestApp extends TestInstance {
  config: AppConfig;
  db: DB;
  database: TestDatabase;
  /**
   * Another server instance on this database, as another process would be: its own caller cache,
   * LISTEN connection and live connections, told of changes made through others only by the
   * database. close() stops it.
   */
  startInstance(options?: InstanceOptions): Promise<TestInstance>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  poolSize?: number;
  /** Server variables, over testConfig()'s. */
  env?: Record<string, string>;
  logger?: Logger;
  /** Also listen on a free port (for WebSockets, SSE and real HTTP clients): TestApp.url. */
  listen?: boolean;
}

export interface UseTestAppOptions extends TestAppOptions {
  /** After each test, check that the ledger adds up (expectLedgerInvariant): for files that write stock. */
  ledgerInvariant?: boolean;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    OPERATOR_TOKEN: operatorToken,
    ...overrides,
  });
}

/**
 * A server on a fresh, migrated database of the suite's backend. Call close() when done; a file's
 * or a describe block's server is better made with useTestApp(), which does both.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase({ poolSize: options.poolSize, migrated: true });
  const config: AppConfig = {
    ...testConfig(options.env),
    database: database.url
      ? { kind: 'postgres', url: database.url, poolSize: options.poolSize ?? 10 }
      : { kind: 'pglite', dataDir: undefined },
  };
  const instances: App[] = [];
  const startInstance = async (instanceOptions: InstanceOptions = {}): Promise<TestInstance> => {
    const handle = instanceOptions.db ? { ...database.handle, db: instanceOptions.db } : database.handle;
    const logger = instanceOptions.logger ? { logger: instanceOptions.logger } : {};
    const app = await buildApp({ ...config, ...instanceOptions.config }, { database: handle, ...logger });
    instances.push(app);
    const url = instanceOptions.listen ? (await app.start()).url : '';
    return {
      ...inProcessClient(app),
      app,
      get url() {
        if (!url) throw new Error('this server was not started with `listen`');
        return url;
      },
    };
  };
  const first = await startInstance({ logger: options.logger, listen: options.listen });
  return {
    execute: first.execute,
    run: first.run,
    fetch: first.fetch,
    app: first.app,
    get url() {
      return first.url;
    },
    config,
    db: database.handle.db,
    database,
    startInstance,
    async close() {
      // Every instance, before the database they all use goes.
      for (const app of instances.reverse()) await app.stop();
      await database.drop();
    },
  };
}

/**
 * The setup of a test file (or of a describe block): a server made in beforeAll and closed in
 * afterAll, used as a TestApp from the file's top level. Reading it before beforeAll has run fails.
 */
export function useTestApp({ ledgerInvariant, ...options }: UseTestAppOptions = {}): TestApp {
  let current: TestApp | undefined;
  const made = (): TestApp => {
    if (!current) throw new Error('the test app is made in beforeAll: use it in hooks and tests');
    return current;
  };
  beforeAll(async () => {
    current = await createTestApp(options);
  });
  if (ledgerInvariant) afterEach(() => expectLedgerInvariant(made().db));
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get app() {
      return made().app;
    },
    get config() {
      return made().config;
    },
    get db() {
      return made().db;
    },
    get database() {
      return made().database;
    },
    get url() {
      return made().url;
    },
    startInstance: (instanceOptions) => made().startInstance(instanceOptions),
    execute: (document, variables, token) => made().execute(document, variables, token),
    run: (document, variables, token) => made().run(document, variables, token),
    fetch: (path, init) => made().fetch(path, init),
    close: () => made().close(),
  };
}

/** Narrows a result union to the member the test expects, failing with what came instead. */
export function expectTypename<T extends { __typename?: string }, Name extends NonNullable<T['__typename']>>(
  value: T,
  typename: Name,
): Extract<T, { __typename?: Name }> {
  if (value.__typename !== typename) {
    throw new Error(`expected ${typename}, got ${JSON.stringify(value)}`);
  }
  return value as Extract<T, { __typename?: Name }>;
}

/** The extensions.code of each GraphQL error. */
export function errorCodes(result: GraphQLResponse<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.['code']);
}
