import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  type GraphQLInputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/schema.js';
import { graphql } from './gql/index.js';
import {
  createAccount,
  createAccountMutation,
  createApiKey,
  createApiKeyMutation,
  createEmployee,
  createEmployeeMutation,
  createItem,
  createItemMutation,
  createShop,
  createShopMutation,
  password,
  revokeApiKeyMutation,
  signOutMutation,
  uniqueEmail,
  type TestAccount,
} from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';

const apiKeysQuery = graphql(`
  query FoundationApiKeysList {
    apiKeys {
      id
      name
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

const readsQuery = graphql(`
  query FoundationApiKeysReads {
    viewer {
      account {
        id
        name
      }
      employee {
        id
      }
      session {
        negativeInventoryEnabled
      }
    }
    shops {
      name
    }
    items(first: 10) {
      edges {
        node {
          sku
        }
      }
    }
  }
`);

const t = useTestApp();

describe('creating API keys', () => {
  it('is for admins only', async () => {
    const account = await createAccount(t);
    const manager = await createEmployee(t, account.adminToken, 'MANAGER');
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const { token } = await createApiKey(t, account.adminToken);
    for (const caller of [manager.token, cashier.token, token]) {
      expect(errorCodes(await t.execute(createApiKeyMutation, { input: { name: 'Mine' } }, caller))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.execute(apiKeysQuery, {}, caller))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await t.execute(createApiKeyMutation, { input: { name: 'Mine' } }))).toEqual(['UNAUTHENTICATED']);
    expect((await t.run(apiKeysQuery, {}, account.adminToken)).apiKeys).toHaveLength(1);
  });

  it('needs a name', async () => {
    const account = await createAccount(t);
    const result = await t.run(createApiKeyMutation, { input: { name: '  ' } }, account.adminToken);
    expect(expectTypename(result.createApiKey, 'ValidationError').field).toBe('name');
    expect((await t.run(apiKeysQuery, {}, account.adminToken)).apiKeys).toEqual([]);
  });

  it('lists keys newest first, without their tokens', async () => {
    const account = await createAccount(t);
    const created = [];
    for (const name of ['Books', 'Web store', 'Marketplace']) {
      const result = await t.run(createApiKeyMutation, { input: { name } }, account.adminToken);
      created.push(expectTypename(result.createApiKey, 'CreateApiKeyPayload'));
    }
    expect(created[0]!.token).toMatch(/^nik_[1-9][0-9]*\.[\w-]{43}$/);
    expect(created[0]!.apiKey).toMatchObject({ name: 'Books', lastUsedAt: null, revokedAt: null });

    const { apiKeys } = await t.run(apiKeysQuery, {}, account.adminToken);
    expect(apiKeys.map((key) => key.name)).toEqual(['Marketplace', 'Web store', 'Books']);
    expect(apiKeys.map((key) => key.id)).toEqual(created.map((key) => key.apiKey.id).reverse());
    expect(JSON.stringify(apiKeys)).not.toContain('nik_');
  });
});

describe('using an API key', () => {
  let account: TestAccount;
  let apiKeyId: string;
  let token: string;
  beforeAll(async () => {
    account = await createAccount(t, { name: 'Partnered Retail' });
    await createShop(t, account.adminToken, 'Main Street');
    await createItem(t, account.adminToken, 'KEY-1', 'Key blank');
    ({
      token,
      apiKey: { id: apiKeyId },
    } = await createApiKey(t, account.adminToken));
  });

  it("reads the account's data", async () => {
    const reads = await t.run(readsQuery, {}, token);
    expect(reads).toEqual({
      viewer: { account: { id: account.accountId, name: 'Partnered Retail' }, employee: null, session: null },
      shops: [{ name: 'Main Street' }],
      items: { edges: [{ node: { sku: 'KEY-1' } }] },
    });
  });

  it('is FORBIDDEN every mutation, and writes nothing', async () => {
    // Every mutation of the foundation, each with input that would succeed for an admin.
    const attempts = [
      t.execute(createAccountMutation, { input: { name: 'N', adminName: 'A', adminEmail: uniqueEmail(), adminPassword: password } }, token),
      t.execute(createEmployeeMutation, { input: { name: 'N', email: uniqueEmail(), password, role: 'ADMIN' } }, token),
      t.execute(createApiKeyMutation, { input: { name: 'Another' } }, token),
      t.execute(revokeApiKeyMutation, { input: { apiKeyId } }, token),
      t.execute(createShopMutation, { input: { name: 'Partner shop' } }, token),
      t.execute(createItemMutation, { input: { sku: 'PARTNER-1', name: 'Partner item' } }, token),
      t.execute(signOutMutation, {}, token),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.data).toBeNull();
    }
    const reads = await t.run(readsQuery, {}, token);
    expect(reads.shops).toEqual([{ name: 'Main Street' }]);
    expect(reads.items.edges).toEqual([{ node: { sku: 'KEY-1' } }]);
    const { apiKeys } = await t.run(apiKeysQuery, {}, account.adminToken);
    expect(apiKeys.map((key) => [key.id, key.revokedAt])).toEqual([[apiKeyId, null]]);
  });

  it('is FORBIDDEN every mutation of the schema, those added later included', async () => {
    // Built from the schema rather than written out, so a new mutation is covered the day it is
    // added. Inputs are well-formed (validation runs before authorization), and IDs need not
    // exist: authorization comes before any lookup. signIn needs no token at all.
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => field.name !== 'signIn');
    expect(mutations.length).toBeGreaterThanOrEqual(8);
    for (const field of mutations) {
      const variables = Object.fromEntries(field.args.map((arg) => [arg.name, sampleValue(arg.type, arg.name)]));
      const definitions = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const argumentList = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const selection = isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '';
      const document = parse(
        `mutation ${definitions ? `(${definitions})` : ''} { ${field.name}${argumentList ? `(${argumentList})` : ''} ${selection} }`,
      );
      const result = await t.execute(document, variables, token);
      expect({ mutation: field.name, result }).toMatchObject({
        mutation: field.name,
        result: { data: null, errors: [{ extensions: { code: 'FORBIDDEN' } }] },
      });
    }
  });

  it('records when it was last used', async () => {
    const fresh = await createApiKey(t, account.adminToken, 'Fresh');
    const lastUsed = async () =>
      (await t.run(apiKeysQuery, {}, account.adminToken)).apiKeys.find((key) => key.id === fresh.apiKey.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    await t.run(readsQuery, {}, fresh.token);
    const used = await lastUsed();
    expect(used).not.toBeNull();
    expect(Date.parse(used!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(used!)).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('revoking API keys', () => {
  it('makes the token UNAUTHENTICATED and leaves other keys working', async () => {
    const account = await createAccount(t);
    const revoked = await createApiKey(t, account.adminToken, 'Old integration');
    const kept = await createApiKey(t, account.adminToken, 'New integration');
    await t.run(readsQuery, {}, revoked.token);

    const result = await t.run(revokeApiKeyMutation, { input: { apiKeyId: revoked.apiKey.id } }, account.adminToken);
    const { apiKey } = expectTypename(result.revokeApiKey, 'RevokeApiKeyPayload');
    expect(apiKey).toMatchObject({ id: revoked.apiKey.id, name: 'Old integration', revokedAt: expect.any(String) });

    expect(errorCodes(await t.execute(readsQuery, {}, revoked.token))).toEqual(['UNAUTHENTICATED']);
    expect((await t.run(readsQuery, {}, kept.token)).viewer.account.id).toBe(account.accountId);

    // Revoking again keeps the first revocation time.
    const again = await t.run(revokeApiKeyMutation, { input: { apiKeyId: revoked.apiKey.id } }, account.adminToken);
    expect(expectTypename(again.revokeApiKey, 'RevokeApiKeyPayload').apiKey.revokedAt).toBe(apiKey.revokedAt);
    const { apiKeys } = await t.run(apiKeysQuery, {}, account.adminToken);
    expect(apiKeys.map((key) => [key.name, key.revokedAt])).toEqual([
      ['New integration', null],
      ['Old integration', apiKey.revokedAt],
    ]);
  });

  it("is NotFoundError, carrying the ID as given, for another account's key or a non-key ID", async () => {
    const account = await createAccount(t);
    const other = await createAccount(t);
    const theirs = await createApiKey(t, other.adminToken);
    const shop = await createShop(t, account.adminToken);
    for (const apiKeyId of [theirs.apiKey.id, shop.id, 'not-an-id', Buffer.from('ApiKey:abc').toString('base64')]) {
      const result = await t.run(revokeApiKeyMutation, { input: { apiKeyId } }, account.adminToken);
      expect(expectTypename(result.revokeApiKey, 'NotFoundError').id).toBe(apiKeyId);
    }
    // Their key still works.
    expect((await t.run(readsQuery, {}, theirs.token)).viewer.account.id).toBe(other.accountId);
  });

  it('is for admins only', async () => {
    const account = await createAccount(t);
    const manager = await createEmployee(t, account.adminToken, 'MANAGER');
    const { apiKey, token } = await createApiKey(t, account.adminToken);
    expect(errorCodes(await t.execute(revokeApiKeyMutation, { input: { apiKeyId: apiKey.id } }, manager.token))).toEqual(['FORBIDDEN']);
    expect((await t.run(readsQuery, {}, token)).viewer.account.id).toBe(account.accountId);
  });
});

let sampleIds = 0;

/** A well-formed value of an input type: what a client would send, not necessarily existing data. */
function sampleValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, name);
  if (isListType(type)) return [sampleValue(type.ofType, name)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type, field.name)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        // Distinct, so "another shop" rules hold; the type name is irrelevant before authorization.
        return encodeGlobalID('Shop', String(++sampleIds));
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'DateTime':
        return new Date().toISOString();
      default:
        if (/email/i.test(name)) return uniqueEmail();
        if (/password/i.test(name)) return password;
        return `Sample ${name}`;
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}
