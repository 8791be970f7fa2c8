import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticate } from '../src/auth/auth.service.js';
import { hashToken, parseToken } from '../src/auth/tokens.js';
import { decodeId } from '../src/node/global-id.js';
import {
  createAccount,
  createAccountMutation,
  createApiKey,
  createEmployee,
  createEmployeeMutation,
  createShopMutation,
  password,
  signIn,
  signInMutation,
  uniqueEmail,
  type TestAccount,
} from './support/fixtures.js';
import { errorCodes, expectTypename, operatorToken, testConfig, useTestApp } from './support/harness.js';

// Keys that include the account (migrations/2026-12-06T0400_keys_include_account.ts): e-mail
// addresses stay unique across all accounts through the sign-in directory (sign_in_emails), and
// session and API-key tokens name their account, so that their lookup stays within it.

const t = useTestApp();
const config = testConfig();

const accountIdOf = (account: TestAccount) => decodeId(account.accountId, 'Account')!;
const secret = () => randomBytes(32).toString('base64url');
const callerOf = (token: string) => authenticate(t.db, config, `Bearer ${token}`);
/** Whether the token gets past authentication: FORBIDDEN for an API key (read-only), a shop for an admin. */
const createShopCodes = async (token: string) =>
  errorCodes(await t.execute(createShopMutation, { input: { name: `Shop ${randomBytes(3).toString('hex')}` } }, token));

describe('e-mail addresses', () => {
  it('are refused when another account has them, with the same ValidationError, and nothing is written', async () => {
    const [first, second] = [await createAccount(t), await createAccount(t)];
    const cashier = await createEmployee(t, first.adminToken, 'CASHIER');

    for (const email of [first.adminEmail, cashier.email.toUpperCase()]) {
      const result = await t.run(createEmployeeMutation, { input: { name: 'Copy', email, password, role: 'MANAGER' } }, second.adminToken);
      expect(expectTypename(result.createEmployee, 'ValidationError')).toEqual({
        __typename: 'ValidationError',
        message: 'An employee with this e-mail address already exists.',
        field: 'email',
      });
    }
    // In the same account too.
    const sameAccount = await t.run(
      createEmployeeMutation,
      { input: { name: 'Copy', email: cashier.email, password, role: 'MANAGER' } },
      first.adminToken,
    );
    expect(expectTypename(sameAccount.createEmployee, 'ValidationError').field).toBe('email');
    // And for a new account's admin (its whole account is rolled back).
    const accountName = `Copy ${randomBytes(3).toString('hex')}`;
    const newAccount = await t.run(
      createAccountMutation,
      { input: { name: accountName, adminName: 'Copy', adminEmail: cashier.email, adminPassword: password } },
      operatorToken,
    );
    expect(expectTypename(newAccount.createAccount, 'ValidationError').field).toBe('adminEmail');
    expect(await t.db.selectFrom('accounts').select('id').where('name', '=', accountName).execute()).toEqual([]);

    const employees = await t.db.selectFrom('employees').select('account_id').where('email', '=', cashier.email).execute();
    expect(employees).toEqual([{ account_id: accountIdOf(first) }]);
    // The directory has one entry per employee, and sign-in still finds the first account's.
    const directory = await t.db
      .selectFrom('sign_in_emails')
      .select(['account_id', 'employee_id'])
      .where('email', '=', cashier.email)
      .execute();
    expect(directory).toEqual([{ account_id: accountIdOf(first), employee_id: decodeId(cashier.employeeId, 'Employee') }]);
    expect(await createShopCodes(await signIn(t, cashier.email))).toEqual(['FORBIDDEN']); // a cashier, signed in
  });

  it('sign in to their own account, whatever their case', async () => {
    const [first, second] = [await createAccount(t), await createAccount(t)];
    for (const account of [first, second]) {
      const result = await t.run(signInMutation, { input: { email: `  ${account.adminEmail.toUpperCase()} `, password } });
      const { token } = expectTypename(result.signIn, 'SignInPayload');
      expect(await callerOf(token)).toMatchObject({ kind: 'employee', accountId: accountIdOf(account), role: 'ADMIN' });
    }
    const unknown = await t.run(signInMutation, { input: { email: uniqueEmail(), password } });
    expect(unknown.signIn.__typename).toBe('InvalidCredentialsError');
  });
});

