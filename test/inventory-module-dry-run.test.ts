import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { setOptionalModule } from '../src/accounts/optional-modules.service.js';
import type { CallerCache } from '../src/auth/caller-cache.js';
import { decodeId } from '../src/node/global-id.js';
import { graphql } from './gql/index.js';
import { createAccount, createEmployee, createShop, signIn } from './support/fixtures.js';
import { expectTypename, useTestApp } from './support/harness.js';
import { setOptionalModuleMutation, writeCounts } from './support/inventory.js';
import { insertItems, reportRows, sell } from './support/reports.js';

// setOptionalModule with dryRun: the real call's answer (payload or refusal), with nothing written
// and nothing sent; and the refusal's blockers, the first rows of the negative inventory report.

const t = useTestApp({ ledgerInvariant: true });

const dryRunMutation = graphql(`
  mutation SetOptionalModuleDryRun($input: SetOptionalModuleInput!) {
    setOptionalModule(input: $input) {
      __typename
      ... on SetOptionalModulePayload {
        dryRun
        setting {
          module
          enabled
          locked
          updatedAt
        }
        sessionsToRefresh
      }
      ... on NegativeInventoryOutstandingError {
        message
        negativeItemCount
        blockers {
          item {
            id
            sku
          }
          shop {
            id
            name
          }
          quantityOnHand
          wentNegativeAt
          reason
          inTransitQuantity
        }
      }
      ... on ModuleLockedError {
        message
        module
      }
    }
  }
`);

const turn = (enabled: boolean, dryRun?: boolean) => ({
  input: { module: 'NEGATIVE_INVENTORY' as const, enabled, ...(dryRun === undefined ? {} : { dryRun }) },
});

/** Everything a switch may write: the setting, the sessions' copies of it, and the ledger. */
async function stored(accountGlobalId: string) {
  const accountId = decodeId(accountGlobalId, 'Account')!;
  return {
    setting: await t.db.selectFrom('account_modules').selectAll().where('account_id', '=', accountId).execute(),
    sessions: await t.db
      .selectFrom('sessions')
      .select(['id', 'negative_inventory_enabled', 'expires_at'])
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute(),
    ledger: await writeCounts(t.db, accountGlobalId),
  };
}

/** A statement that calls pg_notify (Kysely's operation nodes are plain data, bigint parameters aside). */
function sendsNotify(node: RootOperationNode): boolean {
  return JSON.stringify(node, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)).includes('pg_notify');
}

/** A server instance on the suite's database that counts the pg_notify statements it sends. */
async function notifyCountingInstance() {
  let notifies = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      if (sendsNotify(args.node)) notifies++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const instance = await t.startInstance({ db: t.db.withPlugin(counter) });
  return { instance, notifies: () => notifies };
}

describe('a dry run', () => {
  it('answers what turning it on answers, and writes and sends nothing', async () => {
    const account = await createAccount(t, { legacy: true });
    await createEmployee(t, account.adminToken, 'CASHIER');
    const { instance, notifies } = await notifyCountingInstance();
    const before = await stored(account.accountId);

    const dry = expectTypename(
      (await instance.run(dryRunMutation, turn(true, true), account.adminToken)).setOptionalModule,
      'SetOptionalModulePayload',
    );
    expect(dry).toMatchObject({
      dryRun: true,
      setting: { module: 'NEGATIVE_INVENTORY', enabled: true, locked: false },
      sessionsToRefresh: 2,
    });
    expect(await stored(account.accountId)).toEqual(before);
    expect(notifies()).toBe(0);

    const real = expectTypename(
      (await instance.run(dryRunMutation, turn(true), account.adminToken)).setOptionalModule,
      'SetOptionalModulePayload',
    );
    expect(real.dryRun).toBe(false);
    const { updatedAt: dryUpdatedAt, ...drySetting } = dry.setting;
    const { updatedAt: realUpdatedAt, ...realSetting } = real.setting;
    expect(realSetting).toEqual(drySetting);
    expect(real.sessionsToRefresh).toBe(dry.sessionsToRefresh);
    // The update the dry run rolled back stamped it as the real one does.
    expect(new Date(dryUpdatedAt).getTime()).toBeGreaterThan(before.setting[0]!.updated_at.getTime());
    expect(new Date(realUpdatedAt).getTime()).toBeGreaterThanOrEqual(new Date(dryUpdatedAt).getTime());
    expect(notifies()).toBeGreaterThan(0);
    expect((await stored(account.accountId)).setting[0]!.enabled).toBe(true);
  });

  it('answers what turning it off answers once nothing is below zero, and neither drops cached callers nor notifies', async () => {
    const account = await createAccount(t, { legacy: true });
    await t.run(setOptionalModuleMutation, turn(true), account.adminToken);
    await signIn(t, account.adminEmail);
    const { instance, notifies } = await notifyCountingInstance();
    const before = await stored(account.accountId);

    // The service itself, with a cache to watch: a dry run keeps every cached caller.
    const callerCache = { invalidate: vi.fn() };
    const accountId = decodeId(account.accountId, 'Account')!;
    const direct = await setOptionalModule(
      t.db,
      { kind: 'apiKey', accountId, apiKeyId: '0' },
      'NEGATIVE_INVENTORY',
      false,
      callerCache as unknown as CallerCache,
      { dryRun: true },
    );
    expect(direct).toMatchObject({ dryRun: true, setting: { enabled: false }, sessionsToRefresh: 1 });
    expect(callerCache.invalidate).not.toHaveBeenCalled();

    const dry = expectTypename(
      (await instance.run(dryRunMutation, turn(false, true), account.adminToken)).setOptionalModule,
      'SetOptionalModulePayload',
    );
    expect(await stored(account.accountId)).toEqual(before);
    expect(notifies()).toBe(0);
    const real = expectTypename(
      (await instance.run(dryRunMutation, turn(false), account.adminToken)).setOptionalModule,
      'SetOptionalModulePayload',
    );
    expect({ ...real, dryRun: true, setting: { ...real.setting, updatedAt: null } }).toEqual({
      ...dry,
      setting: { ...dry.setting, updatedAt: null },
    });
    expect(real.sessionsToRefresh).toBe(1);
  });

  it('answers a change to what is already set as the real call does', async () => {
    const account = await createAccount(t, { legacy: true });
    const before = await stored(account.accountId);
    const dry = (await t.run(dryRunMutation, turn(false, true), account.adminToken)).setOptionalModule;
    const real = (await t.run(dryRunMutation, turn(false), account.adminToken)).setOptionalModule;
    expect(dry).toEqual({ ...real, dryRun: true });
    expect(await stored(account.accountId)).toEqual(before);
  });

  it('answers ModuleLockedError as the real call does on a newer account', async () => {
    const account = await createAccount(t);
    const before = await stored(account.accountId);
    const dry = (await t.run(dryRunMutation, turn(false, true), account.adminToken)).setOptionalModule;
    expect(dry.__typename).toBe('ModuleLockedError');
    expect(dry).toEqual((await t.run(dryRunMutation, turn(false), account.adminToken)).setOptionalModule);
    expect(await stored(account.accountId)).toEqual(before);
  });
});

