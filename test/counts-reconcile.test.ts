import { describe, expect, it } from 'vitest';
import { applyMovements } from '../src/inventory/ledger.service.js';
import { decodeId } from '../src/node/global-id.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop, signIn } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp } from './support/harness.js';
import {
  itemInventoryQuery,
  receiveTransferMutation,
  sendTransferMutation,
  setOptionalModuleMutation,
  writeCounts,
} from './support/inventory.js';
import {
  fetchReport,
  insertItems,
  receive,
  reconcileCountMutation,
  recordCountMutation,
  sell,
  startCountMutation,
} from './support/reports.js';

const t = useTestApp({ poolSize: 12, ledgerInvariant: true });

async function startCount(token: string, shopId: string, name = 'Cycle count') {
  return expectTypename(
    (await t.run(startCountMutation, { input: { shopId, name } }, token)).startInventoryCount,
    'StartInventoryCountPayload',
  ).count;
}

async function recordCount(token: string, countId: string, lines: { itemId: string; countedQuantity: number }[]) {
  return (await t.run(recordCountMutation, { input: { countId, lines } }, token)).recordInventoryCount;
}

async function reconcile(token: string, countId: string, zeroUncountedNegatives?: boolean) {
  return (
    await t.run(
      reconcileCountMutation,
      { input: { countId, ...(zeroUncountedNegatives === undefined ? {} : { zeroUncountedNegatives }) } },
      token,
    )
  ).reconcileInventoryCount;
}

async function onHand(token: string, itemId: string, shopId: string) {
  const result = await t.run(itemInventoryQuery, { id: itemId }, token);
  const levels = result.node && 'inventory' in result.node ? result.node.inventory : [];
  return levels.find((level) => level.shop.id === shopId)?.quantityOnHand;
}

