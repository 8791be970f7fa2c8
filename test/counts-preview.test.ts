import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createAccount, createItem, createShop } from './support/fixtures.js';
import { expectTypename, useTestApp } from './support/harness.js';
import { receiveTransferMutation, sendTransferMutation } from './support/inventory.js';
import { receive, reconcileCountMutation, recordCountMutation, sell, startCountMutation } from './support/reports.js';

// InventoryCount.preview: what reconcileInventoryCount would change now, item by item, with the
// units in transit to the count's shop. It shares reconciling's decision, so each test compares
// the preview with the adjustments reconciling then writes.

const t = useTestApp({ ledgerInvariant: true });

const previewQuery = graphql(`
  query CountPreview($id: ID!, $zeroUncountedNegatives: Boolean) {
    node(id: $id) {
      ... on InventoryCount {
        status
        preview(zeroUncountedNegatives: $zeroUncountedNegatives) {
          item {
            id
            sku
          }
          quantityOnHand
          countedQuantity
          quantityChange
          inTransitQuantity
        }
      }
    }
  }
`);

const previewDefaultQuery = graphql(`
  query CountPreviewDefault($id: ID!) {
    node(id: $id) {
      ... on InventoryCount {
        preview {
          item {
            sku
          }
          countedQuantity
          quantityChange
        }
      }
    }
  }
`);

async function preview(token: string, countId: string, zeroUncountedNegatives?: boolean) {
  const result = await t.run(
    previewQuery,
    { id: countId, ...(zeroUncountedNegatives === undefined ? {} : { zeroUncountedNegatives }) },
    token,
  );
  if (!result.node || !('preview' in result.node)) throw new Error('not a count');
  return result.node.preview;
}

async function sendTransfer(token: string, fromShopId: string, toShopId: string, lines: { itemId: string; quantity: number }[]) {
  return expectTypename(
    (await t.run(sendTransferMutation, { input: { fromShopId, toShopId, lines } }, token)).sendTransfer,
    'SendTransferPayload',
  ).transfer;
}

/**
 * A shop with items in every case a count meets, their SKUs in the reverse of their creation
 * (and so of their IDs' order): counted above, below and at the quantity on hand, counted with
 * nothing ever recorded, uncounted below zero, and uncounted at zero or more; with transfers to
 * the shop in transit, one to the shop received already, and one in transit to another shop.
 */
async function countedShop() {
  const account = await createAccount(t);
  const token = account.adminToken;
  const [shop, other] = [await createShop(t, token, 'Store'), await createShop(t, token, 'Warehouse')];
  const [uncountedPositive, uncountedNegative, counted0, equal, belowZero, above] = [
    await createItem(t, token, 'P-6'),
    await createItem(t, token, 'P-5'),
    await createItem(t, token, 'P-4'),
    await createItem(t, token, 'P-3'),
    await createItem(t, token, 'P-2'),
    await createItem(t, token, 'P-1'),
  ];
  await receive(t, token, shop.id, [
    { itemId: above.id, quantity: 5 },
    { itemId: equal.id, quantity: 2 },
    { itemId: uncountedPositive.id, quantity: 1 },
  ]);
  await receive(t, token, other.id, [
    { itemId: belowZero.id, quantity: 10 },
    { itemId: uncountedNegative.id, quantity: 10 },
  ]);
  await sell(t, token, shop.id, [
    { itemId: belowZero.id, quantity: 3 },
    { itemId: uncountedNegative.id, quantity: 2 },
  ]);
  // In transit to the shop: 2 + 1 of belowZero, 4 of uncountedNegative. Not counted: a transfer
  // already received at the shop, and one on its way from the shop to the warehouse.
  await sendTransfer(token, other.id, shop.id, [
    { itemId: belowZero.id, quantity: 2 },
    { itemId: uncountedNegative.id, quantity: 4 },
  ]);
  await sendTransfer(token, other.id, shop.id, [{ itemId: belowZero.id, quantity: 1 }]);
  const received = await sendTransfer(token, other.id, shop.id, [{ itemId: above.id, quantity: 1 }]);
  expect((await t.run(receiveTransferMutation, { input: { transferId: received.id } }, token)).receiveTransfer.__typename).toBe(
    'ReceiveTransferPayload',
  );
  await sendTransfer(token, shop.id, other.id, [{ itemId: above.id, quantity: 1 }]);

  const count = expectTypename(
    (await t.run(startCountMutation, { input: { shopId: shop.id, name: 'Preview' } }, token)).startInventoryCount,
    'StartInventoryCountPayload',
  ).count;
  const lines = [
    { itemId: above.id, countedQuantity: 2 },
    { itemId: belowZero.id, countedQuantity: 1 },
    { itemId: equal.id, countedQuantity: 2 },
    { itemId: counted0.id, countedQuantity: 4 },
  ];
  expect((await t.run(recordCountMutation, { input: { countId: count.id, lines } }, token)).recordInventoryCount.__typename).toBe(
    'RecordInventoryCountPayload',
  );
  return { token, shop, count, items: { uncountedPositive, uncountedNegative, counted0, equal, belowZero, above } };
}

