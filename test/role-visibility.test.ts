import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import {
  createAccount,
  createAccountMutation,
  createApiKey,
  createEmployee,
  createItem,
  createShop,
  password,
  signInMutation,
  uniqueEmail,
  type TestAccount,
} from './support/fixtures.js';
import { errorCodes, expectTypename, operatorToken, useTestApp } from './support/harness.js';
import { sell } from './support/reports.js';

// What each role may see: API keys (their names, when they were used) only admins; employees'
// e-mail addresses admins and managers, a cashier only their own, partner API keys none.

const nodeQuery = graphql(`
  query HardeningVisibilityNode($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ApiKey {
        name
        lastUsedAt
      }
      ... on Employee {
        name
        email
        role
      }
    }
  }
`);

const employeeNameQuery = graphql(`
  query HardeningVisibilityEmployeeName($id: ID!) {
    node(id: $id) {
      id
      ... on Employee {
        name
        role
      }
    }
  }
`);

const viewerEmailQuery = graphql(`
  query HardeningVisibilityViewer {
    viewer {
      employee {
        id
        email
      }
    }
  }
`);

const apiKeysQuery = graphql(`
  query HardeningVisibilityApiKeys {
    apiKeys {
      id
      name
    }
  }
`);

const ledgerEmployeesQuery = graphql(`
  query HardeningVisibilityLedger($withEmail: Boolean!) {
    inventoryAdjustments(first: 10) {
      edges {
        node {
          id
          employee {
            id
            name
            email @include(if: $withEmail)
          }
        }
      }
    }
  }
`);

const signInQueryWithEmail = graphql(`
  mutation HardeningVisibilitySignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInPayload {
        employee {
          id
          email
        }
      }
    }
  }
`);

const t = useTestApp();
let account: TestAccount;
let manager: Awaited<ReturnType<typeof createEmployee>>;
let cashier: Awaited<ReturnType<typeof createEmployee>>;
let otherCashier: Awaited<ReturnType<typeof createEmployee>>;
let partner: Awaited<ReturnType<typeof createApiKey>>;
let adminId: string;

beforeAll(async () => {
  account = await createAccount(t);
  manager = await createEmployee(t, account.adminToken, 'MANAGER');
  cashier = await createEmployee(t, account.adminToken, 'CASHIER');
  otherCashier = await createEmployee(t, account.adminToken, 'CASHIER');
  partner = await createApiKey(t, account.adminToken, 'Books partner');
  adminId = (await t.run(viewerEmailQuery, {}, account.adminToken)).viewer.employee!.id;
  const shop = await createShop(t, account.adminToken);
  const item = await createItem(t, account.adminToken);
  await sell(t, otherCashier.token, shop.id, [{ itemId: item.id, quantity: 1 }]);
});

describe('API keys', () => {
  it('are found by node for admins only; to anyone else their ID is null, as if it did not exist', async () => {
    const asAdmin = await t.run(nodeQuery, { id: partner.apiKey.id }, account.adminToken);
    expect(asAdmin.node).toMatchObject({ __typename: 'ApiKey', id: partner.apiKey.id, name: 'Books partner' });
    for (const token of [manager.token, cashier.token, partner.token]) {
      expect(await t.execute(nodeQuery, { id: partner.apiKey.id }, token)).toEqual({ data: { node: null } });
    }
  });

  it('are listed for admins only', async () => {
    expect((await t.run(apiKeysQuery, {}, account.adminToken)).apiKeys.map((key) => key.id)).toEqual([partner.apiKey.id]);
    for (const token of [manager.token, cashier.token, partner.token]) {
      expect(errorCodes(await t.execute(apiKeysQuery, {}, token))).toEqual(['FORBIDDEN']);
    }
  });
});

describe("employees' e-mail addresses", () => {
  it('are shown to admins and managers', async () => {
    for (const token of [account.adminToken, manager.token]) {
      const { node } = await t.run(nodeQuery, { id: cashier.employeeId }, token);
      expect(node).toMatchObject({ __typename: 'Employee', email: cashier.email, role: 'CASHIER' });
    }
    expect((await t.run(nodeQuery, { id: adminId }, manager.token)).node).toMatchObject({ email: account.adminEmail });
  });

  it("are FORBIDDEN to a cashier, but for the cashier's own", async () => {
    const other = await t.execute(nodeQuery, { id: otherCashier.employeeId }, cashier.token);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors?.[0]?.path).toEqual(['node', 'email']);
    expect(JSON.stringify(other)).not.toContain(otherCashier.email);

    expect((await t.run(nodeQuery, { id: cashier.employeeId }, cashier.token)).node).toMatchObject({ email: cashier.email });
    expect((await t.run(viewerEmailQuery, {}, cashier.token)).viewer.employee).toEqual({ id: cashier.employeeId, email: cashier.email });
    // The rest of an employee stays readable.
    expect((await t.run(employeeNameQuery, { id: otherCashier.employeeId }, cashier.token)).node).toEqual({
      id: otherCashier.employeeId,
      name: 'CASHIER person',
      role: 'CASHIER',
    });
  });

  it('are FORBIDDEN to partner API keys, wherever an employee is reached', async () => {
    const direct = await t.execute(nodeQuery, { id: cashier.employeeId }, partner.token);
    expect(errorCodes(direct)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(direct)).not.toContain(cashier.email);

    const ledger = await t.execute(ledgerEmployeesQuery, { withEmail: true }, partner.token);
    expect(errorCodes(ledger)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(ledger)).not.toContain(otherCashier.email);
    const names = await t.run(ledgerEmployeesQuery, { withEmail: false }, partner.token);
    expect(names.inventoryAdjustments.edges.map((edge) => edge.node.employee?.id)).toEqual([otherCashier.employeeId]);

    expect(errorCodes(await t.execute(ledgerEmployeesQuery, { withEmail: true }, cashier.token))).toEqual(['FORBIDDEN']);
    const asManager = await t.run(ledgerEmployeesQuery, { withEmail: true }, manager.token);
    expect(asManager.inventoryAdjustments.edges[0]?.node.employee).toMatchObject({ email: otherCashier.email });
  });

  it('are answered by signIn and createAccount, which were just given them', async () => {
    const adminEmail = uniqueEmail('founder');
    const created = await t.run(
      createAccountMutation,
      { input: { name: 'Visibility Retail', adminName: 'Fay Founder', adminEmail, adminPassword: password } },
      operatorToken,
    );
    expect(expectTypename(created.createAccount, 'CreateAccountPayload').admin.email).toBe(adminEmail);
    const signedIn = await t.run(signInQueryWithEmail, { input: { email: cashier.email, password } });
    expect(expectTypename(signedIn.signIn, 'SignInPayload').employee).toEqual({ id: cashier.employeeId, email: cashier.email });
    // The fixture's own sign-in asks for no address; it still works for every role.
    expect(
      expectTypename((await t.run(signInMutation, { input: { email: cashier.email, password } })).signIn, 'SignInPayload').token,
    ).toMatch(/^nis_/);
  });
});
