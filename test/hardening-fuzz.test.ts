import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createEmployee, createItem, createShop } from './support/fixtures.js';
import { createTestApp, type TestApp } from './support/harness.js';
import { expectLedgerInvariant } from './support/inventory.js';

// A few thousand random and malformed requests: wrong types, huge numbers and strings, unknown
// and foreign IDs, deep nesting, broken syntax and broken JSON. None may get a 5xx or take the
// server down, and the ledger must still add up afterwards.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const operations = [
  'mutation($input: RecordSaleInput!) { recordSale(input: $input) { __typename ... on Error { message } } }',
  'mutation($input: SendTransferInput!) { sendTransfer(input: $input) { __typename } }',
  'mutation($input: VendorReturnInput!) { vendorReturn(input: $input) { __typename } }',
  'mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { __typename } }',
  'mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { __typename } }',
  'mutation($input: ReceiveTransferInput!) { receiveTransfer(input: $input) { __typename } }',
  'mutation($input: CreateItemInput!) { createItem(input: $input) { __typename } }',
  'mutation($input: CreateShopInput!) { createShop(input: $input) { __typename } }',
  'mutation($input: SetOptionalModuleInput!) { setOptionalModule(input: $input) { __typename } }',
  'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
  'query($id: ID!) { node(id: $id) { id __typename } }',
  'query($first: Int, $after: String, $search: String) { items(first: $first, after: $after, search: $search) { edges { cursor node { sku inventory { quantityOnHand } } } } }',
];

describe('random and malformed requests', () => {
  it('never get a 5xx, and leave the ledger consistent', async () => {
    const account = await createAccount(t);
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const stranger = await createAccount(t);
    const shops = [await createShop(t, account.adminToken), await createShop(t, account.adminToken)];
    const items = [await createItem(t, account.adminToken), await createItem(t, account.adminToken), await createItem(t, account.adminToken)];
    const foreignShop = await createShop(t, stranger.adminToken);
    const next = random(2026);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;

    const ids = [...shops.map((shop) => shop.id), ...items.map((item) => item.id), foreignShop.id, 'bm90LWEtdHlwZToxMjM=', 'U2hvcDo5OTk5OTk5OTk5OTk5OTk5OTk5', '', '💥', 'SXRlbTotMQ=='];
    const wild = (): unknown =>
      pick<() => unknown>([
        () => pick(ids),
        () => Math.floor(next() * 2_000_000) - 1_000_000,
        () => pick([0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1.5, Number.MAX_SAFE_INTEGER]),
        () => 'x'.repeat(Math.floor(next() * 3000)),
        () => pick([null, true, false, [], {}, [1, 2], { nested: { deeper: [null] } }]),
        () => pick(['NEGATIVE_INVENTORY', 'ADMIN', 'SALE', 'nope']),
      ])();
    const line = () =>
      next() < 0.7
        ? { itemId: next() < 0.8 ? pick(items).id : wild(), quantity: next() < 0.8 ? 1 + Math.floor(next() * 5) : wild() }
        : wild();
    const lines = () => (next() < 0.9 ? Array.from({ length: Math.floor(next() * 4) }, line) : wild());
    const input = () =>
      next() < 0.1
        ? wild()
        : {
            shopId: next() < 0.8 ? pick(shops).id : wild(),
            fromShopId: pick(shops).id,
            toShopId: next() < 0.7 ? pick(shops).id : wild(),
            itemId: next() < 0.8 ? pick(items).id : wild(),
            transferId: wild(),
            quantityChange: next() < 0.7 ? Math.floor(next() * 11) - 5 : wild(),
            vendor: next() < 0.8 ? 'Vendor' : wild(),
            lines: lines(),
            sku: next() < 0.5 ? `F-${Math.floor(next() * 1e6)}` : wild(),
            name: next() < 0.5 ? 'Name' : wild(),
            module: 'NEGATIVE_INVENTORY',
            enabled: next() < 0.5,
            email: next() < 0.5 ? account.adminEmail : wild(),
            password: wild(),
            idempotencyKey: next() < 0.3 ? pick(['a', 'b', 'c']) : undefined,
          };
    const deepQuery = () => `{ ${'items { edges { node { inventory { item { '.repeat(1 + Math.floor(next() * 12))}sku${' } } } } }'.repeat(1 + Math.floor(next() * 12))} }`;

    const bodies = (): string =>
      pick<() => string>([
        () => JSON.stringify({ query: pick(operations), variables: { input: input(), id: wild(), first: wild(), after: wild(), search: wild() } }),
        () => JSON.stringify({ query: pick(operations), variables: wild() }),
        () => JSON.stringify({ query: deepQuery() }),
        () => JSON.stringify({ query: pick(operations).slice(0, Math.floor(next() * 60)) }),
        () => JSON.stringify({ query: wild(), variables: wild(), operationName: wild() }),
        () => `{"query": "${'{'.repeat(Math.floor(next() * 50))}`,
        () => JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, index) => `a${index}: shops { id }`).join(' ')} }` }),
      ])();

    const statuses = new Map<number, number>();
    const tokens = [account.adminToken, cashier.token, undefined, 'nis_forged'];
    for (let batch = 0; batch < 100; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const token = pick(tokens);
          const response = await t.fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: bodies(),
          });
          const text = await response.text();
          return { status: response.status, text };
        }),
      );
      for (const { status, text } of responses) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) throw new Error(`a ${status}: ${text.slice(0, 500)}`);
        expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
      }
    }
    // The run did exercise both the happy and the refusing paths.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
    const written = await t.db.selectFrom('inventory_adjustments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(written.n)).toBeGreaterThan(10);
    await expectLedgerInvariant(t.db);
    const alive = await t.fetch('/health');
    expect(alive.status).toBe(200);
  });
});
