import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any> and never import from src/.
//
// Every tenant table carries account_id and its keys lead with it, so every query can filter by
// the account and the data could later be distributed by account (e.g. Citus).
// Timestamps are timestamptz(3): the API speaks ISO 8601 with milliseconds, and storing
// microseconds would make `since`/`until` filters disagree with what clients were shown.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table accounts (
      id bigint generated always as identity primary key,
      name text not null,
      legacy boolean not null,
      created_at timestamptz(3) not null default now()
    );

    create table account_modules (
      account_id bigint not null references accounts (id) on delete cascade,
      module text not null check (module in ('NEGATIVE_INVENTORY')),
      enabled boolean not null,
      locked boolean not null,
      updated_at timestamptz(3) not null default now(),
      primary key (account_id, module)
    );

    create table employees (
      account_id bigint not null references accounts (id) on delete cascade,
      id bigint generated always as identity,
      name text not null,
      email text not null,
      password_hash text not null,
      role text not null check (role in ('ADMIN', 'MANAGER', 'CASHIER')),
      created_at timestamptz(3) not null default now(),
      primary key (account_id, id)
    );
    -- signIn takes only an e-mail, so addresses are unique across accounts (stored lower-cased).
    create unique index employees_email_key on employees (email);

    create table sessions (
      account_id bigint not null,
      id bigint generated always as identity,
      employee_id bigint not null,
      token_hash bytea not null,
      negative_inventory_enabled boolean not null,
      created_at timestamptz(3) not null default now(),
      expires_at timestamptz(3) not null,
      primary key (account_id, id),
      foreign key (account_id, employee_id) references employees (account_id, id) on delete cascade
    );
    -- A bearer token is looked up before its account is known, so this one index cannot lead
    -- with account_id; it holds only hashes of random tokens.
    create unique index sessions_token_hash_key on sessions (token_hash);
    create index sessions_account_expiry_idx on sessions (account_id, expires_at);

    create table api_keys (
      account_id bigint not null references accounts (id) on delete cascade,
      id bigint generated always as identity,
      name text not null,
      token_hash bytea not null,
      created_at timestamptz(3) not null default now(),
      last_used_at timestamptz(3),
      revoked_at timestamptz(3),
      primary key (account_id, id)
    );
    create unique index api_keys_token_hash_key on api_keys (token_hash);

    create table shops (
      account_id bigint not null references accounts (id) on delete cascade,
      id bigint generated always as identity,
      name text not null,
      created_at timestamptz(3) not null default now(),
      primary key (account_id, id)
    );
    create unique index shops_account_name_key on shops (account_id, lower(name));

    create table items (
      account_id bigint not null references accounts (id) on delete cascade,
      id bigint generated always as identity,
      sku text not null,
      name text not null,
      created_at timestamptz(3) not null default now(),
      primary key (account_id, id)
    );
    -- "SKU-1" and "sku-1" are the same label on a shelf.
    create unique index items_account_sku_key on items (account_id, lower(sku));
    -- The catalogue is listed by SKU with keyset pagination on (sku, id).
    create index items_account_sku_order_idx on items (account_id, sku, id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table items;
    drop table shops;
    drop table api_keys;
    drop table sessions;
    drop table employees;
    drop table account_modules;
    drop table accounts;
  `.execute(db);
}
