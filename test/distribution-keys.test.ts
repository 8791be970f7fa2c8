import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../src/db/database.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { defaultRules, findDistributionKeyViolations } from './support/distribution-keys.js';

// Every key of a migrated database includes the account, as a database distributed by account
// needs (the rules and the list of reference tables: test/support/distribution-keys.ts).

let database: TestDatabase;
let db: DB;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: true });
  db = database.handle.db;
});
afterAll(async () => {
  await database?.drop();
});

/** Runs `work` in a transaction that is always rolled back, so the migrated schema stays as it is. */
async function withScratchSchema(work: (trx: DB) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await db
    .transaction()
    .execute(async (trx) => {
      await work(trx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
}

describe('keys of a migrated database', () => {
  it('all include the account, except on the listed reference tables', async () => {
    expect(await findDistributionKeyViolations(db)).toEqual([]);
  });

  it('are really read from the catalogue: a table breaking each rule is reported by name and constraint', async () => {
    await withScratchSchema(async (trx) => {
      await sql`
        create table bad_notes (account_id bigint not null, note text);
        create table bad_widgets (
          account_id bigint not null,
          id bigint not null,
          code text not null,
          shop_id bigint not null,
          employee_id bigint not null,
          constraint bad_widgets_pkey primary key (id),
          constraint bad_widgets_code_key unique (code),
          constraint bad_widgets_shop_fkey foreign key (account_id, shop_id) references shops (id, account_id),
          constraint bad_widgets_reference_fkey foreign key (employee_id) references ledger_epochs (epoch)
        );
        create unique index bad_widgets_lower_code_key on bad_widgets (lower(code));
        create unique index bad_widgets_account_code_key on bad_widgets (account_id, code);
        create table bad_reference (account_id bigint not null, id bigint not null, primary key (account_id, id));
        alter table sign_in_emails add constraint sign_in_emails_employee_fkey
          foreign key (account_id, employee_id) references employees (account_id, id);
      `.execute(trx);
      const violations = await findDistributionKeyViolations(trx, {
        referenceTables: [...defaultRules.referenceTables, 'bad_reference', 'no_such_table'],
        ignoredTables: defaultRules.ignoredTables,
      });
      expect(violations).toEqual([
        'no_such_table: listed as a reference or ignored table, but there is no such table',
        'bad_notes: no primary key (it needs one containing account_id)',
        'bad_reference: bad_reference_pkey PRIMARY KEY (account_id, id) includes account_id: distribute it by account instead of listing it as a reference table',
        'bad_widgets: bad_widgets_pkey PRIMARY KEY (id) does not contain account_id',
        'bad_widgets: bad_widgets_code_key UNIQUE (code) does not contain account_id',
        'bad_widgets: bad_widgets_shop_fkey FOREIGN KEY (account_id, shop_id) REFERENCES shops(id, account_id) does not map bad_widgets.account_id to shops.account_id',
        "sign_in_emails: sign_in_emails_employee_fkey FOREIGN KEY (account_id, employee_id) REFERENCES employees(account_id, id): a reference table can't refer to a distributed table (employees)",
        'bad_widgets: bad_widgets_lower_code_key CREATE UNIQUE INDEX bad_widgets_lower_code_key ON public.bad_widgets USING btree (lower(code)) does not contain account_id',
      ]);
      // A foreign key from a distributed table to a reference table is fine (bad_widgets_reference_fkey),
      // and so is a unique index containing account_id (bad_widgets_account_code_key).
    });
    // Nothing of it was kept.
    expect(await findDistributionKeyViolations(db)).toEqual([]);
  });

  it('reports a reference table that is listed but is distributed by account now', async () => {
    await withScratchSchema(async (trx) => {
      await sql`
        alter table ledger_epochs add column account_id bigint not null default 1;
        alter table ledger_epochs drop constraint ledger_epochs_pkey;
        alter table ledger_epochs add constraint ledger_epochs_pkey primary key (account_id, epoch);
      `.execute(trx);
      expect(await findDistributionKeyViolations(trx)).toEqual([
        'ledger_epochs: ledger_epochs_pkey PRIMARY KEY (account_id, epoch) includes account_id: distribute it by account instead of listing it as a reference table',
      ]);
    });
  });
});
