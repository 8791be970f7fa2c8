import { sql } from 'kysely';
import type { DB } from '../../src/db/database.js';

// Ready to distribute by account (e.g. Citus, with account_id as the distribution column). A shard
// enforces a unique constraint only among its own rows, and a foreign key only to rows on its own
// node, so PostgreSQL's catalogue of a migrated database must show, for every table of schema
// public:
//
// - a distributed table (every table but those listed below) has a primary key containing its
//   distribution column: account_id, or id for accounts (an account's id is its account id);
// - every unique constraint, unique index (those that are no constraint too, such as
//   shops_account_name_key on (account_id, lower(name))) and exclusion constraint of a distributed
//   table contains its distribution column;
// - every foreign key from a distributed table to another maps the one's distribution column to
//   the other's;
// - no reference table has a foreign key to a distributed table (Citus refuses it).

/**
 * Tables that are not distributed by account: small, cluster-wide, copied to every node (Citus
 * reference tables). Each says why; a table listed that doesn't exist, or whose primary key
 * includes account_id (then it can be distributed, and should be), fails the check.
 */
export const referenceTables: Record<string, string> = {
  // The cluster's ledger epochs (src/inventory/ledger-order.ts): one sequence for every account.
  ledger_epochs: 'cluster-wide ledger epochs',
  // The sign-in directory (migrations/2026-12-06T0400_keys_include_account.ts): e-mail addresses
  // are unique across all accounts, because signIn takes no account.
  sign_in_emails: 'e-mail addresses unique across accounts',
};

/** Kysely's own bookkeeping of migrations, not the application's data: not checked, but must exist. */
export const ignoredTables = ['kysely_migration', 'kysely_migration_lock'];

export interface KeyRules {
  referenceTables: readonly string[];
  ignoredTables: readonly string[];
}

export const defaultRules: KeyRules = { referenceTables: Object.keys(referenceTables), ignoredTables };

interface TableRow {
  table: string;
  columns: string[];
}

interface ConstraintRow {
  table: string;
  name: string;
  type: 'p' | 'u' | 'f' | 'x';
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
  definition: string;
}

interface IndexRow {
  table: string;
  name: string;
  /** Key columns only (no INCLUDE columns); expressions are left out. */
  columns: string[];
  definition: string;
}

/**
 * Every way the tables of schema public break the rules above, one line each naming the table and
 * the constraint or index; empty when they all keep them.
 */
export async function findDistributionKeyViolations(db: DB, rules: KeyRules = defaultRules): Promise<string[]> {
  const tables = (
    await sql<TableRow>`
      select c.relname as table,
        array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          order by a.attnum) as columns
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`.execute(db)
  ).rows;
  const constraints = (
    await sql<ConstraintRow>`
      select c.relname as table, con.conname as name, con.contype as type,
        array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, position)
          join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.position) as columns,
        referenced.relname as referenced_table,
        case when con.contype = 'f' then
          array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, position)
            join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.position)
        end as referenced_columns,
        pg_get_constraintdef(con.oid) as definition
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      left join pg_class referenced on referenced.oid = con.confrelid
      where c.relnamespace = 'public'::regnamespace and con.contype in ('p', 'u', 'f', 'x')
      order by c.relname, con.conname`.execute(db)
  ).rows;
  // Unique indexes that back no constraint (a constraint's own index is checked as the constraint).
  const indexes = (
    await sql<IndexRow>`
      select c.relname as table, ic.relname as name,
        array(select a.attname::text from unnest((i.indkey::int2[])[0:i.indnkeyatts - 1]) as k(attnum)
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum) as columns,
        pg_get_indexdef(i.indexrelid) as definition
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_class ic on ic.oid = i.indexrelid
      where c.relnamespace = 'public'::regnamespace and i.indisunique
        and not exists (select from pg_constraint con where con.conindid = i.indexrelid and con.conrelid = i.indrelid)
      order by c.relname, ic.relname`.execute(db)
  ).rows;

  const violations: string[] = [];
  const existing = new Set(tables.map((table) => table.table));
  for (const listed of [...rules.referenceTables, ...rules.ignoredTables]) {
    if (!existing.has(listed)) violations.push(`${listed}: listed as a reference or ignored table, but there is no such table`);
  }
  const reference = new Set(rules.referenceTables);
  const ignored = new Set(rules.ignoredTables);
  const distributed = (table: string) => !reference.has(table) && !ignored.has(table);
  const distributionColumn = (table: string) => (table === 'accounts' ? 'id' : 'account_id');

  for (const { table } of tables) {
    if (ignored.has(table)) continue;
    const primaryKey = constraints.find((constraint) => constraint.table === table && constraint.type === 'p');
    if (reference.has(table)) {
      if (!primaryKey) violations.push(`${table}: a reference table without a primary key`);
      else if (primaryKey.columns.includes('account_id')) {
        violations.push(
          `${table}: ${primaryKey.name} ${primaryKey.definition} includes account_id: distribute it by account instead of listing it as a reference table`,
        );
      }
      continue;
    }
    const column = distributionColumn(table);
    if (!primaryKey) violations.push(`${table}: no primary key (it needs one containing ${column})`);
    else if (!primaryKey.columns.includes(column)) {
      violations.push(`${table}: ${primaryKey.name} ${primaryKey.definition} does not contain ${column}`);
    }
  }

  for (const constraint of constraints) {
    const { table, name, definition } = constraint;
    if (ignored.has(table)) continue;
    if ((constraint.type === 'u' || constraint.type === 'x') && distributed(table)) {
      const column = distributionColumn(table);
      if (!constraint.columns.includes(column)) violations.push(`${table}: ${name} ${definition} does not contain ${column}`);
    }
    if (constraint.type !== 'f') continue;
    const referenced = constraint.referenced_table!;
    if (ignored.has(referenced)) {
      violations.push(`${table}: ${name} ${definition} refers to ${referenced}, which is no table of the application's`);
    } else if (reference.has(table) && distributed(referenced)) {
      violations.push(`${table}: ${name} ${definition}: a reference table can't refer to a distributed table (${referenced})`);
    } else if (distributed(table) && distributed(referenced)) {
      const from = distributionColumn(table);
      const to = distributionColumn(referenced);
      const mapped = constraint.columns.some((column, index) => column === from && constraint.referenced_columns![index] === to);
      if (!mapped) violations.push(`${table}: ${name} ${definition} does not map ${table}.${from} to ${referenced}.${to}`);
    }
  }

  for (const index of indexes) {
    if (!distributed(index.table)) continue;
    const column = distributionColumn(index.table);
    if (!index.columns.includes(column)) violations.push(`${index.table}: ${index.name} ${index.definition} does not contain ${column}`);
  }
  return violations;
}
