import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import {
  createAccount,
  createAccountMutation,
  createApiKey,
  createEmployee,
  password,
  signIn,
  signInMutation,
  signOutMutation,
  uniqueEmail,
} from './support/fixtures.js';
import { errorCodes, expectTypename, operatorToken, useTestApp } from './support/harness.js';

const viewerQuery = graphql(`
  query Viewer {
    viewer {
      account {
        id
        name
        legacy
        optionalModules {
          module
          enabled
          locked
          updatedAt
        }
      }
      employee {
        id
        email
        role
      }
      session {
        negativeInventoryEnabled
        settingsOutdated
        createdAt
        expiresAt
      }
    }
  }
`);

const t = useTestApp();

describe('accounts', () => {
  it('creates a newer account with negative inventory on and locked', async () => {
    const account = await createAccount(t);
    const { viewer } = await t.run(viewerQuery, {}, account.adminToken);
    expect(viewer.account.legacy).toBe(false);
    expect(viewer.account.optionalModules).toEqual([
      {
        module: 'NEGATIVE_INVENTORY',
        enabled: true,
        locked: true,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
    expect(viewer.employee?.role).toBe('ADMIN');
    expect(viewer.session).toMatchObject({ negativeInventoryEnabled: true, settingsOutdated: false });
  });

  it('creates a legacy account with negative inventory off and unlocked', async () => {
    const account = await createAccount(t, { legacy: true });
    const { viewer } = await t.run(viewerQuery, {}, account.adminToken);
    expect(viewer.account.legacy).toBe(true);
    expect(viewer.account.optionalModules[0]).toMatchObject({ enabled: false, locked: false });
    expect(viewer.session?.negativeInventoryEnabled).toBe(false);
  });

  it('lets only the operator token create accounts', async () => {
    const account = await createAccount(t);
    const input = { name: 'X', adminName: 'Y', adminEmail: uniqueEmail(), adminPassword: password };
    expect(errorCodes(await t.execute(createAccountMutation, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.execute(createAccountMutation, { input }, account.adminToken))).toEqual(['FORBIDDEN']);
    const result = await t.run(createAccountMutation, { input }, operatorToken);
    expect(result.createAccount.__typename).toBe('CreateAccountPayload');
  });

  it('names the input field at fault and writes nothing', async () => {
    const email = uniqueEmail();
    const result = await t.run(
      createAccountMutation,
      { input: { name: 'Shop', adminName: '  ', adminEmail: email, adminPassword: password } },
      operatorToken,
    );
    expect(expectTypename(result.createAccount, 'ValidationError').field).toBe('adminName');
    const bad = await t.run(
      createAccountMutation,
      { input: { name: 'Shop', adminName: 'A', adminEmail: 'not-an-email', adminPassword: password } },
      operatorToken,
    );
    expect(expectTypename(bad.createAccount, 'ValidationError').field).toBe('adminEmail');
    const signInResult = await t.run(signInMutation, { input: { email, password } });
    expect(signInResult.signIn.__typename).toBe('InvalidCredentialsError');
  });

  it('refuses an e-mail address used by any account, whatever its case', async () => {
    const account = await createAccount(t);
    const result = await t.run(
      createAccountMutation,
      { input: { name: 'Other', adminName: 'B', adminEmail: account.adminEmail.toUpperCase(), adminPassword: password } },
      operatorToken,
    );
    expect(expectTypename(result.createAccount, 'ValidationError').field).toBe('adminEmail');
  });
});

describe('sign-in and tokens', () => {
  it('gives the same error for an unknown e-mail and a wrong password', async () => {
    const account = await createAccount(t);
    const wrongPassword = await t.run(signInMutation, { input: { email: account.adminEmail, password: 'nope-nope-nope' } });
    const unknownEmail = await t.run(signInMutation, { input: { email: uniqueEmail(), password } });
    expect(wrongPassword.signIn).toEqual(unknownEmail.signIn);
    expect(wrongPassword.signIn.__typename).toBe('InvalidCredentialsError');
  });

  it('rejects missing, unknown and signed-out tokens as UNAUTHENTICATED', async () => {
    const account = await createAccount(t);
    expect(errorCodes(await t.execute(viewerQuery, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.execute(viewerQuery, {}, 'nis_not-a-real-token'))).toEqual(['UNAUTHENTICATED']);
    const token = await signIn(t, account.adminEmail);
    expect((await t.run(signOutMutation, {}, token)).signOut).toBe(true);
    expect(errorCodes(await t.execute(viewerQuery, {}, token))).toEqual(['UNAUTHENTICATED']);
    // The other session of the same employee is untouched.
    expect((await t.run(viewerQuery, {}, account.adminToken)).viewer.account.id).toBe(account.accountId);
  });

  it('stores tokens and passwords only as hashes', async () => {
    const account = await createAccount(t);
    const sessions = await t.db.selectFrom('sessions').select('token_hash').execute();
    for (const { token_hash } of sessions) {
      expect(token_hash.length).toBe(32);
      expect(token_hash.toString('utf8')).not.toContain(account.adminToken);
    }
    const employee = await t.db
      .selectFrom('employees')
      .select('password_hash')
      .where('email', '=', account.adminEmail)
      .executeTakeFirstOrThrow();
    expect(employee.password_hash).toMatch(/^\$argon2id\$/);
    expect(employee.password_hash).not.toContain(password);
  });

  it('expires sessions', async () => {
    const account = await createAccount(t);
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect(errorCodes(await t.execute(viewerQuery, {}, account.adminToken))).toEqual(['UNAUTHENTICATED']);
  });

  it('gives partner API keys read access and no session', async () => {
    const account = await createAccount(t);
    const { token } = await createApiKey(t, account.adminToken);
    const { viewer } = await t.run(viewerQuery, {}, token);
    expect(viewer.account.id).toBe(account.accountId);
    expect(viewer.employee).toBeNull();
    expect(viewer.session).toBeNull();
    expect(errorCodes(await t.execute(signOutMutation, {}, token))).toEqual(['FORBIDDEN']);
  });

  it('keeps cashiers and managers out of admin work', async () => {
    const account = await createAccount(t);
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const input = { name: 'N', email: uniqueEmail(), password, role: 'CASHIER' as const };
    const createEmployeeDoc = graphql(`
      mutation CashierCreatesEmployee($input: CreateEmployeeInput!) {
        createEmployee(input: $input) {
          __typename
        }
      }
    `);
    expect(errorCodes(await t.execute(createEmployeeDoc, { input }, cashier.token))).toEqual(['FORBIDDEN']);
  });
});