describe('counting and reconciling', () => {
  it('sets counted items to their count against the quantity at reconcile time, and zeroes uncounted negatives', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const manager = await createEmployee(t, token, 'MANAGER');
    const shop = await createShop(t, token);
    const other = await createShop(t, token);
    const [a, b, c, d, e] = [
      await createItem(t, token, 'A'),
      await createItem(t, token, 'B'),
      await createItem(t, token, 'C'),
      await createItem(t, token, 'D'),
      await createItem(t, token, 'E'),
    ];
    await receive(t, token, shop.id, [
      { itemId: a.id, quantity: 5 },
      { itemId: e.id, quantity: 2 },
    ]);
    await sell(t, token, shop.id, [
      { itemId: b.id, quantity: 3 },
      { itemId: c.id, quantity: 2 },
    ]);
    await sell(t, token, other.id, [{ itemId: c.id, quantity: 1 }]);

    const count = await startCount(manager.token, shop.id, '  Spring count ');
    expect(count).toMatchObject({ name: 'Spring count', status: 'OPEN', shop: { id: shop.id }, lines: [], reconciledAt: null });
    const first = expectTypename(
      await recordCount(manager.token, count.id, [
        { itemId: a.id, countedQuantity: 3 },
        { itemId: b.id, countedQuantity: 0 },
        { itemId: b.id, countedQuantity: 1 },
      ]),
      'RecordInventoryCountPayload',
    );
    expect(first.count.lines).toEqual([
      { item: { id: a.id }, countedQuantity: 3 },
      { item: { id: b.id }, countedQuantity: 1 },
    ]);
    const second = expectTypename(
      await recordCount(manager.token, count.id, [
        { itemId: a.id, countedQuantity: 2 },
        { itemId: d.id, countedQuantity: 4 },
        { itemId: e.id, countedQuantity: 2 },
      ]),
      'RecordInventoryCountPayload',
    );
    expect(second.count.lines.map((line) => [line.item.id, line.countedQuantity])).toEqual([
      [a.id, 2],
      [b.id, 1],
      [d.id, 4],
      [e.id, 2],
    ]);
    // Recording changes nothing on hand; a sale after counting is absorbed, not counted twice.
    expect(await onHand(token, a.id, shop.id)).toBe(5);
    await sell(t, token, shop.id, [{ itemId: a.id, quantity: 1 }]);

    const result = expectTypename(await reconcile(manager.token, count.id), 'ReconcileInventoryCountPayload');
    expect(result.count.status).toBe('RECONCILED');
    expect(result.count.reconciledAt).not.toBeNull();
    const changes = result.adjustments.map((adjustment) => [
      adjustment.item.sku,
      adjustment.quantityBefore,
      adjustment.quantityChange,
      adjustment.quantityAfter,
    ]);
    expect(changes).toEqual([
      ['A', 4, -2, 2],
      ['B', -3, 4, 1],
      ['D', 0, 4, 4],
      ['C', -2, 2, 0],
    ]);
    for (const adjustment of result.adjustments) {
      expect(adjustment).toMatchObject({ reason: 'INVENTORY_COUNT', shop: { id: shop.id }, employee: { id: manager.employeeId } });
      expect(adjustment.source).toEqual({ __typename: 'InventoryCount', id: count.id });
    }
    expect(result.adjustments.find((adjustment) => adjustment.item.sku === 'C')?.note).toMatch(/Not counted/);
    expect(result.adjustments.find((adjustment) => adjustment.item.sku === 'A')?.note).toBeNull();
    // E was counted at what it had: no adjustment. The other shop is untouched.
    expect(await onHand(token, e.id, shop.id)).toBe(2);
    expect(await onHand(token, c.id, other.id)).toBe(-1);
    expect((await fetchReport(t, token, { shopId: shop.id })).totalCount).toBe(0);
  });

  it('leaves uncounted negatives alone with zeroUncountedNegatives false, and creates a 0 row for an item counted at 0', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const [counted, uncounted, never] = [await createItem(t, token), await createItem(t, token), await createItem(t, token)];
    await sell(t, token, shop.id, [
      { itemId: counted.id, quantity: 2 },
      { itemId: uncounted.id, quantity: 3 },
    ]);
    const count = await startCount(token, shop.id);
    await recordCount(token, count.id, [
      { itemId: counted.id, countedQuantity: 0 },
      { itemId: never.id, countedQuantity: 0 },
    ]);
    const result = expectTypename(await reconcile(token, count.id, false), 'ReconcileInventoryCountPayload');
    expect(result.adjustments.map((adjustment) => [adjustment.item.id, adjustment.quantityChange])).toEqual([[counted.id, 2]]);
    expect(await onHand(token, uncounted.id, shop.id)).toBe(-3);
    expect(await onHand(token, never.id, shop.id)).toBe(0);
  });

  it('reconciles a count with no lines: only the uncounted negatives change', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 4 }]);
    const count = await startCount(token, shop.id);
    const result = expectTypename(await reconcile(token, count.id), 'ReconcileInventoryCountPayload');
    expect(result.adjustments.map((adjustment) => adjustment.quantityChange)).toEqual([4]);
    expect(result.count.lines).toEqual([]);
  });

  it('closes a reconciled count: recording or reconciling again is InventoryCountClosedError and writes nothing', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]);
    const count = await startCount(token, shop.id);
    await recordCount(token, count.id, [{ itemId: item.id, countedQuantity: 5 }]);
    expectTypename(await reconcile(token, count.id), 'ReconcileInventoryCountPayload');
    const before = await writeCounts(t.db, account.accountId);
    expect((await reconcile(token, count.id)).__typename).toBe('InventoryCountClosedError');
    expect((await recordCount(token, count.id, [{ itemId: item.id, countedQuantity: 1 }])).__typename).toBe('InventoryCountClosedError');
    expect(await writeCounts(t.db, account.accountId)).toEqual(before);
    expect(await onHand(token, item.id, shop.id)).toBe(5);
  });

  it('reconciles once when two reconciles race', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 2 }]);
    const count = await startCount(token, shop.id);
    await recordCount(token, count.id, [{ itemId: item.id, countedQuantity: 3 }]);
    const results = await Promise.all([reconcile(token, count.id), reconcile(token, count.id), reconcile(token, count.id)]);
    expect(results.map((result) => result.__typename).sort()).toEqual([
      'InventoryCountClosedError',
      'InventoryCountClosedError',
      'ReconcileInventoryCountPayload',
    ]);
    expect(await onHand(token, item.id, shop.id)).toBe(3);
  });
});

