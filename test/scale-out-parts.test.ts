import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresServerUrl } from './support/database.js';
import { skipWithout } from './support/optional-infrastructure.js';
import { pgbouncerMissing, startPgBouncer, type PgBouncer } from './support/pgbouncer.js';
import { postgresBinariesMissing, startPrimaryWithReplica, type PrimaryWithReplica } from './support/replica.js';

// The parts a scaled-out deployment adds around PostgreSQL, as the test support starts them
// (test/support/pgbouncer.ts, test/support/replica.ts): that they start, and behave as the tests
// built on them assume. Skipped where PgBouncer or PostgreSQL's server binaries aren't installed,
// unless REQUIRE_SCALE_OUT_PARTS=1 (test/support/optional-infrastructure.ts).

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(skipWithout(pgbouncerMissing()))('PgBouncer', () => {
  let bouncer: PgBouncer;
  beforeAll(async () => {
    bouncer = await startPgBouncer({ upstream: postgresServerUrl, poolSize: 2 });
  });
  afterAll(() => bouncer?.stop());

  it('runs parameterized statements and transactions in transaction pooling mode', async () => {
    await withClient(bouncer.url(), async (client) => {
      // Extended protocol (parse, bind, execute): unnamed statements work in transaction mode.
      expect((await client.query('select $1::int as value', [42])).rows).toEqual([{ value: 42 }]);
      await client.query('begin');
      await client.query('create temporary table smoke (n int) on commit drop');
      await client.query('insert into smoke values ($1), ($2)', [1, 2]);
      expect((await client.query('select sum(n)::int as total from smoke')).rows).toEqual([{ total: 3 }]);
      await client.query('commit');

      const pools = await bouncer.show('POOLS');
      const pool = pools.find((row) => row.database === 'postgres');
      expect(pool).toMatchObject({ pool_mode: 'transaction', cl_active: 1 });
      const config = Object.fromEntries((await bouncer.show('CONFIG')).map((row) => [row.key, row.value]));
      expect(config).toMatchObject({ default_pool_size: '2', query_timeout: '30', idle_transaction_timeout: '10' });
    });
    expect(await bouncer.log()).toMatch(/login attempt: db=postgres/);
  });

  it('refuses the timeouts as startup parameters, as the app must know', async () => {
    const client = new pg.Client({ connectionString: bouncer.url(), statement_timeout: 1000 });
    await expect(client.connect()).rejects.toThrow(/unsupported startup parameter: statement_timeout/);
  });
});

describe.skipIf(skipWithout(postgresBinariesMissing()))('a primary with a streaming replica', () => {
  let servers: PrimaryWithReplica;
  beforeAll(async () => {
    const startedAt = performance.now();
    servers = await startPrimaryWithReplica();
    console.info(`primary and replica started in ${Math.round(performance.now() - startedAt)} ms`);
    await servers.createDatabase('smoke');
  });
  afterAll(() => servers?.stop());

  it('shows the primary’s writes once replayed, and not while replay is paused', async () => {
    const onPrimary = (sql: string) => withClient(servers.primaryUrl('smoke'), (client) => client.query(sql));
    const readReplica = () =>
      withClient(servers.replicaUrl('smoke'), async (client) =>
        (await client.query('select n from numbers order by n')).rows.map((row) => row.n),
      );

    await onPrimary('create table numbers (n int)');
    await onPrimary('insert into numbers values (1)');
    await servers.waitForReplay();
    expect(await readReplica()).toEqual([1]);

    await servers.pauseReplay();
    await onPrimary('insert into numbers values (2)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readReplica()).toEqual([1]);
    await expect(servers.waitForReplay(300)).rejects.toThrow(/hasn't replayed/);

    await servers.resumeReplay();
    await servers.waitForReplay();
    expect(await readReplica()).toEqual([1, 2]);
  });

  it('refuses writes on the replica', async () => {
    await withClient(servers.replicaUrl('smoke'), async (client) => {
      await expect(client.query('insert into numbers values (3)')).rejects.toMatchObject({ code: '25006' });
    });
  });
});
