import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createItem, type TestAccount } from './support/fixtures.js';
import { postGraphQL, useTestApp } from './support/harness.js';

// Each limit is set low here so a modest operation crosses it; the defaults are in the README.
const t = useTestApp({
  env: {
    GRAPHQL_MAX_DEPTH: '8',
    GRAPHQL_MAX_ALIASES: '3',
    GRAPHQL_MAX_TOKENS: '400',
    GRAPHQL_MAX_COST: '5000',
    GRAPHQL_MAX_DIRECTIVES: '4',
    MAX_BODY_BYTES: '8192',
  },
});
let account: TestAccount;
beforeAll(async () => {
  account = await createAccount(t);
  await createItem(t, account.adminToken);
});

/** Sent as text: these are operations no typed document would hold. */
function post(query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL('/graphql', query, variables, { token: account.adminToken, fetch: t.fetch });
}

function expectRefused(result: Awaited<ReturnType<typeof post>>, pattern: RegExp) {
  // Refused before execution: no data, never a server error (yoga answers these with 200 or 400).
  expect(result.status).toBeLessThan(500);
  expect(result.body.data ?? null).toBeNull();
  expect(result.body.errors?.map((error) => error.message).join('\n')).toMatch(pattern);
}

describe('operation limits', () => {
  it('accepts an ordinary operation', async () => {
    const result = await post('{ items(first: 5) { edges { node { sku inventory { quantityOnHand } } } } }');
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
  });

  it('refuses an operation nested too deeply', async () => {
    const deep =
      '{ items { edges { node { inventory { item { inventory { item { inventory { item { inventory { shop { name } } } } } } } } } } } }';
    expectRefused(await post(deep), /depth/i);
  });

  it('refuses too many aliases', async () => {
    expectRefused(await post('{ a: shops { id } b: shops { id } c: shops { id } d: shops { id } }'), /alias/i);
  });

  it('refuses too many tokens', async () => {
    const fields = Array.from({ length: 450 }, () => '__typename').join(' ');
    expectRefused(await post(`{ ${fields} }`), /token/i);
  });

  it('refuses an operation that would cost too much', async () => {
    // Cost grows with page sizes: 500 items, each with every shop's level.
    const costly = '{ items(first: 500) { edges { node { id sku name inventory { quantityOnHand shop { id name } } } } } }';
    expectRefused(await post(costly), /cost/i);
  });

  it('refuses too many directives', async () => {
    expectRefused(
      await post('{ shops @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) { id } }'),
      /directive/i,
    );
  });

  it('bounds introspection: graphql-js limits nested lists of types, the depth limit counts __type', async () => {
    // Fields of the types of fields of the types of fields: graphql-js's MaxIntrospectionDepthRule.
    expectRefused(
      await post('{ __type(name: "Item") { fields { type { fields { type { fields { name } } } } } } }'),
      /introspection depth/i,
    );
    expectRefused(await post('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }'), /introspection depth/i);
    expectRefused(await post('{ __schema { types { interfaces { possibleTypes { fields { name } } } } } }'), /introspection depth/i);
    // Only __schema is left out of the depth limit: __type is counted like any field.
    const ofTypes =
      '{ __type(name: "Item") { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }';
    expectRefused(await post(ofTypes), /depth/i);
    // Introspection beside data doesn't hide the data's cost.
    const amplified =
      'query($n: Int) { __schema { queryType { name } } items(first: $n) { edges { node { inventory { item { inventory { quantityOnHand } } } } } } }';
    expectRefused(await post(amplified, { n: 500 }), /cost/i);
    // What introspection may still ask for is bounded by the size of the schema (about 24 KB here).
    const widest = await post(
      '{ __schema { types { name fields { name args { name type { name inputFields { name } } } type { name fields { name } } } } } }',
    );
    expect(widest.status).toBe(200);
    expect(JSON.stringify(widest.body).length).toBeLessThan(200_000);
  });

  it('caps page size at 500', async () => {
    const result = await post('{ items(first: 501) { edges { cursor } } }');
    expect(result.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(result.body.errors?.[0]?.message).toMatch(/0 to 500/);
  });

  it('refuses a request body over the size limit before reading it', async () => {
    const result = await post('query Big($padding: String) { shops { id } }', { padding: 'x'.repeat(9000) });
    expect(result.status).toBe(413);
    expect(result.body.errors?.[0]?.message).toMatch(/larger than 8192 bytes/);
  });
});
