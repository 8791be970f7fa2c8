import { describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { PurgeJob } from '../src/maintenance/purge-job.js';
import { createAccount, createEmployee, createItem, createShop, signIn } from './support/fixtures.js';
import { expectTypename, useTestApp, type TestApp } from './support/harness.js';
import { recordSaleMutation } from './support/inventory.js';
import { captureLogs } from './support/log-capture.js';

// Expired sessions and idempotency keys past their retention are purged by a periodic job, in
// batches of short statements.

const hour = 3_600_000;
const logs = captureLogs();

async function sessionCount(t: TestApp): Promise<number> {
  return Number(
    (
      await t.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );
}

/** Hex of each stored token hash (PGlite reads bytea as a Uint8Array, pg as a Buffer). */
async function sessionTokenHashes(t: TestApp): Promise<string[]> {
  const rows = await t.db.selectFrom('sessions').select('token_hash').execute();
  return rows.map((row) => Buffer.from(row.token_hash).toString('hex'));
}

const hashOf = (token: string) => hashToken(token).toString('hex');

async function setSessionExpiry(t: TestApp, token: string, expiresAt: Date): Promise<void> {
  await t.db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', hashToken(token)).execute();
}

describe('PurgeJob.runOnce', () => {
  const t = useTestApp();

  it('deletes expired sessions and idempotency keys older than the retention, batch by batch, and nothing else', async () => {
    // Times are set in the future and the job is run at a later `now`, so the server's own job
    // (running on the real clock) never takes part.
    const startedAt = Date.now();
    const account = await createAccount(t);
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const expiring = [
      account.adminToken,
      cashier.token,
      await signIn(t, cashier.email),
      await signIn(t, account.adminEmail),
      await signIn(t, cashier.email),
    ];
    const lasting = [await signIn(t, account.adminEmail), await signIn(t, cashier.email)];
    for (const token of expiring) await setSessionExpiry(t, token, new Date(startedAt + hour));
    for (const token of lasting) await setSessionExpiry(t, token, new Date(startedAt + 30 * hour));
    const otherSessions = (await sessionCount(t)) - expiring.length - lasting.length;

    const shop = await createShop(t, account.adminToken);
    const item = await createItem(t, account.adminToken);
    const sale = async (idempotencyKey: string) =>
      expectTypename(
        (
          await t.run(
            recordSaleMutation,
            { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }], idempotencyKey } },
            account.adminToken,
          )
        ).recordSale,
        'RecordSalePayload',
      ).sale.id;
    const oldKeys = ['old-1', 'old-2', 'old-3'];
    const firstSales = new Map<string, string>();
    for (const key of [...oldKeys, 'new-1', 'new-2']) firstSales.set(key, await sale(key));
    // The old keys were written two hours before the others.
    await t.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(startedAt - 2 * hour) } as never)
      .where('key', 'in', oldKeys)
      .execute();

    const job = new PurgeJob(t.db, logs.logger, { intervalMs: hour, idempotencyKeyRetentionMs: 24 * hour, batchSize: 2 });
    // At startedAt + 23 h: the expiring sessions are past their end, the old keys past 24 h, the new ones not.
    const purged = await job.runOnce(new Date(startedAt + 23 * hour));
    expect(purged).toEqual({ sessions: expiring.length, idempotencyKeys: oldKeys.length });
    expect(logs.lines().find((line) => line['msg'] === 'purged expired sessions and idempotency keys')).toMatchObject({
      sessions: expiring.length,
      idempotencyKeys: oldKeys.length,
    });

    expect(await sessionCount(t)).toBe(lasting.length + otherSessions);
    expect(await sessionTokenHashes(t)).toEqual(expect.arrayContaining(lasting.map(hashOf)));
    const remainingKeys = await t.db.selectFrom('idempotency_keys').select('key').orderBy('key').execute();
    expect(remainingKeys.map((row) => row.key)).toEqual(['new-1', 'new-2']);

    // A kept key still replays its write; a purged one is a new write.
    expect(await sale('new-1')).toBe(firstSales.get('new-1'));
    expect(await sale('old-1')).not.toBe(firstSales.get('old-1'));

    // Nothing more is due: a second run deletes nothing.
    expect(await job.runOnce(new Date(startedAt + 23 * hour))).toEqual({ sessions: 0, idempotencyKeys: 0 });
  });
});

describe('the server', () => {
  const t = useTestApp({ env: { PURGE_INTERVAL_SECONDS: '1' } });

  it('runs the purge every PURGE_INTERVAL_SECONDS', async () => {
    const account = await createAccount(t);
    const spare = await signIn(t, account.adminEmail);
    await setSessionExpiry(t, account.adminToken, new Date(Date.now() - 1000));
    const deadline = Date.now() + 15_000;
    while ((await sessionCount(t)) > 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sessionTokenHashes(t)).toEqual([hashOf(spare)]);
  });
});

describe('IDEMPOTENCY_KEY_RETENTION_HOURS', () => {
  it('is 24 hours by default, may be longer, never shorter (the contract keeps keys at least 24 h)', () => {
    expect(loadConfig({}).purge).toEqual({ intervalMs: 600_000, idempotencyKeyRetentionMs: 24 * hour });
    expect(loadConfig({ IDEMPOTENCY_KEY_RETENTION_HOURS: '72', PURGE_INTERVAL_SECONDS: '60' }).purge).toEqual({
      intervalMs: 60_000,
      idempotencyKeyRetentionMs: 72 * hour,
    });
    expect(() => loadConfig({ IDEMPOTENCY_KEY_RETENTION_HOURS: '23' })).toThrow(ConfigError);
    expect(() => loadConfig({ IDEMPOTENCY_KEY_RETENTION_HOURS: '23' })).toThrow(/IDEMPOTENCY_KEY_RETENTION_HOURS: must be at least 24/);
    expect(() => loadConfig({ PURGE_INTERVAL_SECONDS: '0' })).toThrow(/PURGE_INTERVAL_SECONDS: /);
  });
});
