import { randomBytes, scryptSync } from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../src/auth/passwords.js';
import { createAccount, password, signInMutation, type TestAccount } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';

// Passwords are hashed with Argon2id at OWASP's parameters; hashes made before (scrypt, or Argon2id
// with other parameters) still verify and are replaced at the next successful sign-in.

const currentHash = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

/** A hash as the server wrote them before: node's scrypt with N = 2^15, r = 8, p = 1. */
function legacyScryptHash(secret: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(secret.normalize('NFKC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 256 * 2 ** 15 * 8 });
  return `scrypt$${2 ** 15}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

const t = useTestApp();

async function storedHash(email: string): Promise<string> {
  const row = await t.db.selectFrom('employees').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
  return row.password_hash;
}

async function setStoredHash(email: string, passwordHash: string): Promise<void> {
  await t.db.updateTable('employees').set({ password_hash: passwordHash }).where('email', '=', email).execute();
}

async function signInAs(email: string, secret: string) {
  return (await t.run(signInMutation, { input: { email, password: secret } })).signIn.__typename;
}

describe('password hashes', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await createAccount(t);
  });

  it('are Argon2id at the OWASP parameters, with them written into the hash, and salted', async () => {
    const stored = await storedHash(account.adminEmail);
    expect(stored).toMatch(currentHash);
    expect(needsRehash(stored)).toBe(false);
    const again = await hashPassword(password);
    expect(again).not.toBe(await hashPassword(password));
    expect(await verifyPassword(password, again)).toBe(true);
    expect(await verifyPassword('wrong password!', again)).toBe(false);
    // Compatibility forms of the same characters are one password (NFKC).
    expect(await verifyPassword('ｃｏｒｒｅｃｔ horse battery', again)).toBe(true);
  });

  it('made with scrypt still sign in, and are replaced by a current hash at that sign-in', async () => {
    const legacy = legacyScryptHash(password);
    await setStoredHash(account.adminEmail, legacy);
    expect(needsRehash(legacy)).toBe(true);

    // A wrong password changes nothing.
    expect(await signInAs(account.adminEmail, 'not the password')).toBe('InvalidCredentialsError');
    expect(await storedHash(account.adminEmail)).toBe(legacy);

    expect(await signInAs(account.adminEmail, password)).toBe('SignInPayload');
    const upgraded = await storedHash(account.adminEmail);
    expect(upgraded).toMatch(currentHash);
    expect(await signInAs(account.adminEmail, password)).toBe('SignInPayload');
    // Once current, it stays as it is.
    expect(await storedHash(account.adminEmail)).toBe(upgraded);
    expect(await signInAs(account.adminEmail, 'not the password')).toBe('InvalidCredentialsError');
  });

  it('made with weaker Argon2 parameters are replaced the same way', async () => {
    const weaker = await argon2Hash(password.normalize('NFKC'), { memoryCost: 4096, timeCost: 3, parallelism: 1 });
    expect(weaker).toMatch(/^\$argon2id\$v=19\$m=4096,t=3,p=1\$/);
    expect(needsRehash(weaker)).toBe(true);
    await setStoredHash(account.adminEmail, weaker);
    expect(await signInAs(account.adminEmail, password)).toBe('SignInPayload');
    expect(await storedHash(account.adminEmail)).toMatch(currentHash);
  });

  it('that are malformed never match', async () => {
    for (const stored of ['', 'plain', '$argon2id$v=19$m=19456,t=2,p=1$bad', 'scrypt$0$8$1$c2FsdA==$a2V5', 'scrypt$abc$8$1$$']) {
      expect(await verifyPassword(password, stored)).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });
});