describe('under concurrent sales', () => {
  it('ends every counted item at its count as of the reconcile, never deadlocks, and keeps the ledger whole', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    // Items with no level row yet, so the reconcile creates rows while sales create them too.
    const items = await insertItems(
      t.db,
      account.accountId,
      Array.from({ length: 12 }, (_, index) => `CONC-${String(index).padStart(2, '0')}`),
    );
    const cashiers = await Promise.all(Array.from({ length: 4 }, () => createEmployee(t, token, 'CASHIER')));
    for (let round = 0; round < 3; round++) {
      const count = await startCount(token, shop.id, `Round ${round}`);
      // Counts the even items; the odd ones sold below zero are uncounted negatives.
      const counted = items.filter((_, index) => index % 2 === 0);
      await recordCount(
        token,
        count.id,
        counted.map((item, index) => ({ itemId: item.id, countedQuantity: 10 + index })),
      );
      const sales = Promise.all(
        cashiers.map(async (cashier, worker) => {
          for (let sale = 0; sale < 6; sale++) {
            const lines = [items[(worker * 3 + sale) % 12]!, items[(worker + sale * 5 + 1) % 12]!, items[11 - ((worker + sale) % 12)]!];
            await sell(
              t,
              cashier.token,
              shop.id,
              lines.map((item) => ({ itemId: item.id, quantity: 1 })),
            );
          }
        }),
      );
      const reconciled = expectTypename(await reconcile(token, count.id), 'ReconcileInventoryCountPayload');
      await sales;
      const countId = decodeId(count.id, 'InventoryCount');
      const countAdjustments = await t.db
        .selectFrom('inventory_adjustments')
        .selectAll()
        .where('source_type', '=', 'INVENTORY_COUNT')
        .where('source_id', '=', countId)
        .execute();
      expect(countAdjustments).toHaveLength(reconciled.adjustments.length);
      const countedQuantity = new Map(counted.map((item, index) => [decodeId(item.id, 'Item'), 10 + index]));
      for (const adjustment of countAdjustments) {
        // Measured against the quantity locked at reconcile time: the count is exactly what remains.
        expect(adjustment.quantity_after).toBe(countedQuantity.get(adjustment.item_id) ?? 0);
      }
    }
  });

  it('waits in lock order for a sale that holds a lower item and then creates a higher one', async () => {
    // The reconcile creates the counted items' missing rows before locking the rest: that insert
    // must wait for the sale at the lower item (in the writers' order) rather than create the
    // higher row first, or the sale and the reconcile would wait for each other.
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const [lower, higher] = await insertItems(t.db, account.accountId, ['DL-1', 'DL-2']);
    await sell(t, token, shop.id, [{ itemId: lower!.id, quantity: 1 }]);
    const count = await startCount(token, shop.id);
    await recordCount(token, count.id, [
      { itemId: lower!.id, countedQuantity: 3 },
      { itemId: higher!.id, countedQuantity: 3 },
    ]);
    const accountId = decodeId(account.accountId, 'Account')!;
    const [shopId, lowerId, higherId] = [decodeId(shop.id, 'Shop')!, decodeId(lower!.id, 'Item')!, decodeId(higher!.id, 'Item')!];

    // A writer's transaction, step by step, in the writers' lock order: the lower item first.
    const sellOne = (itemId: string) => ({
      accountId,
      employeeId: null,
      reason: 'SALE' as const,
      source: null,
      allowNegative: true,
      movements: [{ itemId, shopId, quantityChange: -1 }],
    });
    const sale = await t.db.startTransaction().execute();
    try {
      await applyMovements(sale, sellOne(lowerId));
      const reconciling = reconcile(token, count.id);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await applyMovements(sale, sellOne(higherId));
      // Undo it: the point is only who waits for whom.
      await sale.rollback().execute();
      expect((await reconciling).__typename).toBe('ReconcileInventoryCountPayload');
    } catch (error) {
      await sale
        .rollback()
        .execute()
        .catch(() => {});
      throw error;
    }
    expect(await onHand(token, lower!.id, shop.id)).toBe(3);
    expect(await onHand(token, higher!.id, shop.id)).toBe(3);
  });
});

