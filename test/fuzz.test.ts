import { describe, expect, it } from 'vitest';
import { createAccount, createEmployee, createItem, createShop } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';
import { expectLedgerInvariant } from './support/inventory.js';

// A few thousand random and malformed requests: wrong types, huge numbers and strings, unknown
// and foreign IDs, deep nesting, broken syntax and broken JSON. None may get a 5xx or take the
// server down, and the ledger must still add up afterwards.

const t = useTestApp();

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
    const items = [
      await createItem(t, account.adminToken),
      await createItem(t, account.adminToken),
      await createItem(t, account.adminToken),
    ];
    const foreignShop = await createShop(t, stranger.adminToken);
    const next = random(2026);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;

    const ids = [
      ...shops.map((shop) => shop.id),
      ...items.map((item) => item.id),
      foreignShop.id,
      'bm90LWEtdHlwZToxMjM=',
      'U2hvcDo5OTk5OTk5OTk5OTk5OTk5OTk5',
      '',
      '💥',
      'SXRlbTotMQ==',
    ];
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
    // Mostly well-formed inputs for the operation (so writes do happen), sometimes with a wrong
    // value in a field, an unknown field, or not an object at all.
    const maybe = <T>(value: T) => (next() < 0.85 ? value : wild());
    const inputs: Record<number, () => Record<string, unknown>> = {
      0: () => ({ shopId: maybe(pick(shops).id), lines: lines(), idempotencyKey: next() < 0.3 ? pick(['a', 'b']) : undefined }),
      1: () => ({ fromShopId: maybe(shops[0]!.id), toShopId: maybe(shops[1]!.id), lines: lines() }),
      2: () => ({ shopId: maybe(pick(shops).id), vendor: maybe('Vendor'), lines: lines() }),
      3: () => ({ shopId: maybe(pick(shops).id), lines: lines() }),
      4: () => ({ shopId: maybe(pick(shops).id), itemId: maybe(pick(items).id), quantityChange: maybe(Math.floor(next() * 11) - 5) }),
      5: () => ({ transferId: wild() }),
      6: () => ({ sku: maybe(`F-${Math.floor(next() * 1e6)}`), name: maybe('Name') }),
      7: () => ({ name: maybe(`Shop ${Math.floor(next() * 1e6)}`) }),
      8: () => ({ module: maybe('NEGATIVE_INVENTORY'), enabled: maybe(next() < 0.5) }),
      9: () => ({ email: maybe(account.adminEmail), password: wild() }),
    };
    const input = (operation: number) => {
      if (next() < 0.05) return wild();
      const value = inputs[operation]?.() ?? {};
      return next() < 0.05 ? { ...value, unexpected: wild() } : value;
    };
    const deepQuery = () =>
      `{ ${'items { edges { node { inventory { item { '.repeat(1 + Math.floor(next() * 12))}sku${' } } } } }'.repeat(1 + Math.floor(next() * 12))} }`;
    // Amplification: lists nested under a page whose size comes as a variable (or a literal), each
    // `inventory` one entry per shop; aliased, paged backwards, under report rows and mutation
    // payloads; and introspection nested the same way. Refused for cost or depth, or answered.
    const pageSizes = [0, 1, 2, 50, 500, 501, -1, 2 ** 31, null, 'x', 1.5];
    const nestedInventory = (levels: number) => `${'inventory { quantityOnHand item { sku '.repeat(levels)}name${' } }'.repeat(levels)}`;
    const amplifiedBody = (): string => {
      const levels = 1 + Math.floor(next() * 6);
      const n = pick(pageSizes);
      const shapes: (() => { query: string; variables?: Record<string, unknown> })[] = [
        () => ({ query: `query($n: Int) { items(first: $n) { edges { node { ${nestedInventory(levels)} } } } }`, variables: { n } }),
        () => ({
          query: `query($n: Int) { ${Array.from({ length: 1 + Math.floor(next() * 4) }, (_, index) => `a${index}: items(first: $n) { edges { node { ${nestedInventory(levels)} } } }`).join(' ')} }`,
          variables: { n },
        }),
        () => ({
          query: `query($n: Int) { negativeInventoryAlerts(last: $n) { edges { node { item { ${nestedInventory(levels)} } } } } }`,
          variables: { n },
        }),
        () => ({
          query: `query($n: Int) { negativeInventoryReport(first: $n) { edges { node { negativeAdjustments { item { ${nestedInventory(levels)} } } } } } }`,
          variables: { n },
        }),
        () => ({ query: `{ items(first: ${pick([1, 50, 500])}) { edges { node { ${nestedInventory(levels)} } } } shops { name } }` }),
        () => ({ query: `{ __type(name: "Item") { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } }` }),
        () => ({
          query: `mutation($input: RecordSaleInput!) { recordSale(input: $input) { __typename ... on RecordSalePayload { levels { item { ${nestedInventory(levels)} } } } } }`,
          variables: { input: inputs[0]!() },
        }),
      ];
      return JSON.stringify(pick(shapes)());
    };

    const bodies = (): string => (next() < 0.5 ? malformedBodies[0]! : pick(malformedBodies))();
    const malformedBodies: (() => string)[] = [
      () => {
        const operation = Math.floor(next() * operations.length);
        const variables =
          operation >= 10 ? { id: maybe(pick(ids)), first: maybe(10), after: wild(), search: maybe('SKU') } : { input: input(operation) };
        return JSON.stringify({ query: operations[operation], variables });
      },
      () => JSON.stringify({ query: pick(operations), variables: wild() }),
      () => JSON.stringify({ query: deepQuery() }),
      () => JSON.stringify({ query: pick(operations).slice(0, Math.floor(next() * 60)) }),
      () => JSON.stringify({ query: wild(), variables: wild(), operationName: wild() }),
      () => `{"query": "${'{'.repeat(Math.floor(next() * 50))}`,
      () => JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, index) => `a${index}: shops { id }`).join(' ')} }` }),
      amplifiedBody,
    ];

    const statuses = new Map<number, number>();
    let costRefusals = 0;
    const tokens = [account.adminToken, account.adminToken, cashier.token, undefined, 'nis_forged'];
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
        if (text.includes('COST_LIMIT_EXCEEDED')) costRefusals += 1;
        if (status >= 500) throw new Error(`a ${status}: ${text.slice(0, 500)}`);
        expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|Unexpected error/);
      }
    }
    // The run did exercise both the happy and the refusing paths.
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
    expect(costRefusals).toBeGreaterThan(10);
    const written = await t.db
      .selectFrom('inventory_adjustments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(written.n)).toBeGreaterThan(10);
    await expectLedgerInvariant(t.db);
    const alive = await t.fetch('/health');
    expect(alive.status).toBe(200);
  });
});
