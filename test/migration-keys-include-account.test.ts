import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/database.js';
import { migrateTo } from '../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { findDistributionKeyViolations } from './support/distribution-keys.js';

// The migration that makes every key include the account, on a database that already holds
// employees and sessions: the sign-in directory is filled from employees, and the keys that didn't
// include the account (the only ones test/distribution-keys.test.ts would report) are replaced.

const migration = '2026-12-06T0400_keys_include_account';
const before = '2026-12-06T0300_negative_episode_resolution';

let database: TestDatabase;
let db: DB;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
  await migrateTo(db, before);
});
afterAll(async () => {
  await database?.drop();
});

const violationsBefore = [
  'sign_in_emails: listed as a reference or ignored table, but there is no such table',
  'api_keys: api_keys_token_hash_key CREATE UNIQUE INDEX api_keys_token_hash_key ON public.api_keys USING btree (token_hash) does not contain account_id',
  'employees: employees_email_key CREATE UNIQUE INDEX employees_email_key ON public.employees USING btree (email) does not contain account_id',
  'sessions: sessions_token_hash_key CREATE UNIQUE INDEX sessions_token_hash_key ON public.sessions USING btree (token_hash) does not contain account_id',
];

describe(migration, () => {
  it('fills the sign-in directory from employees, and leaves no key without the account', async () => {
    expect(await findDistributionKeyViolations(db)).toEqual(violationsBefore);
    await sql`
      insert into accounts (id, name, legacy) overriding system value values (1, 'First', false), (2, 'Second', false);
      insert into employees (account_id, id, name, email, password_hash, role) overriding system value values
        (1, 10, 'Ada', 'ada@example.test', 'x', 'ADMIN'),
        (1, 11, 'Bob', 'bob@example.test', 'x', 'CASHIER'),
        (2, 20, 'Cy', 'cy@example.test', 'x', 'ADMIN');
      insert into sessions (account_id, employee_id, token_hash, negative_inventory_enabled, expires_at)
        values (1, 10, '\\x01', true, now() + interval '1 hour'), (2, 20, '\\x02', true, now() + interval '1 hour');
    `.execute(db);

    await migrateTo(db, migration);

    expect(await db.selectFrom('sign_in_emails').selectAll().orderBy('email').execute()).toEqual([
      { email: 'ada@example.test', account_id: '1', employee_id: '10' },
      { email: 'bob@example.test', account_id: '1', employee_id: '11' },
      { email: 'cy@example.test', account_id: '2', employee_id: '20' },
    ]);
    expect(await findDistributionKeyViolations(db)).toEqual([]);
    // An address is still unique across accounts (in the directory), and within one (in employees).
    await expect(
      sql`insert into sign_in_emails (email, account_id, employee_id) values ('ada@example.test', 2, 21)`.execute(db),
    ).rejects.toThrow(/sign_in_emails_pkey/);
    await expect(
      sql`insert into employees (account_id, name, email, password_hash, role) values (1, 'Ada 2', 'ada@example.test', 'x', 'ADMIN')`.execute(
        db,
      ),
    ).rejects.toThrow(/employees_account_email_key/);
    // Token hashes are unique with their account.
    await expect(
      sql`insert into sessions (account_id, employee_id, token_hash, negative_inventory_enabled, expires_at)
        values (1, 11, '\\x01', true, now() + interval '1 hour')`.execute(db),
    ).rejects.toThrow(/sessions_token_hash_account_key/);
  });

  it('goes down to the keys before it, and back up', async () => {
    await migrateTo(db, before);
    expect(await findDistributionKeyViolations(db)).toEqual(violationsBefore);
    await migrateTo(db, migration);
    expect(await findDistributionKeyViolations(db)).toEqual([]);
    expect(await db.selectFrom('sign_in_emails').select('email').orderBy('email').execute()).toHaveLength(3);
  });
});
