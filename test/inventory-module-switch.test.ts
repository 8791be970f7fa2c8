import { describe, expect, it } from 'vitest';
import { setOptionalModule } from '../src/accounts/optional-modules.service.js';
import { applyMovements } from '../src/inventory/ledger.service.js';
import { decodeId } from '../src/node/global-id.js';
import { createAccount, createEmployee, createItem, createShop, signIn } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation, receiveStockMutation, recordSaleMutation, setOptionalModuleMutation } from './support/inventory.js';

const t = useTestApp({ ledgerInvariant: true });

const turn = (enabled: boolean) => ({ input: { module: 'NEGATIVE_INVENTORY' as const, enabled } });

async function oversell(token: string, shopId: string, itemId: string, quantity = 1) {
  const result = await t.run(recordSaleMutation, { input: { shopId, lines: [{ itemId, quantity }] } }, token);
  return result.recordSale;
}

describe('newer accounts', () => {
  it("can't turn negative inventory off, and nothing is saved", async () => {
    const account = await createAccount(t);
    const before = await t.db
      .selectFrom('account_modules')
      .selectAll()
      .where('account_id', '=', decodeId(account.accountId, 'Account')!)
      .execute();
    const result = await t.run(setOptionalModuleMutation, turn(false), account.adminToken);
    const error = expectTypename(result.setOptionalModule, 'ModuleLockedError');
    expect(error.module).toBe('NEGATIVE_INVENTORY');
    expect(error.message).toMatch(/can't be turned off/);
    const after = await t.db
      .selectFrom('account_modules')
      .selectAll()
      .where('account_id', '=', decodeId(account.accountId, 'Account')!)
      .execute();
    expect(after).toEqual(before);
    const on = expectTypename(
      (await t.run(setOptionalModuleMutation, turn(true), account.adminToken)).setOptionalModule,
      'SetOptionalModulePayload',
    );
    expect(on.setting).toMatchObject({ enabled: true, locked: true });
    expect(on.sessionsToRefresh).toBe(0);
  });
});

describe('legacy accounts', () => {
  it('turn it on: signed-in employees keep the old setting until they sign in again', async () => {
    const account = await createAccount(t, { legacy: true });
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const shop = await createShop(t, account.adminToken);
    const item = await createItem(t, account.adminToken);

    const on = expectTypename(
      (await t.run(setOptionalModuleMutation, turn(true), account.adminToken)).setOptionalModule,
      'SetOptionalModulePayload',
    );
    expect(on.setting).toMatchObject({ module: 'NEGATIVE_INVENTORY', enabled: true, locked: false });
    // The admin's and the cashier's sessions both still hold "off".
    expect(on.sessionsToRefresh).toBe(2);

    expect((await oversell(cashier.token, shop.id, item.id)).__typename).toBe('InsufficientInventoryError');
    const fresh = await signIn(t, cashier.email);
    const sale = expectTypename(await oversell(fresh, shop.id, item.id), 'RecordSalePayload');
    expect(sale.levels[0]?.quantityOnHand).toBe(-1);
    expect(sale.alerts).toHaveLength(1);
  });

  it('refuses to turn it off while any item is below zero, and saves nothing', async () => {
    const account = await createAccount(t, { legacy: true });
    await t.run(setOptionalModuleMutation, turn(true), account.adminToken);
    const token = await signIn(t, account.adminEmail);
    const [shopA, shopB] = [await createShop(t, token), await createShop(t, token)];
    const [itemA, itemB] = [await createItem(t, token), await createItem(t, token)];
    await oversell(token, shopA.id, itemA.id);
    await oversell(token, shopB.id, itemA.id);
    await oversell(token, shopB.id, itemB.id, 4);
    const accountId = decodeId(account.accountId, 'Account')!;
    const before = await t.db.selectFrom('account_modules').selectAll().where('account_id', '=', accountId).executeTakeFirstOrThrow();

    const refused = expectTypename(
      (await t.run(setOptionalModuleMutation, turn(false), token)).setOptionalModule,
      'NegativeInventoryOutstandingError',
    );
    expect(refused.negativeItemCount).toBe(3);
    expect(refused.message).toMatch(/3 items are below zero/);
    const after = await t.db.selectFrom('account_modules').selectAll().where('account_id', '=', accountId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);

    // Correct them, then it goes through.
    await t.run(receiveStockMutation, { input: { shopId: shopA.id, lines: [{ itemId: itemA.id, quantity: 1 }] } }, token);
    await t.run(
      receiveStockMutation,
      {
        input: {
          shopId: shopB.id,
          lines: [
            { itemId: itemA.id, quantity: 1 },
            { itemId: itemB.id, quantity: 4 },
          ],
        },
      },
      token,
    );
    const off = expectTypename((await t.run(setOptionalModuleMutation, turn(false), token)).setOptionalModule, 'SetOptionalModulePayload');
    expect(off.setting.enabled).toBe(false);
    expect(new Date(off.setting.updatedAt).getTime()).toBeGreaterThan(before.updated_at.getTime() - 1);
    // The admin's first session (signed in while it was off) already matches; the second doesn't.
    expect(off.sessionsToRefresh).toBe(1);

    // That second session keeps "on" until it signs in again: the help article's rule.
    expect((await oversell(token, shopA.id, itemA.id)).__typename).toBe('RecordSalePayload');
    expect((await oversell(account.adminToken, shopA.id, itemB.id)).__typename).toBe('InsufficientInventoryError');
  });

  it('a sale going below zero and the switch turning it off are serialized', async () => {
    const account = await createAccount(t, { legacy: true });
    await t.run(setOptionalModuleMutation, turn(true), account.adminToken);
    const token = await signIn(t, account.adminEmail);
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    const accountId = decodeId(account.accountId, 'Account')!;
    const admin = await t.db.selectFrom('employees').select('id').where('email', '=', account.adminEmail).executeTakeFirstOrThrow();

    // A write that leaves the item below zero, held open before commit...
    let commitSale!: () => void;
    const saleMayCommit = new Promise<void>((resolve) => (commitSale = resolve));
    let saleWrote!: () => void;
    const saleHasWritten = new Promise<void>((resolve) => (saleWrote = resolve));
    const sale = t.db.transaction().execute(async (trx) => {
      await applyMovements(trx, {
        accountId,
        employeeId: admin.id,
        reason: 'SALE',
        source: null,
        allowNegative: true,
        movements: [{ itemId: decodeId(item.id, 'Item')!, shopId: decodeId(shop.id, 'Shop')!, quantityChange: -1 }],
      });
      saleWrote();
      await saleMayCommit;
    });
    await saleHasWritten;

    // ...makes the switch wait for it, and then see its negative quantity.
    let switchSettled = false;
    const switching = setOptionalModule(t.db, { kind: 'apiKey', accountId, apiKeyId: '0' }, 'NEGATIVE_INVENTORY', false).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    void switching.finally(() => (switchSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(switchSettled).toBe(false);
    commitSale();
    await sale;
    const outcome = await switching;
    expect(outcome).toMatchObject({ error: { name: 'NegativeInventoryOutstandingError', negativeItemCount: 1 } });
    const setting = await t.db
      .selectFrom('account_modules')
      .select('enabled')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(setting.enabled).toBe(true);
  });

  it('only admins may change optional modules', async () => {
    const account = await createAccount(t, { legacy: true });
    const manager = await createEmployee(t, account.adminToken, 'MANAGER');
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    expect(errorCodes(await t.execute(setOptionalModuleMutation, turn(true), manager.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.execute(setOptionalModuleMutation, turn(true), cashier.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.execute(setOptionalModuleMutation, turn(true)))).toEqual(['UNAUTHENTICATED']);
  });

  it('negative manual adjustments follow the session setting too', async () => {
    const account = await createAccount(t, { legacy: true });
    const shop = await createShop(t, account.adminToken);
    const item = await createItem(t, account.adminToken);
    const refused = await t.run(
      adjustInventoryMutation,
      { input: { shopId: shop.id, itemId: item.id, quantityChange: -2 } },
      account.adminToken,
    );
    const error = expectTypename(refused.adjustInventory, 'InsufficientInventoryError');
    expect(error.shortages).toEqual([{ item: { id: item.id }, shop: { id: shop.id }, requested: 2, available: 0 }]);
  });
});
