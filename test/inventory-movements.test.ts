import { describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import {
  adjustInventoryMutation,
  itemInventoryQuery,
  receiveStockMutation,
  receiveTransferMutation,
  recordSaleMutation,
  sendTransferMutation,
  vendorReturnMutation,
  writeCounts,
} from './support/inventory.js';

const t = useTestApp({ ledgerInvariant: true });

async function shopWithItems(account: TestAccount, itemCount: number) {
  const shop = await createShop(t, account.adminToken);
  const items = [];
  for (let index = 0; index < itemCount; index++) items.push(await createItem(t, account.adminToken));
  return { shop, items };
}

async function receive(token: string, shopId: string, lines: { itemId: string; quantity: number }[]) {
  const result = await t.run(receiveStockMutation, { input: { shopId, lines } }, token);
  return expectTypename(result.receiveStock, 'ReceiveStockPayload');
}

describe('with negative inventory on (a newer account)', () => {
  it('sells below zero, writes the ledger and raises one alert per crossing', async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 2);
    const [itemA, itemB] = items as [(typeof items)[0], (typeof items)[0]];
    await receive(account.adminToken, shop.id, [{ itemId: itemA.id, quantity: 2 }]);

    const sale = expectTypename(
      (
        await t.run(
          recordSaleMutation,
          {
            input: {
              shopId: shop.id,
              lines: [
                { itemId: itemA.id, quantity: 3 },
                { itemId: itemB.id, quantity: 1 },
              ],
            },
          },
          account.adminToken,
        )
      ).recordSale,
      'RecordSalePayload',
    );
    expect(sale.sale.lines).toEqual([
      { item: { id: itemA.id }, quantity: 3 },
      { item: { id: itemB.id }, quantity: 1 },
    ]);
    const byItem = Object.fromEntries(sale.levels.map((level) => [level.item.id, level]));
    expect(byItem[itemA.id]).toMatchObject({ quantityOnHand: -1, sellableQuantity: 0 });
    expect(byItem[itemB.id]).toMatchObject({ quantityOnHand: -1, sellableQuantity: 0 });
    expect(sale.alerts.map((alert) => [alert.item.id, alert.quantityBefore, alert.quantityAfter, alert.reason])).toEqual(
      expect.arrayContaining([
        [itemA.id, 2, -1, 'SALE'],
        [itemB.id, 0, -1, 'SALE'],
      ]),
    );
    expect(sale.alerts).toHaveLength(2);

    // Going further below zero is not a new crossing.
    const further = expectTypename(
      (await t.run(recordSaleMutation, { input: { shopId: shop.id, lines: [{ itemId: itemA.id, quantity: 1 }] } }, account.adminToken))
        .recordSale,
      'RecordSalePayload',
    );
    expect(further.alerts).toEqual([]);

    // Coming back to zero or more and crossing again is.
    await receive(account.adminToken, shop.id, [{ itemId: itemA.id, quantity: 10 }]);
    const again = expectTypename(
      (await t.run(recordSaleMutation, { input: { shopId: shop.id, lines: [{ itemId: itemA.id, quantity: 9 }] } }, account.adminToken))
        .recordSale,
      'RecordSalePayload',
    );
    expect(again.alerts.map((alert) => [alert.quantityBefore, alert.quantityAfter])).toEqual([[8, -1]]);
  });

  it('receiving adds onto a negative quantity (-1 then +10 gives 9)', async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const item = items[0]!;
    await t.run(recordSaleMutation, { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }] } }, account.adminToken);
    const received = await receive(account.adminToken, shop.id, [{ itemId: item.id, quantity: 10 }]);
    expect(received.levels[0]).toMatchObject({ quantityOnHand: 9, sellableQuantity: 9 });
    expect(received.adjustments[0]).toMatchObject({
      reason: 'RECEIVING',
      quantityChange: 10,
      quantityBefore: -1,
      quantityAfter: 9,
      source: null,
    });
  });

  it('sums lines of the same item and records who did it', async () => {
    const account = await createAccount(t);
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const { shop, items } = await shopWithItems(account, 1);
    const item = items[0]!;
    await receive(account.adminToken, shop.id, [{ itemId: item.id, quantity: 10 }]);
    const sale = expectTypename(
      (
        await t.run(
          recordSaleMutation,
          {
            input: {
              shopId: shop.id,
              lines: [
                { itemId: item.id, quantity: 2 },
                { itemId: item.id, quantity: 3 },
              ],
            },
          },
          cashier.token,
        )
      ).recordSale,
      'RecordSalePayload',
    );
    expect(sale.levels).toHaveLength(1);
    expect(sale.levels[0]?.quantityOnHand).toBe(5);
    expect(sale.sale.employee?.id).toBe(cashier.employeeId);
    const adjustments = await t.db
      .selectFrom('inventory_adjustments')
      .select(['quantity_change', 'quantity_before', 'quantity_after', 'employee_id', 'source_type'])
      .where('source_type', '=', 'SALE')
      .where('source_id', '=', decodeId(sale.sale.id, 'Sale'))
      .execute();
    expect(adjustments).toEqual([
      {
        quantity_change: -5,
        quantity_before: 10,
        quantity_after: 5,
        employee_id: decodeId(cashier.employeeId, 'Employee'),
        source_type: 'SALE',
      },
    ]);
  });

  it('transfers take stock out now and add it when received, once', async () => {
    const account = await createAccount(t);
    const { shop: from, items } = await shopWithItems(account, 1);
    const to = await createShop(t, account.adminToken);
    const item = items[0]!;
    await receive(account.adminToken, from.id, [{ itemId: item.id, quantity: 1 }]);

    const sent = expectTypename(
      (
        await t.run(
          sendTransferMutation,
          { input: { fromShopId: from.id, toShopId: to.id, lines: [{ itemId: item.id, quantity: 4 }] } },
          account.adminToken,
        )
      ).sendTransfer,
      'SendTransferPayload',
    );
    expect(sent.transfer).toMatchObject({ status: 'SENT', receivedAt: null, fromShop: { id: from.id }, toShop: { id: to.id } });
    expect(sent.levels[0]).toMatchObject({ shop: { id: from.id }, quantityOnHand: -3 });
    expect(sent.alerts.map((alert) => alert.reason)).toEqual(['TRANSFER_OUT']);

    const received = expectTypename(
      (await t.run(receiveTransferMutation, { input: { transferId: sent.transfer.id } }, account.adminToken)).receiveTransfer,
      'ReceiveTransferPayload',
    );
    expect(received.transfer.status).toBe('RECEIVED');
    expect(received.transfer.receivedAt).not.toBeNull();
    expect(received.levels[0]).toMatchObject({ shop: { id: to.id }, quantityOnHand: 4 });

    const before = await writeCounts(t.db, account.accountId);
    const twice = (await t.run(receiveTransferMutation, { input: { transferId: sent.transfer.id } }, account.adminToken)).receiveTransfer;
    expect(expectTypename(twice, 'ValidationError').field).toBe('transferId');
    expect(await writeCounts(t.db, account.accountId)).toEqual(before);

    const inventory = await t.run(itemInventoryQuery, { id: item.id }, account.adminToken);
    const levels = inventory.node && 'inventory' in inventory.node ? inventory.node.inventory : [];
    expect(levels.map((level) => [level.shop.id, level.quantityOnHand]).sort()).toEqual(
      [
        [from.id, -3],
        [to.id, 4],
      ].sort(),
    );
  });

  it('vendor returns take stock out with the vendor recorded', async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const item = items[0]!;
    const result = expectTypename(
      (
        await t.run(
          vendorReturnMutation,
          { input: { shopId: shop.id, vendor: '  Acme Supplies ', lines: [{ itemId: item.id, quantity: 2 }] } },
          account.adminToken,
        )
      ).vendorReturn,
      'VendorReturnPayload',
    );
    expect(result.vendorReturn.vendor).toBe('Acme Supplies');
    expect(result.levels[0]?.quantityOnHand).toBe(-2);
    expect(result.alerts.map((alert) => alert.reason)).toEqual(['VENDOR_RETURN']);
  });

  it('manual adjustments go both ways, keep their note and may go below zero', async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const item = items[0]!;
    const up = expectTypename(
      (
        await t.run(
          adjustInventoryMutation,
          { input: { shopId: shop.id, itemId: item.id, quantityChange: 3, note: 'found in back room' } },
          account.adminToken,
        )
      ).adjustInventory,
      'AdjustInventoryPayload',
    );
    expect(up.adjustment).toMatchObject({
      reason: 'MANUAL',
      quantityChange: 3,
      quantityBefore: 0,
      quantityAfter: 3,
      note: 'found in back room',
    });
    const down = expectTypename(
      (await t.run(adjustInventoryMutation, { input: { shopId: shop.id, itemId: item.id, quantityChange: -5 } }, account.adminToken))
        .adjustInventory,
      'AdjustInventoryPayload',
    );
    expect(down.level.quantityOnHand).toBe(-2);
    expect(down.alerts).toHaveLength(1);
    expect(down.adjustment.note).toBeNull();
  });

  it("shows every shop of the account in an item's inventory, 0 where nothing was recorded", async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const other = await createShop(t, account.adminToken);
    await receive(account.adminToken, shop.id, [{ itemId: items[0]!.id, quantity: 5 }]);
    const result = await t.run(itemInventoryQuery, { id: items[0]!.id }, account.adminToken);
    const levels = result.node && 'inventory' in result.node ? result.node.inventory : [];
    const byShop = Object.fromEntries(levels.map((level) => [level.shop.id, level]));
    expect(byShop[shop.id]).toMatchObject({ quantityOnHand: 5 });
    expect(byShop[other.id]).toMatchObject({ quantityOnHand: 0, sellableQuantity: 0, updatedAt: null });
    expect(levels).toHaveLength(2);
  });
});