describe('NegativeInventoryOutstandingError.blockers', () => {
  it("lists the report's first 50 rows, in its order, for a dry run and the real call alike", async () => {
    const account = await createAccount(t, { legacy: true });
    await t.run(setOptionalModuleMutation, turn(true), account.adminToken);
    const token = await signIn(t, account.adminEmail);
    const [north, south] = [await createShop(t, token, 'North'), await createShop(t, token, 'South')];
    const items = await insertItems(
      t.db,
      account.accountId,
      Array.from({ length: 40 }, (_, index) => `BLK-${String(index).padStart(3, '0')}`),
    );
    // 40 rows at North and 30 at South: 70 below zero, with equal quantities across SKUs and shops,
    // so every part of the report's order (quantity, SKU, shop) decides somewhere.
    await sell(
      t,
      token,
      north.id,
      items.map((item, index) => ({ itemId: item.id, quantity: (index % 4) + 1 })),
    );
    await sell(
      t,
      token,
      south.id,
      items.slice(10).map((item, index) => ({ itemId: item.id, quantity: (index % 3) + 1 })),
    );
    const before = await stored(account.accountId);

    const dry = expectTypename(
      (await t.run(dryRunMutation, turn(false, true), token)).setOptionalModule,
      'NegativeInventoryOutstandingError',
    );
    const real = expectTypename((await t.run(dryRunMutation, turn(false), token)).setOptionalModule, 'NegativeInventoryOutstandingError');
    expect(dry).toEqual(real);
    expect(real.negativeItemCount).toBe(70);
    expect(real.message).toMatch(/70 items are below zero/);
    expect(await stored(account.accountId)).toEqual(before);

    const report = await reportRows(t, token);
    expect(report).toHaveLength(70);
    expect(real.blockers).toHaveLength(50);
    expect(real.blockers).toEqual(
      report.slice(0, 50).map((row) => ({
        item: { id: row.item.id, sku: row.item.sku },
        shop: row.shop,
        quantityOnHand: row.quantityOnHand,
        wentNegativeAt: row.wentNegativeAt,
        reason: row.reason,
        inTransitQuantity: row.inTransitQuantity,
      })),
    );
  });

  it('lists every row when there are fewer than 50', async () => {
    const account = await createAccount(t, { legacy: true });
    await t.run(setOptionalModuleMutation, turn(true), account.adminToken);
    const token = await signIn(t, account.adminEmail);
    const shop = await createShop(t, token);
    const items = await insertItems(t.db, account.accountId, ['FEW-1', 'FEW-2']);
    await sell(t, token, shop.id, [
      { itemId: items[0]!.id, quantity: 1 },
      { itemId: items[1]!.id, quantity: 3 },
    ]);
    const refused = expectTypename(
      (await t.run(dryRunMutation, turn(false, true), token)).setOptionalModule,
      'NegativeInventoryOutstandingError',
    );
    expect(refused.blockers.map((row) => [row.item.sku, row.quantityOnHand, row.reason])).toEqual([
      ['FEW-2', -3, 'SALE'],
      ['FEW-1', -1, 'SALE'],
    ]);
  });
});
