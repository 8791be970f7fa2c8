import { defineConfig } from 'vitest/config';

// Which test files run on which database (README, Testing). Each file of a project gets a fresh
// database of its own (test/support/database.ts): an in-memory PGlite, or a new database on the
// PostgreSQL server at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).

/**
 * Behaviour that differs between PGlite and PostgreSQL, so these run on both: PGlite is one
 * session in this process (transactions queue; NOTIFY is delivered in-process), PostgreSQL is a
 * pool of connections to another process (transactions interleave and lock each other; NOTIFY
 * travels over a LISTEN connection; the server can be cut off or dropped).
 */
const onBothDatabases = [
  // Opening and migrating a database, and the data files or database `npm start` and `npm run demo` use.
  'test/database.test.ts',
  'test/migration-ledger-order.test.ts',
  'test/migration-negative-episode-resolution.test.ts',
  'test/migration-keys-include-account.test.ts',
  'test/npm-start.test.ts',
  'test/demo-data.test.ts',
  // /ready when the database goes away.
  'test/readiness.test.ts',
  // Stock movements are SQL functions under row locks: concurrent writers, idempotent retries,
  // the module switch serialized against sales, counts reconciled against concurrent sales.
  'test/inventory-*.test.ts',
  'test/counts-reconcile.test.ts',
  'test/counts-preview.test.ts',
  // The ledger's order and horizon, and the report's and the episode breakdown's queries and indexes.
  'test/ledger-order.test.ts',
  'test/report-negative-inventory.test.ts',
  'test/negative-inventory-breakdown.test.ts',
  // Alerts: written in the movement's transaction, delivered through NOTIFY, resumed by cursor.
  'test/alert*.test.ts',
  // Caller cache invalidation and revocation across instances, through NOTIFY.
  'test/auth-cache.test.ts',
  'test/token-revocation.test.ts',
  // Tenancy is enforced in SQL; the purge deletes in batches of short statements.
  'test/tenancy.test.ts',
  'test/purge-job.test.ts',
];

/** PostgreSQL only: a network and a server process between the API and its database. */
const onPostgresOnly = [
  'test/alerts-instances.test.ts',
  'test/database-outage.test.ts',
  'test/database-dead-peer.test.ts',
  // PgBouncer in front of the server, and a primary with a streaming replica of the test's own.
  'test/scale-out-*.test.ts',
  // The catalogue's keys, as a database distributed by account (Citus, on PostgreSQL) needs them.
  'test/distribution-keys.test.ts',
];

/** A real browser against the server: one database is enough (the page is a client of the API), and PGlite needs no server. */
const inBrowser = ['test/dashboard-browser.test.ts', 'test/graphiql.test.ts'];

/**
 * Every other file runs once: HTTP and GraphQL handling, authorization, limits, CSV formatting,
 * configuration, the dashboard's server side. It is the same on either database, so it runs on
 * PostgreSQL, where a file's database is ready in a fraction of a second (a PGlite database costs
 * one), and which production runs on; TEST_BACKEND=pglite (npm run test:pglite) puts it on PGlite.
 */
const onOneDatabase = process.env.TEST_BACKEND === 'pglite' ? 'pglite' : 'postgres';

export default defineConfig({
  resolve: {
    // One copy of graphql for the tests and the server ("another module or realm" otherwise).
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The migrated PGlite data directory every PGlite test database starts from.
    globalSetup: ['test/support/pglite-snapshot.ts'],
    // Test files spend most of their time waiting (on PostgreSQL, sockets, server processes,
    // timers), so more files at once than cores; vitest's default on 2 cores is one at a time.
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: { name: 'pglite', include: [...onBothDatabases, ...inBrowser], exclude: onPostgresOnly, env: { TEST_BACKEND: 'pglite' } },
      },
      {
        extends: true,
        test: { name: 'postgres', include: [...onBothDatabases, ...onPostgresOnly], env: { TEST_BACKEND: 'postgres' } },
      },
      {
        extends: true,
        test: {
          name: 'any-database',
          include: ['test/**/*.test.ts'],
          exclude: [...onBothDatabases, ...onPostgresOnly, ...inBrowser],
          env: { TEST_BACKEND: onOneDatabase },
        },
      },
    ],
  },
});
