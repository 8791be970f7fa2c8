import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { errorCodes, useTestApp, type TestApp } from './support/harness.js';

const nodeQuery = graphql(`
  query FoundationTenancyNode($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Account {
        name
      }
      ... on Shop {
        name
      }
      ... on Item {
        sku
      }
      ... on Employee {
        email
        role
      }
      ... on ApiKey {
        name
      }
    }
  }
`);

const listsQuery = graphql(`
  query FoundationTenancyLists {
    viewer {
      account {
        id
      }
    }
    shops {
      id
      name
    }
    items(first: 500) {
      edges {
        node {
          id
          sku
        }
      }
    }
  }
`);

const apiKeysQuery = graphql(`
  query FoundationTenancyApiKeys {
    apiKeys {
      id
      name
    }
  }
`);

/** The IDs of one account's objects of every Node type the foundation has. */
interface AccountObjects {
  account: TestAccount;
  ids: { Account: string; Shop: string; Item: string; Employee: string; ApiKey: string };
}

async function accountWithObjects(t: TestApp, label: string): Promise<AccountObjects> {
  const account = await createAccount(t, { name: `${label} Retail` });
  const shop = await createShop(t, account.adminToken, `${label} shop`);
  const item = await createItem(t, account.adminToken, `${label}-SKU`, `${label} item`);
  const employee = await createEmployee(t, account.adminToken, 'CASHIER');
  const { apiKey } = await createApiKey(t, account.adminToken, `${label} key`);
  return {
    account,
    ids: { Account: account.accountId, Shop: shop.id, Item: item.id, Employee: employee.employeeId, ApiKey: apiKey.id },
  };
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

const t = useTestApp();
let ours: AccountObjects;
let theirs: AccountObjects;
beforeAll(async () => {
  ours = await accountWithObjects(t, 'OURS');
  theirs = await accountWithObjects(t, 'THEIRS');
});

describe('node', () => {
  it("returns the caller's own objects of every type, with their __typename", async () => {
    for (const [typename, id] of Object.entries(ours.ids)) {
      const { node } = await t.run(nodeQuery, { id }, ours.account.adminToken);
      expect(node).toMatchObject({ __typename: typename, id });
    }
    const { node: shop } = await t.run(nodeQuery, { id: ours.ids.Shop }, ours.account.adminToken);
    expect(shop).toEqual({ __typename: 'Shop', id: ours.ids.Shop, name: 'OURS shop' });
  });

  it('returns null for every object of another account, to an employee and to an API key', async () => {
    const { token: apiKeyToken } = await createApiKey(t, ours.account.adminToken);
    for (const [typename, id] of Object.entries(theirs.ids)) {
      for (const token of [ours.account.adminToken, apiKeyToken]) {
        const result = await t.execute(nodeQuery, { id }, token);
        expect({ typename, result }).toEqual({ typename, result: { data: { node: null } } });
      }
      // The other account itself sees it, so the ID is real.
      expect((await t.run(nodeQuery, { id }, theirs.account.adminToken)).node?.__typename).toBe(typename);
    }
  });

  it('returns null for IDs that do not decode, name no Node type, or name no row', async () => {
    const shopRowId = Buffer.from(ours.ids.Shop, 'base64').toString().split(':')[1];
    const ids = [
      '',
      'not an id',
      '%%%',
      base64('Shop'),
      base64('Shop:'),
      base64('Shop:abc'),
      base64('Shop:0'),
      base64('Shop:-1'),
      base64(`Shop:${shopRowId} or 1=1`),
      base64('Shop:123456789012345678901234567890'),
      base64('Shop:999999999'),
      base64(`NoSuchType:${shopRowId}`),
      base64(`Session:${shopRowId}`),
      base64(`ValidationError:${shopRowId}`),
      base64(`Query:${shopRowId}`),
    ];
    for (const id of ids) {
      const result = await t.execute(nodeQuery, { id }, ours.account.adminToken);
      expect({ id, result }).toEqual({ id, result: { data: { node: null } } });
    }
  });

  it('requires a token', async () => {
    expect(errorCodes(await t.execute(nodeQuery, { id: ours.ids.Shop }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('lists', () => {
  it("never list another account's shops, items or API keys", async () => {
    const lists = await t.run(listsQuery, {}, ours.account.adminToken);
    expect(lists.viewer.account.id).toBe(ours.ids.Account);
    expect(lists.shops).toEqual([{ id: ours.ids.Shop, name: 'OURS shop' }]);
    expect(lists.items.edges.map((edge) => edge.node)).toEqual([{ id: ours.ids.Item, sku: 'OURS-SKU' }]);

    const theirLists = await t.run(listsQuery, {}, theirs.account.adminToken);
    expect(theirLists.shops.map((shop) => shop.id)).toEqual([theirs.ids.Shop]);
    expect(theirLists.items.edges.map((edge) => edge.node.id)).toEqual([theirs.ids.Item]);

    const theirKeys = await t.run(apiKeysQuery, {}, theirs.account.adminToken);
    expect(theirKeys.apiKeys).toEqual([{ id: theirs.ids.ApiKey, name: 'THEIRS key' }]);
  });

  it("never find another account's items by search", async () => {
    const { items } = await t.run(
      graphql(`
        query FoundationTenancySearch($search: String) {
          items(search: $search) {
            edges {
              node {
                id
              }
            }
          }
        }
      `),
      { search: 'THEIRS' },
      ours.account.adminToken,
    );
    expect(items.edges).toEqual([]);
  });
});
