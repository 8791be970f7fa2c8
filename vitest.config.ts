import { defineConfig } from 'vitest/config';

// `npm test` runs every suite twice: on embedded PostgreSQL (PGlite) and on a real PostgreSQL
// server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), where each
// suite gets a fresh database of its own.
export default defineConfig({
  resolve: {
    // One copy of graphql for the tests and the server ("another module or realm" otherwise).
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'pglite', env: { TEST_BACKEND: 'pglite' } } },
      { extends: true, test: { name: 'postgres', env: { TEST_BACKEND: 'postgres' } } },
    ],
  },
});
