import { describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { createAccount, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';
import { receiveStockMutation, recordSaleMutation, sendTransferMutation, vendorReturnMutation } from './support/inventory.js';

// Many multi-line writes over the same few items at once, their lines in shuffled orders. On
// PostgreSQL (a pool of 20 connections) this is where lost updates and deadlocks would show; on
// PGlite the same run proves the dialect queues transactions without interleaving them.

const t = useTestApp({ poolSize: 20, ledgerInvariant: true });

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function shuffled<T>(values: readonly T[], next: () => number): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

async function setUp(account: TestAccount, itemCount: number, shopCount: number, stock: number) {
  const shops = [];
  for (let index = 0; index < shopCount; index++) shops.push(await createShop(t, account.adminToken));
  const items = [];
  for (let index = 0; index < itemCount; index++) items.push(await createItem(t, account.adminToken));
  for (const shop of shops) {
    await t.run(
      receiveStockMutation,
      { input: { shopId: shop.id, lines: items.map((item) => ({ itemId: item.id, quantity: stock })) } },
      account.adminToken,
    );
  }
  return { shops, items };
}

async function quantities(accountId: string) {
  const rows = await t.db
    .selectFrom('inventory_levels')
    .select(['item_id', 'shop_id', 'quantity_on_hand'])
    .where('account_id', '=', decodeId(accountId, 'Account')!)
    .execute();
  return new Map(rows.map((row) => [`${row.item_id}:${row.shop_id}`, row.quantity_on_hand]));
}

const key = (itemId: string, shopId: string) => `${decodeId(itemId, 'Item')}:${decodeId(shopId, 'Shop')}`;

describe('concurrent writers over the same items', () => {
  it('with negative inventory on: no deadlock, no lost update, every quantity exact', async () => {
    const account = await createAccount(t);
    const { shops, items } = await setUp(account, 4, 3, 5);
    const next = random(7);
    const expected = new Map<string, number>();
    for (const shop of shops) for (const item of items) expected.set(key(item.id, shop.id), 5);
    const add = (itemId: string, shopId: string, change: number) =>
      expected.set(key(itemId, shopId), expected.get(key(itemId, shopId))! + change);

    const operations = Array.from({ length: 120 }, (_, index) => {
      const lines = shuffled(items, next)
        .slice(0, 1 + Math.floor(next() * items.length))
        .map((item) => ({ itemId: item.id, quantity: 1 + Math.floor(next() * 3) }));
      const [shop, other] = shuffled(shops, next) as [(typeof shops)[0], (typeof shops)[0]];
      switch (index % 4) {
        case 0:
        case 1:
          for (const line of lines) add(line.itemId, shop.id, -line.quantity);
          return t.run(recordSaleMutation, { input: { shopId: shop.id, lines } }, account.adminToken).then((r) => r.recordSale.__typename);
        case 2:
          for (const line of lines) add(line.itemId, shop.id, -line.quantity);
          return t
            .run(sendTransferMutation, { input: { fromShopId: shop.id, toShopId: other.id, lines } }, account.adminToken)
            .then((r) => r.sendTransfer.__typename);
        default:
          for (const line of lines) add(line.itemId, shop.id, -line.quantity);
          return t
            .run(vendorReturnMutation, { input: { shopId: shop.id, vendor: 'Vendor', lines } }, account.adminToken)
            .then((r) => r.vendorReturn.__typename);
      }
    });
    const outcomes = await Promise.all(operations);
    expect(outcomes.filter((typename) => !typename.endsWith('Payload'))).toEqual([]);
    expect(Object.fromEntries(await quantities(account.accountId))).toEqual(Object.fromEntries(expected));
  });

  it('with negative inventory off: never below zero, and every refused sale wrote nothing', async () => {
    const account = await createAccount(t, { legacy: true });
    const { shops, items } = await setUp(account, 3, 2, 20);
    const next = random(11);
    const sales = Array.from({ length: 100 }, () => {
      const shop = shops[Math.floor(next() * shops.length)]!;
      const lines = shuffled(items, next)
        .slice(0, 1 + Math.floor(next() * items.length))
        .map((item) => ({ itemId: item.id, quantity: 1 + Math.floor(next() * 2) }));
      return { shop, lines };
    });
    const outcomes = await Promise.all(
      sales.map(({ shop, lines }) =>
        t.run(recordSaleMutation, { input: { shopId: shop.id, lines } }, account.adminToken).then((r) => r.recordSale.__typename),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(['RecordSalePayload', 'InsufficientInventoryError']));

    const expected = new Map<string, number>();
    for (const shop of shops) for (const item of items) expected.set(key(item.id, shop.id), 20);
    sales.forEach(({ shop, lines }, index) => {
      if (outcomes[index] !== 'RecordSalePayload') return;
      for (const line of lines) expected.set(key(line.itemId, shop.id), expected.get(key(line.itemId, shop.id))! - line.quantity);
    });
    const actual = await quantities(account.accountId);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect([...actual.values()].every((quantity) => quantity >= 0)).toBe(true);
    const saleCount = await t.db
      .selectFrom('sales')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', decodeId(account.accountId, 'Account')!)
      .executeTakeFirstOrThrow();
    expect(Number(saleCount.n)).toBe(outcomes.filter((typename) => typename === 'RecordSalePayload').length);
  });
});
