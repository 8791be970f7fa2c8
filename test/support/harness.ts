import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import type { DB } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const operatorToken = 'test-operator-token-0123456789abcdef';

export interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: GraphQLFormattedError[];
}

/** Anything that runs typed operations: an in-process app, or a client of a real server. */
export interface GraphQLRunner {
  run<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables, token?: string): Promise<Data>;
}

/** Runs operations over real HTTP against a server at `url` (…/graphql). */
export function httpRunner(url: string): GraphQLRunner {
  return {
    async run(document, variables, token) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const result = (await response.json()) as GraphQLResponse<never>;
      if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
      return result.data;
    },
  };
}

export interface TestApp extends GraphQLRunner {
  app: App;
  config: AppConfig;
  db: DB;
  database: TestDatabase;
  /** Runs an operation through yoga.fetch, in-process (the whole HTTP handling, no socket). */
  execute<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    token?: string,
  ): Promise<GraphQLResponse<Data>>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', HOST: '127.0.0.1', PORT: '0', OPERATOR_TOKEN: operatorToken, ...overrides });
}

/** A server on a fresh database of the suite's backend. Call close() in afterAll. */
export async function createTestApp(
  options: { poolSize?: number; env?: Record<string, string>; logger?: Logger } = {},
): Promise<TestApp> {
  const database = await createTestDatabase({ poolSize: options.poolSize });
  const config: AppConfig = {
    ...testConfig(options.env),
    database: database.url
      ? { kind: 'postgres', url: database.url, poolSize: options.poolSize ?? 10 }
      : { kind: 'pglite', dataDir: undefined },
  };
  const app = await buildApp(config, { database: database.handle, ...(options.logger ? { logger: options.logger } : {}) });

  // yoga.fetch's overloads are typed for its own fetch API; at run time it is the platform's.
  const yogaFetch = app.yoga.fetch as unknown as (url: string, init?: RequestInit) => Promise<Response>;
  const fetchPath = (path: string, init?: RequestInit) => yogaFetch(`http://test${path}`, init);
  const execute: TestApp['execute'] = async (document, variables, token) => {
    const response = await fetchPath('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as never;
  };

  return {
    app,
    config,
    db: database.handle.db,
    database,
    execute,
    async run(document, variables, token) {
      const result = await execute(document, variables, token);
      if (result.errors?.length || !result.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result)}`);
      }
      return result.data;
    },
    fetch: fetchPath,
    async close() {
      await app.stop();
      await database.drop();
    },
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
