import { sql, type Kysely } from 'kysely';

// Ready to distribute by account (e.g. Citus, account_id as the distribution column): a unique
// constraint on a distributed table is enforced shard by shard, so it must include account_id, and
// so must every foreign key between distributed tables. Three keys didn't (test/distribution-keys.test.ts
// checks them all from the catalogue):
//
// - employees_email_key, UNIQUE (email). The API needs addresses unique across all accounts (signIn
//   takes an e-mail and a password, no account), so that rule moves to sign_in_emails: a directory
//   of every employee's address, keyed by the address alone, with the account and employee it
//   signs in to. It is small and read by address, the shape of a Citus reference table (one copy
//   on every node), and a reference table can't have a foreign key to a distributed table: it has
//   none. The application writes it in the employee's transaction (src/employees/employees.service.ts).
//   Nothing deletes employees or changes their address today; whatever does must update it too.
//   employees keeps UNIQUE (account_id, email), which a shard can enforce.
// - sessions_token_hash_key and api_keys_token_hash_key, UNIQUE (token_hash). They become
//   UNIQUE (token_hash, account_id): token_hash first still serves a lookup by the hash alone (a
//   token issued before its account was written in it), and new tokens carry their account
//   (src/auth/tokens.ts), so their lookup goes to one account's shard. The hashes are of 256
//   random bits: unique by the hash alone in practice, whatever the constraint says.
//
// ledger_epochs (PRIMARY KEY (epoch)) stays as it is: the cluster's ledger epochs
// (src/inventory/ledger-order.ts), a reference table too.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table sign_in_emails (
      -- Lower-cased, as in employees.
      email text primary key,
      account_id bigint not null,
      employee_id bigint not null
    );
    insert into sign_in_emails (email, account_id, employee_id)
    select email, account_id, id from employees;

    drop index employees_email_key;
    alter table employees add constraint employees_account_email_key unique (account_id, email);

    drop index sessions_token_hash_key;
    alter table sessions add constraint sessions_token_hash_account_key unique (token_hash, account_id);

    drop index api_keys_token_hash_key;
    alter table api_keys add constraint api_keys_token_hash_account_key unique (token_hash, account_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Tokens issued meanwhile (nis_<account>.<secret>) still start with their kind's prefix and are
  // still looked up by their hash: the code before this migration accepts them.
  await sql`
    alter table api_keys drop constraint api_keys_token_hash_account_key;
    create unique index api_keys_token_hash_key on api_keys (token_hash);

    alter table sessions drop constraint sessions_token_hash_account_key;
    create unique index sessions_token_hash_key on sessions (token_hash);

    alter table employees drop constraint employees_account_email_key;
    create unique index employees_email_key on employees (email);

    drop table sign_in_emails;
  `.execute(db);
}
