import { describe, expect, it } from 'vitest';
import { createAccount, createItem, createShop } from './support/fixtures.js';
import { expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation, receiveStockMutation, recordSaleMutation, writeCounts } from './support/inventory.js';

const t = useTestApp({ poolSize: 10, ledgerInvariant: true });

async function setUp(options: { legacy?: boolean } = {}) {
  const account = await createAccount(t, options);
  const shop = await createShop(t, account.adminToken);
  const item = await createItem(t, account.adminToken);
  return { account, shop, item };
}

describe('idempotency keys', () => {
  it('a retry with the same key and input returns the original result and writes nothing', async () => {
    const { account, shop, item } = await setUp();
    const input = { shopId: shop.id, lines: [{ itemId: item.id, quantity: 2 }], idempotencyKey: 'till-7-receipt-1001' };
    const first = expectTypename((await t.run(recordSaleMutation, { input }, account.adminToken)).recordSale, 'RecordSalePayload');
    const counts = await writeCounts(t.db, account.accountId);
    // The same request with its fields in another order is still the same request.
    const reordered = { idempotencyKey: input.idempotencyKey, lines: [{ quantity: 2, itemId: item.id }], shopId: shop.id };
    const retry = expectTypename(
      (await t.run(recordSaleMutation, { input: reordered }, account.adminToken)).recordSale,
      'RecordSalePayload',
    );
    expect(retry).toEqual(first);
    expect(await writeCounts(t.db, account.accountId)).toEqual(counts);
    expect(first.levels[0]?.quantityOnHand).toBe(-2);
  });

  it('the same key with a different input is IdempotencyConflictError and writes nothing', async () => {
    const { account, shop, item } = await setUp();
    await t.run(
      recordSaleMutation,
      { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }], idempotencyKey: 'k1' } },
      account.adminToken,
    );
    const counts = await writeCounts(t.db, account.accountId);
    const conflict = await t.run(
      recordSaleMutation,
      { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 5 }], idempotencyKey: 'k1' } },
      account.adminToken,
    );
    expect(expectTypename(conflict.recordSale, 'IdempotencyConflictError').message).toMatch(/different request/);
    expect(await writeCounts(t.db, account.accountId)).toEqual(counts);
  });

  it('is scoped to the account and the mutation', async () => {
    const first = await setUp();
    const second = await setUp();
    for (const { account, shop, item } of [first, second]) {
      const sale = await t.run(
        recordSaleMutation,
        { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }], idempotencyKey: 'shared' } },
        account.adminToken,
      );
      expect(sale.recordSale.__typename).toBe('RecordSalePayload');
      const receipt = await t.run(
        receiveStockMutation,
        { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }], idempotencyKey: 'shared' } },
        account.adminToken,
      );
      expect(receipt.receiveStock.__typename).toBe('ReceiveStockPayload');
      const adjustment = await t.run(
        adjustInventoryMutation,
        { input: { shopId: shop.id, itemId: item.id, quantityChange: 3, idempotencyKey: 'shared' } },
        account.adminToken,
      );
      expect(expectTypename(adjustment.adjustInventory, 'AdjustInventoryPayload').level.quantityOnHand).toBe(3);
    }
  });

  it('concurrent retries with one key write once and all get the same answer', async () => {
    const { account, shop, item } = await setUp();
    const input = { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }], idempotencyKey: 'double-click' };
    const results = await Promise.all(
      Array.from({ length: 12 }, () => t.run(recordSaleMutation, { input }, account.adminToken).then((r) => r.recordSale)),
    );
    const saleIds = new Set(results.map((result) => expectTypename(result, 'RecordSalePayload').sale.id));
    expect(saleIds.size).toBe(1);
    const counts = await writeCounts(t.db, account.accountId);
    expect(counts.sales).toBe(1);
    expect(counts.levels.map((level) => level.quantity_on_hand)).toEqual([-1]);
  });

  it('a refused request keeps no key: its retry is judged afresh', async () => {
    const { account, shop, item } = await setUp({ legacy: true });
    const input = { shopId: shop.id, lines: [{ itemId: item.id, quantity: 3 }], idempotencyKey: 'wait-for-stock' };
    expect((await t.run(recordSaleMutation, { input }, account.adminToken)).recordSale.__typename).toBe('InsufficientInventoryError');
    await t.run(receiveStockMutation, { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 3 }] } }, account.adminToken);
    const retried = expectTypename((await t.run(recordSaleMutation, { input }, account.adminToken)).recordSale, 'RecordSalePayload');
    expect(retried.levels[0]?.quantityOnHand).toBe(0);
  });

  it('rejects an empty or overlong key', async () => {
    const { account, shop, item } = await setUp();
    for (const idempotencyKey of ['', 'k'.repeat(256)]) {
      const result = await t.run(
        recordSaleMutation,
        { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }], idempotencyKey } },
        account.adminToken,
      );
      expect(expectTypename(result.recordSale, 'ValidationError').field).toBe('idempotencyKey');
    }
  });
});
