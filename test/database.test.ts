import { readdir } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { backend, createTestDatabase } from './support/database.js';

type ScratchTables = {
  counter: { id: number; value: number };
  entries: { transaction_number: number };
};

describe.skipIf(backend !== 'pglite')('PGlite dialect', () => {
  it('runs concurrent transactions one at a time, each committing or rolling back alone', async () => {
    const { db: database } = await openDatabase({ kind: 'pglite', dataDir: undefined });
    const db = database.withTables<ScratchTables>();
    try {
      await sql`create table counter (id int primary key, value int not null)`.execute(db);
      await sql`create table entries (transaction_number int not null)`.execute(db);
      await db.insertInto('counter').values({ id: 1, value: 0 }).execute();

      const transactionCount = 50;
      const failing = new Set([3, 11, 24, 37, 49]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: transactionCount }, (_, number) =>
          db.transaction().execute(async (trx) => {
            await trx.insertInto('entries').values({ transaction_number: number }).execute();
            // Read, yield to the event loop, then write what was read plus one: if another
            // transaction's statements ran on the session in between, an increment would be
            // lost, and a ROLLBACK would undo the other one's writes too.
            const { value } = await trx.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
            await new Promise((resolve) => setImmediate(resolve));
            const updated = await trx
              .updateTable('counter')
              .set({ value: value + 1 })
              .where('id', '=', 1)
              .executeTakeFirst();
            expect(updated.numUpdatedRows).toBe(1n);
            if (failing.has(number)) throw new Error(`transaction ${number} rolls back`);
          }),
        ),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(failing.size);
      const { value } = await db.selectFrom('counter').select('value').executeTakeFirstOrThrow();
      expect(value).toBe(transactionCount - failing.size);
      const entries = await db.selectFrom('entries').select('transaction_number').orderBy('transaction_number').execute();
      expect(entries.map((entry) => entry.transaction_number)).toEqual(
        Array.from({ length: transactionCount }, (_, number) => number).filter((number) => !failing.has(number)),
      );
    } finally {
      await database.destroy();
    }
  });

  it('returns int8 as a string, like node-postgres', async () => {
    const { db } = await openDatabase({ kind: 'pglite', dataDir: undefined });
    try {
      const { rows } = await sql<{ big: unknown; small: unknown }>`select 9007199254740993::int8 as big, 7::int4 as small`.execute(db);
      expect(rows).toEqual([{ big: '9007199254740993', small: 7 }]);
    } finally {
      await db.destroy();
    }
  });
});

describe('migrations', () => {
  it('migrates a fresh database once when two servers start at the same time', async () => {
    const database = await createTestDatabase();
    // On PostgreSQL, two independent connection pools, as two processes would have. PGlite is
    // one session owned by one process, so there the two calls share it.
    const second = database.url ? (await openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 })).db : database.handle.db;
    try {
      const migrationFiles = (await readdir(new URL('../migrations/', import.meta.url))).filter((file) => file.endsWith('.ts'));
      const applied = await Promise.all([migrateToLatest(database.handle.db), migrateToLatest(second)]);

      // One run applied every migration; the other waited for the lock and found nothing to do.
      expect(applied.map((names) => names.length).sort()).toEqual([0, migrationFiles.length]);
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.handle.db);
      expect(recorded.rows.map((row) => `${row.name}.ts`)).toEqual(migrationFiles.sort());
      const tables = await sql<{ count: string }>`
        select count(*) as count from information_schema.tables where table_schema = 'public' and table_name = 'items'
      `.execute(database.handle.db);
      expect(tables.rows[0]?.count).toBe('1');

      // And a later start has nothing left to do.
      expect(await migrateToLatest(second)).toEqual([]);
    } finally {
      if (second !== database.handle.db) await second.destroy();
      await database.drop();
    }
  });
});
