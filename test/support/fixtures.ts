import { randomBytes } from 'node:crypto';
import { graphql } from '../gql/index.js';
import type { EmployeeRole } from '../gql/graphql.js';
import { expectTypename, operatorToken, type GraphQLRunner } from './harness.js';

// Fixtures go through the public API, so they are built exactly as a client would build them. Their
// operations, and the other account, sign-in and API-key operations, serve the tests as well.

export const createAccountMutation = graphql(`
  mutation FixtureCreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      __typename
      ... on CreateAccountPayload {
        account {
          id
          name
          legacy
        }
        admin {
          id
          email
          role
        }
      }
      ... on ValidationError {
        message
        field
      }
    }
  }
`);

export const signInMutation = graphql(`
  mutation FixtureSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInPayload {
        token
        employee {
          id
          role
        }
        session {
          negativeInventoryEnabled
          settingsOutdated
          createdAt
          expiresAt
        }
      }
      ... on InvalidCredentialsError {
        message
      }
    }
  }
`);

export const createEmployeeMutation = graphql(`
  mutation FixtureCreateEmployee($input: CreateEmployeeInput!) {
    createEmployee(input: $input) {
      __typename
      ... on CreateEmployeePayload {
        employee {
          id
        }
      }
      ... on ValidationError {
        message
        field
      }
    }
  }
`);

export const createShopMutation = graphql(`
  mutation FixtureCreateShop($input: CreateShopInput!) {
    createShop(input: $input) {
      __typename
      ... on CreateShopPayload {
        shop {
          id
          name
        }
      }
      ... on ValidationError {
        message
        field
      }
    }
  }
`);

export const createItemMutation = graphql(`
  mutation FixtureCreateItem($input: CreateItemInput!) {
    createItem(input: $input) {
      __typename
      ... on CreateItemPayload {
        item {
          id
          sku
          name
        }
      }
      ... on ValidationError {
        message
        field
      }
    }
  }
`);

export const createApiKeyMutation = graphql(`
  mutation FixtureCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeyPayload {
        token
        apiKey {
          id
          name
          createdAt
          lastUsedAt
          revokedAt
        }
      }
      ... on ValidationError {
        message
        field
      }
    }
  }
`);

export const revokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      __typename
      ... on RevokeApiKeyPayload {
        apiKey {
          id
          name
          revokedAt
        }
      }
      ... on NotFoundError {
        message
        id
      }
    }
  }
`);

export const signOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

export function uniqueEmail(label = 'person'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

export const password = 'correct horse battery';

export interface TestAccount {
  accountId: string;
  adminEmail: string;
  adminToken: string;
  legacy: boolean;
}

export async function createAccount(t: GraphQLRunner, options: { legacy?: boolean; name?: string } = {}): Promise<TestAccount> {
  const adminEmail = uniqueEmail('admin');
  const result = await t.run(
    createAccountMutation,
    {
      input: {
        name: options.name ?? 'Test Retail',
        adminName: 'Ada Admin',
        adminEmail,
        adminPassword: password,
        legacy: options.legacy ?? false,
      },
    },
    operatorToken,
  );
  const created = expectTypename(result.createAccount, 'CreateAccountPayload');
  return {
    accountId: created.account.id,
    adminEmail,
    adminToken: await signIn(t, adminEmail),
    legacy: created.account.legacy,
  };
}

export async function signIn(t: GraphQLRunner, email: string, secret = password): Promise<string> {
  const result = await t.run(signInMutation, { input: { email, password: secret } });
  return expectTypename(result.signIn, 'SignInPayload').token;
}

/** An employee of the admin's account with the given role, signed in. */
export async function createEmployee(
  t: GraphQLRunner,
  adminToken: string,
  role: EmployeeRole,
): Promise<{ employeeId: string; email: string; token: string }> {
  const email = uniqueEmail(role.toLowerCase());
  const result = await t.run(createEmployeeMutation, { input: { name: `${role} person`, email, password, role } }, adminToken);
  const employeeId = expectTypename(result.createEmployee, 'CreateEmployeePayload').employee.id;
  return { employeeId, email, token: await signIn(t, email) };
}

export async function createShop(t: GraphQLRunner, token: string, name = `Shop ${randomBytes(3).toString('hex')}`) {
  const result = await t.run(createShopMutation, { input: { name } }, token);
  return expectTypename(result.createShop, 'CreateShopPayload').shop;
}

export async function createItem(t: GraphQLRunner, token: string, sku = `SKU-${randomBytes(4).toString('hex')}`, name = `Item ${sku}`) {
  const result = await t.run(createItemMutation, { input: { sku, name } }, token);
  return expectTypename(result.createItem, 'CreateItemPayload').item;
}

export async function createApiKey(t: GraphQLRunner, adminToken: string, name = 'Partner books') {
  const result = await t.run(createApiKeyMutation, { input: { name } }, adminToken);
  return expectTypename(result.createApiKey, 'CreateApiKeyPayload');
}