describe('tokens', () => {
  it('name their account, and authenticate', async () => {
    const account = await createAccount(t);
    const accountId = accountIdOf(account);
    expect(account.adminToken).toMatch(new RegExp(`^nis_${accountId}\\.[\\w-]{43}$`));
    expect(parseToken(account.adminToken)).toEqual({ kind: 'session', accountId });
    expect(await callerOf(account.adminToken)).toMatchObject({ kind: 'employee', accountId });
    expect(await createShopCodes(account.adminToken)).toEqual([]);

    const { token: apiKey } = await createApiKey(t, account.adminToken);
    expect(apiKey).toMatch(new RegExp(`^nik_${accountId}\\.[\\w-]{43}$`));
    expect(await callerOf(apiKey)).toMatchObject({ kind: 'apiKey', accountId });
    expect(await createShopCodes(apiKey)).toEqual(['FORBIDDEN']);
  });

  it('issued before tokens named their account still authenticate, by their hash alone', async () => {
    const account = await createAccount(t);
    const accountId = accountIdOf(account);
    const admin = await t.db.selectFrom('employees').select('id').where('email', '=', account.adminEmail).executeTakeFirstOrThrow();
    const session = `nis_${secret()}`;
    const apiKey = `nik_${secret()}`;
    expect(parseToken(session)).toEqual({ kind: 'session', accountId: null });
    await t.db
      .insertInto('sessions')
      .values({
        account_id: accountId,
        employee_id: admin.id,
        token_hash: hashToken(session),
        negative_inventory_enabled: true,
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    await t.db
      .insertInto('api_keys')
      .values({ account_id: accountId, name: 'Old key', token_hash: hashToken(apiKey) })
      .execute();

    expect(await callerOf(session)).toMatchObject({ kind: 'employee', accountId, employeeId: admin.id });
    expect(await createShopCodes(session)).toEqual([]);
    expect(await callerOf(apiKey)).toMatchObject({ kind: 'apiKey', accountId });
    expect(await createShopCodes(apiKey)).toEqual(['FORBIDDEN']);
  });

  it('do not authenticate with their account part altered, removed or malformed', async () => {
    const [account, other] = [await createAccount(t), await createAccount(t)];
    const { token: apiKey } = await createApiKey(t, account.adminToken);
    for (const token of [account.adminToken, apiKey]) {
      const [, prefix, id, rest] = /^(ni[sk]_)(\d+)\.(.+)$/.exec(token)!;
      expect(id).toBe(accountIdOf(account));
      const altered = [
        `${prefix}${accountIdOf(other)}.${rest}`, // another account that exists
        `${prefix}${BigInt(id!) + 1000n}.${rest}`, // one that doesn't
        `${prefix}${rest}`, // no account: an old-style token, looked up by its hash, which is another
        `${prefix}0${id}.${rest}`, // not the account id's own form
        `${prefix}abc.${rest}`,
        `${prefix}99999999999999999999.${rest}`, // past bigint: refused, not a database error
        `${prefix}.${rest}`,
      ];
      for (const token of altered) {
        expect(await callerOf(token)).toBeNull();
        expect(await createShopCodes(token)).toEqual(['UNAUTHENTICATED']);
      }
    }
    // The tokens themselves still work.
    expect(await createShopCodes(account.adminToken)).toEqual([]);
    expect(await createShopCodes(apiKey)).toEqual(['FORBIDDEN']);
  });

  it('are looked up within the account they name: a row of another account with their hash is not theirs', async () => {
    // No token is issued like this (the hash covers the account part); written here directly, it
    // shows that the lookup filters by the account the token names, not by the hash alone.
    const [account, other] = [await createAccount(t), await createAccount(t)];
    const accountId = accountIdOf(account);
    const admin = await t.db.selectFrom('employees').select('id').where('email', '=', account.adminEmail).executeTakeFirstOrThrow();
    const session = `nis_${accountIdOf(other)}.${secret()}`;
    const apiKey = `nik_${accountIdOf(other)}.${secret()}`;
    await t.db
      .insertInto('sessions')
      .values({
        account_id: accountId,
        employee_id: admin.id,
        token_hash: hashToken(session),
        negative_inventory_enabled: true,
        expires_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    await t.db
      .insertInto('api_keys')
      .values({ account_id: accountId, name: 'Misfiled', token_hash: hashToken(apiKey) })
      .execute();
    for (const token of [session, apiKey]) {
      expect(await callerOf(token)).toBeNull();
      expect(await createShopCodes(token)).toEqual(['UNAUTHENTICATED']);
    }
  });
});