/** Reconciles and answers its adjustments as preview rows would show them, in SKU order. */
async function reconcileAsRows(token: string, countId: string, zeroUncountedNegatives: boolean) {
  const result = expectTypename(
    (await t.run(reconcileCountMutation, { input: { countId, zeroUncountedNegatives } }, token)).reconcileInventoryCount,
    'ReconcileInventoryCountPayload',
  );
  return result.adjustments
    .map((adjustment) => ({
      item: adjustment.item,
      quantityOnHand: adjustment.quantityBefore,
      quantityChange: adjustment.quantityChange,
      uncounted: adjustment.note !== null,
    }))
    .sort((a, b) => (a.item.sku < b.item.sku ? -1 : 1));
}

const asAdjustments = (rows: Awaited<ReturnType<typeof preview>>) =>
  rows.map((row) => ({
    item: row.item,
    quantityOnHand: row.quantityOnHand,
    quantityChange: row.quantityChange,
    uncounted: row.countedQuantity === null,
  }));

describe('InventoryCount.preview', () => {
  it('lists what reconciling changes, uncounted negatives set to zero included, in SKU order: what reconciling then does', async () => {
    const { token, count, items } = await countedShop();
    const rows = await preview(token, count.id);
    expect(rows.map((row) => [row.item.id, row.quantityOnHand, row.countedQuantity, row.quantityChange, row.inTransitQuantity])).toEqual([
      [items.above.id, 5, 2, -3, 0],
      [items.belowZero.id, -3, 1, 4, 3],
      [items.counted0.id, 0, 4, 4, 0],
      [items.uncountedNegative.id, -2, null, 2, 4],
    ]);
    expect(rows.map((row) => row.item.sku)).toEqual(['P-1', 'P-2', 'P-4', 'P-5']);
    // The argument's default is reconciling's: zero the uncounted negatives.
    const byDefault = await t.run(previewDefaultQuery, { id: count.id }, token);
    expect(byDefault.node && 'preview' in byDefault.node && byDefault.node.preview.map((row) => row.item.sku)).toEqual([
      'P-1',
      'P-2',
      'P-4',
      'P-5',
    ]);

    expect(await reconcileAsRows(token, count.id, true)).toEqual(asAdjustments(rows));
    expect(await preview(token, count.id)).toEqual([]);
  });

  it('leaves uncounted negatives out with zeroUncountedNegatives false, as reconciling does', async () => {
    const { token, count, items } = await countedShop();
    const rows = await preview(token, count.id, false);
    expect(rows.map((row) => row.item.id)).toEqual([items.above.id, items.belowZero.id, items.counted0.id]);
    expect(rows.every((row) => row.countedQuantity !== null)).toBe(true);
    // Previewing writes nothing: a second look, and the other setting, answer from the same state.
    expect(await preview(token, count.id, false)).toEqual(rows);
    expect((await preview(token, count.id, true)).map((row) => row.item.id)).toEqual([
      ...rows.map((row) => row.item.id),
      items.uncountedNegative.id,
    ]);

    expect(await reconcileAsRows(token, count.id, false)).toEqual(asAdjustments(rows));
    expect(await preview(token, count.id, false)).toEqual([]);
    expect(await preview(token, count.id, true)).toEqual([]);
  });

  it('follows the quantities on hand as they change before reconciling', async () => {
    const { token, shop, count, items } = await countedShop();
    await sell(t, token, shop.id, [{ itemId: items.above.id, quantity: 1 }]);
    await receive(t, token, shop.id, [{ itemId: items.uncountedNegative.id, quantity: 2 }]);
    const rows = await preview(token, count.id);
    expect(rows.map((row) => [row.item.sku, row.quantityOnHand, row.quantityChange])).toEqual([
      ['P-1', 4, -2],
      ['P-2', -3, 4],
      ['P-4', 0, 4],
    ]);
    expect(await reconcileAsRows(token, count.id, true)).toEqual(asAdjustments(rows));
  });
});
