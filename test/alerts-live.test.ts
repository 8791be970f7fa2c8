import { describe, expect, it } from 'vitest';
import { applyMovements } from '../src/inventory/ledger.service.js';
import { decodeId } from '../src/node/global-id.js';
import {
  alertCursors,
  alertsSubscription,
  connectWs,
  openSse,
  raiseAlerts,
  sseEvents,
  storedAlertCursors,
  subscribeSse,
  subscribeWs,
  waitForSubscribers,
  type StreamResult,
} from './support/alerts.js';
import { createAccount, createApiKey, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { operatorToken, useTestApp } from './support/harness.js';
import { recordSaleMutation } from './support/inventory.js';
import { useLiveClients } from './support/live-connections.js';

// The live alert stream against a real server on a free port: graphql-ws and SSE clients.

const t = useTestApp({ poolSize: 20, listen: true });
const { ws, track } = useLiveClients(t);

type AlertResult = StreamResult<{ negativeInventoryAlerts: { cursor: string } }>;

async function accountWithShop(itemCount: number, options: { legacy?: boolean } = {}) {
  const account = await createAccount(t, options);
  const shop = await createShop(t, account.adminToken);
  const items = [];
  for (let index = 0; index < itemCount; index++) items.push(await createItem(t, account.adminToken));
  return { account, shop, items, itemIds: items.map((item) => item.id) };
}

/** The codes of the GraphQL errors a stream carried (a subscribe that fails sends one result with errors, then completes). */
function errorCodesOf(results: StreamResult<unknown>[]): unknown[] {
  return results.flatMap((result) => result.errors ?? []).map((error) => error.extensions?.['code']);
}

describe('delivery', () => {
  it('pushes each committed alert within a second, to the token account only, and to the shop asked for', async () => {
    const a = await accountWithShop(2);
    const otherShop = await createShop(t, a.account.adminToken);
    const b = await accountWithShop(1);

    const wsAll = track(subscribeWs(ws(a.account.adminToken), alertsSubscription, {}));
    const wsShop = track(subscribeWs(ws(a.account.adminToken), alertsSubscription, { shopId: a.shop.id }));
    const sseAll = track(subscribeSse(t.url, alertsSubscription, {}, a.account.adminToken));
    const sseOtherShop = track(subscribeSse(t.url, alertsSubscription, { shopId: otherShop.id }, a.account.adminToken));
    const wsB = track(subscribeWs(ws(b.account.adminToken), alertsSubscription, {}));
    await waitForSubscribers(t, 5);

    const startedAt = performance.now();
    const first = await raiseAlerts(t, a.account.adminToken, a.shop.id, a.itemIds);
    await wsAll.waitForResults(2, 1_000);
    await sseAll.waitForResults(2, 1_000);
    await wsShop.waitForResults(2, 1_000);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    // What arrives is what the sale returned, field for field.
    expect(wsAll.results.map((result) => result.data?.negativeInventoryAlerts)).toEqual(first);
    expect(sseAll.results.map((result) => result.data?.negativeInventoryAlerts)).toEqual(first);

    const inOtherShop = await raiseAlerts(t, a.account.adminToken, otherShop.id, [a.itemIds[0]!]);
    const inB = await raiseAlerts(t, b.account.adminToken, b.shop.id, b.itemIds);
    // A last alert in the first shop: every stream that was to get it has had everything before it.
    const last = await raiseAlerts(t, a.account.adminToken, a.shop.id, [a.itemIds[1]!]);
    await wsAll.waitForResults(4);
    await sseAll.waitForResults(4);
    await wsShop.waitForResults(3);
    await sseOtherShop.waitForResults(1);
    await wsB.waitForResults(1);

    const cursors = (alerts: { cursor: string }[]) => alerts.map((alert) => alert.cursor);
    expect(alertCursors(wsAll.results as AlertResult[])).toEqual(cursors([...first, ...inOtherShop, ...last]));
    expect(alertCursors(sseAll.results as AlertResult[])).toEqual(cursors([...first, ...inOtherShop, ...last]));
    expect(alertCursors(wsShop.results as AlertResult[])).toEqual(cursors([...first, ...last]));
    expect(alertCursors(sseOtherShop.results as AlertResult[])).toEqual(cursors(inOtherShop));
    expect(alertCursors(wsB.results as AlertResult[])).toEqual(cursors(inB));
  });

  it('sends nothing for a write that was refused or rolled back', async () => {
    // A legacy account, negative inventory off: a sale below zero is refused.
    const legacy = await accountWithShop(1, { legacy: true });
    const stream = track(subscribeWs(ws(legacy.account.adminToken), alertsSubscription, {}));
    await waitForSubscribers(t, 1);
    const refused = await t.run(
      recordSaleMutation,
      { input: { shopId: legacy.shop.id, lines: [{ itemId: legacy.itemIds[0]!, quantity: 2 }] } },
      legacy.account.adminToken,
    );
    expect(refused.recordSale.__typename).toBe('InsufficientInventoryError');

    // A write that inserted its alert and issued NOTIFY, then failed: the transaction rolls back.
    const ids = {
      accountId: decodeId(legacy.account.accountId, 'Account')!,
      itemId: decodeId(legacy.itemIds[0]!, 'Item')!,
      shopId: decodeId(legacy.shop.id, 'Shop')!,
    };
    const move = (quantityChange: number) => ({
      accountId: ids.accountId,
      employeeId: null,
      reason: 'MANUAL' as const,
      source: null,
      movements: [{ itemId: ids.itemId, shopId: ids.shopId, quantityChange }],
      allowNegative: true,
    });
    await expect(
      t.db.transaction().execute(async (trx) => {
        const { alertIds } = await applyMovements(trx, move(-2));
        expect(alertIds).toHaveLength(1);
        throw new Error('fails after writing');
      }),
    ).rejects.toThrow('fails after writing');

    // Then one that commits: the only alert the stream gets.
    await t.db.transaction().execute((trx) => applyMovements(trx, move(-3)));
    const [only] = await stream.waitForResults(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.results).toHaveLength(1);
    expect(only!.data?.negativeInventoryAlerts).toMatchObject({ quantityBefore: 0, quantityAfter: -3, reason: 'MANUAL' });
  });
});

describe('authentication and arguments', () => {
  it('lets employees and partner API keys subscribe; closes graphql-ws connections without a valid account token with 4403', async () => {
    const { account, shop, itemIds } = await accountWithShop(1);
    const { token: apiKeyToken } = await createApiKey(t, account.adminToken);
    const viaApiKey = track(subscribeWs(ws(apiKeyToken), alertsSubscription, {}));
    const viaApiKeySse = track(subscribeSse(t.url, alertsSubscription, {}, apiKeyToken));
    await waitForSubscribers(t, 2);
    const [alert] = await raiseAlerts(t, account.adminToken, shop.id, itemIds);
    expect((await viaApiKey.waitForResults(1))[0]?.data?.negativeInventoryAlerts).toEqual(alert);
    expect((await viaApiKeySse.waitForResults(1))[0]?.data?.negativeInventoryAlerts).toEqual(alert);

    for (const token of [null, 'not-a-token', 'ses_0123456789abcdefghijklmnopqrstuv', operatorToken]) {
      const refused = track(subscribeWs(ws(token), alertsSubscription, {}));
      const end = await refused.ended;
      expect(end.kind).toBe('error');
      expect((end as { error: { code: number } }).error.code).toBe(4403);
    }
  });

  it('answers SSE without a valid account token with UNAUTHENTICATED or FORBIDDEN', async () => {
    const noToken = track(subscribeSse(t.url, alertsSubscription, {}, null));
    expect(await noToken.ended).toEqual({ kind: 'complete' });
    expect(errorCodesOf(noToken.results)).toEqual(['UNAUTHENTICATED']);
    const operator = track(subscribeSse(t.url, alertsSubscription, {}, operatorToken));
    expect(await operator.ended).toEqual({ kind: 'complete' });
    expect(errorCodesOf(operator.results)).toEqual(['FORBIDDEN']);
  });

  it('refuses a shopId or an after that is not of the account with BAD_USER_INPUT', async () => {
    const mine = await accountWithShop(1);
    const theirs = await accountWithShop(2);
    // Cursors are the account's own ledger numbers: their second alert names none of mine.
    const [, theirAlert] = await raiseAlerts(t, theirs.account.adminToken, theirs.shop.id, theirs.itemIds);
    const [myAlert] = await raiseAlerts(t, mine.account.adminToken, mine.shop.id, mine.itemIds);
    const neverIssued = Buffer.from(JSON.stringify(['999999999'])).toString('base64url');

    const badArguments = [
      { after: 'not a cursor' },
      { after: theirAlert!.cursor },
      { after: neverIssued },
      { shopId: 'not an id' },
      { shopId: theirs.shop.id },
      { shopId: mine.itemIds[0]! },
    ];
    for (const variables of badArguments) {
      for (const stream of [
        track(subscribeWs(ws(mine.account.adminToken), alertsSubscription, variables)),
        track(subscribeSse(t.url, alertsSubscription, variables, mine.account.adminToken)),
      ]) {
        expect(await stream.ended).toEqual({ kind: 'complete' });
        expect(errorCodesOf(stream.results), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
      }
    }

    // The account's own cursor and shop are fine.
    const fine = track(subscribeWs(ws(mine.account.adminToken), alertsSubscription, { shopId: mine.shop.id, after: myAlert!.cursor }));
    await waitForSubscribers(t, 1);
    const [next] = await raiseAlerts(t, mine.account.adminToken, mine.shop.id, mine.itemIds);
    expect((await fine.waitForResults(1))[0]?.data?.negativeInventoryAlerts).toEqual(next);
  });
});

describe('resuming with after', () => {
  it('misses none and repeats none across reconnects while writers run (2,000 alerts)', async () => {
    // Each writer sells its own items from 0 to -1 and receives them back: every round raises
    // exactly itemsPerWriter alerts, so the total is known.
    const writerCount = 4;
    const itemsPerWriter = 20;
    const rounds = 25;
    const total = writerCount * itemsPerWriter * rounds;
    const { account, shop, itemIds } = await accountWithShop(writerCount * itemsPerWriter);
    const token = account.adminToken;
    const [start] = await raiseAlerts(t, token, shop.id, [itemIds[0]!]);

    // One stream that never disconnects...
    const steady = track(subscribeWs(ws(token), alertsSubscription, { after: start!.cursor }));
    // ...and writers, each on its own items, so their transactions run side by side.
    const writers = Array.from({ length: writerCount }, async (_, writer) => {
      const mine = itemIds.slice(writer * itemsPerWriter, (writer + 1) * itemsPerWriter);
      for (let round = 0; round < rounds; round++) await raiseAlerts(t, token, shop.id, mine);
    });
    const allWritten = Promise.all(writers);

    // A client that keeps dropping its stream after a while and resuming from the last cursor it
    // got, alternating graphql-ws and SSE: many switches from backlog to live while writes go on.
    const received: string[] = [];
    let after = start!.cursor;
    for (let attempt = 0; received.length < total; attempt++) {
      const stream =
        attempt % 2 === 0
          ? track(subscribeWs(ws(token), alertsSubscription, { after }))
          : track(subscribeSse(t.url, alertsSubscription, { after }, token));
      await stream.waitForResults(Math.min(50 + ((attempt * 137) % 400), total - received.length), 30_000);
      // Whatever came in by now counts, even past what was asked for.
      const got = alertCursors(stream.results.slice() as AlertResult[]);
      stream.close();
      received.push(...got);
      after = got.at(-1)!;
    }
    await allWritten;

    const expected = await storedAlertCursors(t.db, account.accountId, start);
    expect(expected).toHaveLength(total);
    expect(received).toEqual(expected);
    await steady.waitForResults(expected.length);
    expect(alertCursors(steady.results as AlertResult[])).toEqual(expected);
  });
});

describe('a slow subscriber', () => {
  const small = useTestApp({ env: { SUBSCRIPTION_BUFFER_SIZE: '25' }, listen: true });

  it('is ended with SUBSCRIBER_TOO_SLOW when its buffer overflows, without holding up the others, and resumes with after', async () => {
    const account: TestAccount = await createAccount(small);
    const shop = await createShop(small, account.adminToken);
    const itemIds: string[] = [];
    for (let index = 0; index < 20; index++) itemIds.push((await createItem(small, account.adminToken)).id);

    // The slow one: SSE through yoga in-process, whose body the test reads only at the end. Its
    // stream stops taking alerts once the response's own buffer (16 KB, some 40 alerts) is full.
    const fetchInProcess = (path: string, init: RequestInit) => small.fetch(path, init);
    const slow = await openSse(fetchInProcess, '/graphql', alertsSubscription, {}, account.adminToken);
    const reader = slow.body!.getReader();
    await reader.read(); // yoga's first ping: the stream starts pulling
    const fast = subscribeWs(connectWs(small.url, account.adminToken), alertsSubscription, {});
    await waitForSubscribers(small, 2);

    // The fast one gets each round (20 alerts at once: within its buffer) while the slow one
    // falls behind.
    const raised: string[] = [];
    for (let round = 0; round < 8; round++) {
      raised.push(...(await raiseAlerts(small, account.adminToken, shop.id, itemIds)).map((alert) => alert.cursor));
      await fast.waitForResults(raised.length, 1_000);
    }
    expect(alertCursors(fast.results as AlertResult[])).toEqual(raised);

    // Reads a body's events from where the reader stands, up to `count` results or the end.
    const readResults = async (bodyReader: ReadableStreamDefaultReader<Uint8Array>, count = Infinity) => {
      const results: AlertResult[] = [];
      const rest = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await bodyReader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
      });
      for await (const { event, data } of sseEvents(rest)) {
        if (event === 'next') results.push(JSON.parse(data) as AlertResult);
        if (event === 'complete' || results.length >= count) break;
      }
      return results;
    };
    const slowResults = await readResults(reader);
    const tooSlow = slowResults.pop()!;
    expect(tooSlow.errors?.[0]?.extensions?.['code']).toBe('SUBSCRIBER_TOO_SLOW');
    expect(tooSlow.errors?.[0]?.message).toMatch(/after/);
    const delivered = alertCursors(slowResults);
    // Everything up to the overflow, in order; then the error says where to resume.
    expect(delivered.length).toBeGreaterThanOrEqual(25);
    expect(delivered.length).toBeLessThan(raised.length);
    expect(delivered).toEqual(raised.slice(0, delivered.length));
    expect(tooSlow.errors?.[0]?.extensions?.['after']).toBe(delivered.at(-1));

    // Resuming is catching up, on a backlog bigger than the buffer and for a consumer just as
    // slow: that path waits for its consumer instead of giving up.
    expect(raised.length - delivered.length).toBeGreaterThan(25);
    const resumed = await openSse(fetchInProcess, '/graphql', alertsSubscription, { after: delivered.at(-1)! }, account.adminToken);
    const resumedReader = resumed.body!.getReader();
    await resumedReader.read();
    await waitForSubscribers(small, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const caughtUp = await readResults(resumedReader, raised.length - delivered.length);
    expect([...delivered, ...alertCursors(caughtUp)]).toEqual(raised);
    await resumedReader.cancel();
    fast.close();
  });
});