describe('with negative inventory off for the session (a legacy account)', () => {
  it('refuses a sale that would go below zero, lists every short line, and writes nothing', async () => {
    const account = await createAccount(t, { legacy: true });
    const { shop, items } = await shopWithItems(account, 3);
    const [a, b, c] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
    await receive(account.adminToken, shop.id, [
      { itemId: a.id, quantity: 4 },
      { itemId: b.id, quantity: 10 },
      { itemId: c.id, quantity: 1 },
    ]);
    const before = await writeCounts(t.db, account.accountId);
    const result = await t.run(
      recordSaleMutation,
      {
        input: {
          shopId: shop.id,
          lines: [
            { itemId: a.id, quantity: 3 },
            { itemId: b.id, quantity: 2 },
            { itemId: a.id, quantity: 2 },
            { itemId: c.id, quantity: 5 },
          ],
          idempotencyKey: 'refused-sale',
        },
      },
      account.adminToken,
    );
    const error = expectTypename(result.recordSale, 'InsufficientInventoryError');
    expect(error.message).toMatch(/below zero/);
    expect(error.shortages.map((shortage) => [shortage.item.id, shortage.shop.id, shortage.requested, shortage.available]).sort()).toEqual(
      [
        [a.id, shop.id, 5, 4],
        [c.id, shop.id, 5, 1],
      ].sort(),
    );
    expect(await writeCounts(t.db, account.accountId)).toEqual(before);
  });

  it('allows a sale down to exactly zero', async () => {
    const account = await createAccount(t, { legacy: true });
    const { shop, items } = await shopWithItems(account, 1);
    await receive(account.adminToken, shop.id, [{ itemId: items[0]!.id, quantity: 2 }]);
    const result = await t.run(
      recordSaleMutation,
      { input: { shopId: shop.id, lines: [{ itemId: items[0]!.id, quantity: 2 }] } },
      account.adminToken,
    );
    expect(expectTypename(result.recordSale, 'RecordSalePayload').levels[0]?.quantityOnHand).toBe(0);
  });

  it('refuses transfers, vendor returns and negative adjustments the same way, but never receiving', async () => {
    const account = await createAccount(t, { legacy: true });
    const { shop, items } = await shopWithItems(account, 1);
    const other = await createShop(t, account.adminToken);
    const item = items[0]!;
    const before = await writeCounts(t.db, account.accountId);
    const transfer = await t.run(
      sendTransferMutation,
      { input: { fromShopId: shop.id, toShopId: other.id, lines: [{ itemId: item.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(expectTypename(transfer.sendTransfer, 'InsufficientInventoryError').shortages[0]).toMatchObject({ requested: 1, available: 0 });
    const vendorReturn = await t.run(
      vendorReturnMutation,
      { input: { shopId: shop.id, vendor: 'V', lines: [{ itemId: item.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(vendorReturn.vendorReturn.__typename).toBe('InsufficientInventoryError');
    const adjustment = await t.run(
      adjustInventoryMutation,
      { input: { shopId: shop.id, itemId: item.id, quantityChange: -1 } },
      account.adminToken,
    );
    expect(adjustment.adjustInventory.__typename).toBe('InsufficientInventoryError');
    expect(await writeCounts(t.db, account.accountId)).toEqual(before);
    const received = await receive(account.adminToken, shop.id, [{ itemId: item.id, quantity: 1 }]);
    expect(received.levels[0]?.quantityOnHand).toBe(1);
  });
});

describe('bad input', () => {
  it('names the field at fault and writes nothing', async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const other = await createShop(t, account.adminToken);
    const item = items[0]!;
    const before = await writeCounts(t.db, account.accountId);
    const sale = (lines: { itemId: string; quantity: number }[]) =>
      t.run(recordSaleMutation, { input: { shopId: shop.id, lines } }, account.adminToken).then((result) => result.recordSale);

    for (const [lines, field] of [
      [[{ itemId: item.id, quantity: 0 }], 'lines.0.quantity'],
      [
        [
          { itemId: item.id, quantity: 1 },
          { itemId: item.id, quantity: 1_000_001 },
        ],
        'lines.1.quantity',
      ],
      [[{ itemId: item.id, quantity: -3 }], 'lines.0.quantity'],
      [[], 'lines'],
      [Array.from({ length: 501 }, () => ({ itemId: item.id, quantity: 1 })), 'lines'],
    ] as const) {
      expect(expectTypename(await sale([...lines]), 'ValidationError').field).toBe(field);
    }

    const sameShop = await t.run(
      sendTransferMutation,
      { input: { fromShopId: shop.id, toShopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(expectTypename(sameShop.sendTransfer, 'ValidationError').field).toBe('toShopId');
    const blankVendor = await t.run(
      vendorReturnMutation,
      { input: { shopId: shop.id, vendor: '   ', lines: [{ itemId: item.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(expectTypename(blankVendor.vendorReturn, 'ValidationError').field).toBe('vendor');
    const zero = await t.run(
      adjustInventoryMutation,
      { input: { shopId: shop.id, itemId: item.id, quantityChange: 0 } },
      account.adminToken,
    );
    expect(expectTypename(zero.adjustInventory, 'ValidationError').field).toBe('quantityChange');
    expect(other.id).not.toBe(shop.id);
    expect(await writeCounts(t.db, account.accountId)).toEqual(before);
  });

  it("treats unknown, undecodable and other accounts' IDs as not found, carrying the ID as given", async () => {
    const account = await createAccount(t);
    const stranger = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const foreign = await shopWithItems(stranger, 1);
    const before = await writeCounts(t.db, account.accountId);
    const strangerBefore = await writeCounts(t.db, stranger.accountId);

    const foreignItem = await t.run(
      recordSaleMutation,
      {
        input: {
          shopId: shop.id,
          lines: [
            { itemId: items[0]!.id, quantity: 1 },
            { itemId: foreign.items[0]!.id, quantity: 1 },
          ],
        },
      },
      account.adminToken,
    );
    expect(expectTypename(foreignItem.recordSale, 'NotFoundError').id).toBe(foreign.items[0]!.id);
    const foreignShop = await t.run(
      receiveStockMutation,
      { input: { shopId: foreign.shop.id, lines: [{ itemId: items[0]!.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(expectTypename(foreignShop.receiveStock, 'NotFoundError').id).toBe(foreign.shop.id);
    const garbage = await t.run(
      recordSaleMutation,
      { input: { shopId: 'not-an-id', lines: [{ itemId: items[0]!.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(expectTypename(garbage.recordSale, 'NotFoundError').id).toBe('not-an-id');
    const garbageItems = await t.run(
      recordSaleMutation,
      {
        input: {
          shopId: shop.id,
          lines: [
            { itemId: 'nope', quantity: 1 },
            { itemId: '💥', quantity: 1 },
          ],
        },
      },
      account.adminToken,
    );
    expect(expectTypename(garbageItems.recordSale, 'NotFoundError').id).toBe('nope');
    const wrongType = await t.run(
      recordSaleMutation,
      { input: { shopId: items[0]!.id, lines: [{ itemId: items[0]!.id, quantity: 1 }] } },
      account.adminToken,
    );
    expect(expectTypename(wrongType.recordSale, 'NotFoundError').id).toBe(items[0]!.id);
    const unknownTransfer = await t.run(receiveTransferMutation, { input: { transferId: shop.id } }, account.adminToken);
    expect(unknownTransfer.receiveTransfer.__typename).toBe('NotFoundError');

    expect(await writeCounts(t.db, account.accountId)).toEqual(before);
    expect(await writeCounts(t.db, stranger.accountId)).toEqual(strangerBefore);
  });
});

describe('roles', () => {
  it('lets any employee sell but only managers and admins move stock otherwise; partner keys write nothing', async () => {
    const account = await createAccount(t);
    const { shop, items } = await shopWithItems(account, 1);
    const other = await createShop(t, account.adminToken);
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const manager = await createEmployee(t, account.adminToken, 'MANAGER');
    const partner = await createApiKey(t, account.adminToken);
    const line = [{ itemId: items[0]!.id, quantity: 1 }];

    expect((await t.run(recordSaleMutation, { input: { shopId: shop.id, lines: line } }, cashier.token)).recordSale.__typename).toBe(
      'RecordSalePayload',
    );
    for (const [document, variables] of [
      [receiveStockMutation, { input: { shopId: shop.id, lines: line } }],
      [adjustInventoryMutation, { input: { shopId: shop.id, itemId: items[0]!.id, quantityChange: 1 } }],
      [sendTransferMutation, { input: { fromShopId: shop.id, toShopId: other.id, lines: line } }],
      [vendorReturnMutation, { input: { shopId: shop.id, vendor: 'V', lines: line } }],
    ] as const) {
      expect(errorCodes(await t.execute(document as never, variables as never, cashier.token))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.execute(document as never, variables as never, partner.token))).toEqual(['FORBIDDEN']);
      const allowed = await t.execute(document as never, variables as never, manager.token);
      expect(allowed.errors).toBeUndefined();
    }
    expect(errorCodes(await t.execute(recordSaleMutation, { input: { shopId: shop.id, lines: line } }, partner.token))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await t.execute(recordSaleMutation, { input: { shopId: shop.id, lines: line } }))).toEqual(['UNAUTHENTICATED']);
  });
});