describe('bad input and roles', () => {
  it('validates counted quantities, lines and names, naming the field', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    const count = await startCount(token, shop.id);
    for (const [lines, field] of [
      [[{ itemId: item.id, countedQuantity: -1 }], 'lines.0.countedQuantity'],
      [
        [
          { itemId: item.id, countedQuantity: 1 },
          { itemId: item.id, countedQuantity: 1_000_001 },
        ],
        'lines.1.countedQuantity',
      ],
      [[], 'lines'],
      [Array.from({ length: 501 }, () => ({ itemId: item.id, countedQuantity: 1 })), 'lines'],
    ] as const) {
      expect(expectTypename(await recordCount(token, count.id, [...lines]), 'ValidationError').field).toBe(field);
    }
    expect(
      expectTypename(await recordCount(token, count.id, [{ itemId: item.id, countedQuantity: 1_000_000 }]), 'RecordInventoryCountPayload'),
    );
    const blank = (await t.run(startCountMutation, { input: { shopId: shop.id, name: '   ' } }, token)).startInventoryCount;
    expect(expectTypename(blank, 'ValidationError').field).toBe('name');
  });

  it("treats unknown, undecodable and other accounts' IDs as NotFoundError carrying the ID as given", async () => {
    const account = await createAccount(t);
    const stranger = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    const foreignShop = await createShop(t, stranger.adminToken);
    const foreignItem = await createItem(t, stranger.adminToken);
    const foreignCount = await startCount(stranger.adminToken, foreignShop.id);
    const count = await startCount(token, shop.id);

    for (const shopId of [foreignShop.id, 'garbage', item.id]) {
      const result = (await t.run(startCountMutation, { input: { shopId, name: 'x' } }, token)).startInventoryCount;
      expect(expectTypename(result, 'NotFoundError').id).toBe(shopId);
    }
    for (const countId of [foreignCount.id, 'garbage', shop.id]) {
      expect(expectTypename(await recordCount(token, countId, [{ itemId: item.id, countedQuantity: 1 }]), 'NotFoundError').id).toBe(
        countId,
      );
      expect(expectTypename(await reconcile(token, countId), 'NotFoundError').id).toBe(countId);
    }
    const foreignLine = await recordCount(token, count.id, [
      { itemId: item.id, countedQuantity: 1 },
      { itemId: foreignItem.id, countedQuantity: 1 },
    ]);
    expect(expectTypename(foreignLine, 'NotFoundError').id).toBe(foreignItem.id);
    const reread = expectTypename(
      await recordCount(token, count.id, [{ itemId: item.id, countedQuantity: 7 }]),
      'RecordInventoryCountPayload',
    );
    expect(reread.count.lines).toEqual([{ item: { id: item.id }, countedQuantity: 7 }]);
  });

  it('lets admins and managers count; cashiers and partner keys are FORBIDDEN', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    const cashier = await createEmployee(t, token, 'CASHIER');
    const partner = await createApiKey(t, token);
    const count = await startCount(token, shop.id);
    for (const denied of [cashier.token, partner.token]) {
      expect(errorCodes(await t.execute(startCountMutation, { input: { shopId: shop.id, name: 'x' } }, denied))).toEqual(['FORBIDDEN']);
      expect(
        errorCodes(
          await t.execute(recordCountMutation, { input: { countId: count.id, lines: [{ itemId: item.id, countedQuantity: 1 }] } }, denied),
        ),
      ).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.execute(reconcileCountMutation, { input: { countId: count.id } }, denied))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await t.execute(reconcileCountMutation, { input: { countId: count.id } }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the full correction story on a legacy account', () => {
  it('turns negative inventory on, oversells, reads the report, receives, counts, and can turn it off again', async () => {
    const account = await createAccount(t, { legacy: true });
    const token = account.adminToken;
    const [store, warehouse] = [await createShop(t, token, 'Store'), await createShop(t, token, 'Warehouse')];
    const [jacket, scarf, gloves, boots] = [
      await createItem(t, token, 'JACKET'),
      await createItem(t, token, 'SCARF'),
      await createItem(t, token, 'GLOVES'),
      await createItem(t, token, 'BOOTS'),
    ];

    // Counting is allowed with negative inventory off: a legacy account can correct stock anytime.
    await receive(t, token, store.id, [{ itemId: boots.id, quantity: 6 }]);
    const warmUp = await startCount(token, store.id, 'Before the switch');
    await recordCount(token, warmUp.id, [{ itemId: boots.id, countedQuantity: 5 }]);
    expectTypename(await reconcile(token, warmUp.id), 'ReconcileInventoryCountPayload');
    expect(await onHand(token, boots.id, store.id)).toBe(5);

    const enable = await t.run(setOptionalModuleMutation, { input: { module: 'NEGATIVE_INVENTORY', enabled: true } }, token);
    expect(expectTypename(enable.setOptionalModule, 'SetOptionalModulePayload').setting.enabled).toBe(true);
    // Sessions keep the setting they signed in with: sign in again to sell below zero.
    const seller = await signIn(t, account.adminEmail);

    await receive(t, seller, warehouse.id, [{ itemId: jacket.id, quantity: 10 }]);
    await sell(t, seller, store.id, [
      { itemId: jacket.id, quantity: 3 },
      { itemId: scarf.id, quantity: 2 },
      { itemId: gloves.id, quantity: 1 },
    ]);
    const transfer = expectTypename(
      (
        await t.run(
          sendTransferMutation,
          { input: { fromShopId: warehouse.id, toShopId: store.id, lines: [{ itemId: jacket.id, quantity: 3 }] } },
          seller,
        )
      ).sendTransfer,
      'SendTransferPayload',
    );

    const report = await fetchReport(t, seller);
    expect(report.edges.map((edge) => [edge.node.item.sku, edge.node.quantityOnHand, edge.node.inTransitQuantity])).toEqual([
      ['JACKET', -3, 3],
      ['SCARF', -2, 0],
      ['GLOVES', -1, 0],
    ]);
    expect([report.totalCount, report.totalNegativeUnits]).toEqual([3, 6]);
    const refused = await t.run(setOptionalModuleMutation, { input: { module: 'NEGATIVE_INVENTORY', enabled: false } }, token);
    expect(expectTypename(refused.setOptionalModule, 'NegativeInventoryOutstandingError').negativeItemCount).toBe(3);

    // Receive what is in transit first; then count what is on the shelf.
    const received = await t.run(receiveTransferMutation, { input: { transferId: transfer.transfer.id } }, seller);
    expect(received.receiveTransfer.__typename).toBe('ReceiveTransferPayload');
    expect(await onHand(token, jacket.id, store.id)).toBe(0);
    const afterReceiving = await fetchReport(t, seller);
    expect(afterReceiving.edges.map((edge) => edge.node.item.sku)).toEqual(['SCARF', 'GLOVES']);

    const count = await startCount(seller, store.id, 'Correction');
    await recordCount(seller, count.id, [{ itemId: scarf.id, countedQuantity: 1 }]);
    const reconciled = expectTypename(await reconcile(seller, count.id), 'ReconcileInventoryCountPayload');
    expect(reconciled.adjustments.map((adjustment) => [adjustment.item.sku, adjustment.quantityAfter]).sort()).toEqual([
      ['GLOVES', 0],
      ['SCARF', 1],
    ]);

    const empty = await fetchReport(t, seller);
    expect([empty.totalCount, empty.totalNegativeUnits, empty.edges]).toEqual([0, 0, []]);
    const disable = await t.run(setOptionalModuleMutation, { input: { module: 'NEGATIVE_INVENTORY', enabled: false } }, token);
    expect(expectTypename(disable.setOptionalModule, 'SetOptionalModulePayload').setting.enabled).toBe(false);
  });
});
