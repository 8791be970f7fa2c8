import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import {
  alertCursors,
  alertsSubscription,
  raiseAlerts,
  subscribeSse,
  subscribeWs,
  waitForSubscribers,
  type StreamResult,
} from './support/alerts.js';
import { createAccount, createApiKey, createEmployee, createItem, createShop } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';
import { recordSaleMutation } from './support/inventory.js';
import { rawSocket, useLiveClients } from './support/live-connections.js';

// Execute once, send to many (src/realtime/shared-subscriptions.ts): subscribers whose operations
// give the same result for an alert share one execution and one serialization of it, on graphql-ws
// and SSE alike, and subscribers that could see different results never share one.

type AlertResult = StreamResult<{ negativeInventoryAlerts: { cursor: string } }>;

const t = useTestApp({ listen: true });
const live = useLiveClients(t);

/** An alert with who made the adjustment: employees' e-mail addresses are for admins and managers only. */
const alertsWithEmployee = graphql(`
  subscription AlertsWithEmployee($shopId: ID) {
    negativeInventoryAlerts(shopId: $shopId) {
      cursor
      shop {
        id
      }
      adjustment {
        employee {
          email
        }
      }
    }
  }
`);

type EmployeeAlertResult = StreamResult<{
  negativeInventoryAlerts: { cursor: string; shop: { id: string }; adjustment: { employee: { email: string } | null } | null };
}>;

async function shopWithItems(token: string, count: number) {
  const shop = await createShop(t, token);
  const itemIds: string[] = [];
  for (let index = 0; index < count; index++) itemIds.push((await createItem(t, token)).id);
  return { shop, itemIds };
}

describe('subscribers with the same operation, variables and caller', () => {
  it('share one execution of each alert, on graphql-ws and SSE alike, and each gets every alert', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const { shop, itemIds } = await shopWithItems(token, 3);

    // Twelve graphql-ws subscriptions on three sockets, and three SSE streams.
    const sockets = [live.ws(token), live.ws(token), live.ws(token)];
    const streams = [
      ...sockets.flatMap((socket) => Array.from({ length: 4 }, () => live.track(subscribeWs(socket, alertsSubscription, {})))),
      ...Array.from({ length: 3 }, () => live.track(subscribeSse(t.url, alertsSubscription, {}, token))),
    ];
    await waitForSubscribers(t, streams.length);

    const before = t.app.subscriptionResults.executions;
    const alerts = await raiseAlerts(t, token, shop.id, itemIds);
    expect(alerts).toHaveLength(3);
    for (const stream of streams) {
      expect(alertCursors((await stream.waitForResults(3)) as AlertResult[])).toEqual(alerts.map((alert) => alert.cursor));
    }
    // One execution per alert, for fifteen subscribers.
    expect(t.app.subscriptionResults.executions - before).toBe(3);
    // And they all got the same result.
    const [first, ...others] = streams.map((stream) => JSON.stringify(stream.results));
    for (const other of others) expect(other).toBe(first);
  });

  it('are sent the shared JSON inside a graphql-transport-ws next message carrying their own id', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const { shop, itemIds } = await shopWithItems(token, 1);
    const viaClient = live.track(subscribeWs(live.ws(token), alertsSubscription, {}));

    const { socket, opened } = rawSocket(t.url);
    await opened;
    const messages: string[] = [];
    socket.on('message', (data) => messages.push(String(data)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await expect.poll(() => messages.length).toBe(1);
    expect(JSON.parse(messages[0]!)).toEqual({ type: 'connection_ack' });
    const document = print(alertsSubscription);
    expect(document).toContain('subscription AlertsLive');
    socket.send(JSON.stringify({ id: 'raw "quoted" id', type: 'subscribe', payload: { query: document, variables: {} } }));
    await waitForSubscribers(t, 2);

    await raiseAlerts(t, token, shop.id, itemIds);
    const [result] = await viaClient.waitForResults(1);
    await expect.poll(() => messages.length).toBe(2);
    // Exactly the message graphql-ws itself would send: its id, then the result as JSON.
    expect(messages[1]).toBe(JSON.stringify({ id: 'raw "quoted" id', type: 'next', payload: result }));
    socket.close();
  });
});

describe('subscribers that could see different results', () => {
  it('never share one: other roles, API keys, another shopId or another account each get their own', async () => {
    const account = await createAccount(t);
    const admin = account.adminToken;
    const cashier = (await createEmployee(t, admin, 'CASHIER')).token;
    const partner = (await createApiKey(t, admin)).token;
    const other = await createAccount(t);
    const shopA = await shopWithItems(admin, 1);
    const shopB = await shopWithItems(admin, 1);
    const otherShop = await shopWithItems(other.adminToken, 1);

    const subscribe = (token: string, shopId?: string) =>
      live.track(subscribeWs(live.ws(token), alertsWithEmployee, shopId ? { shopId } : {}));
    const adminAll = subscribe(admin);
    const adminAllToo = subscribe(admin);
    const adminA = subscribe(admin, shopA.shop.id);
    const adminB = subscribe(admin, shopB.shop.id);
    const cashierAll = subscribe(cashier);
    const partnerAll = subscribe(partner);
    const otherAll = subscribe(other.adminToken);
    await waitForSubscribers(t, 7);

    const before = t.app.subscriptionResults.executions;
    const [inA] = await raiseAlerts(t, admin, shopA.shop.id, shopA.itemIds);
    const [inB] = await raiseAlerts(t, admin, shopB.shop.id, shopB.itemIds);
    const [inOther] = await raiseAlerts(t, other.adminToken, otherShop.shop.id, otherShop.itemIds);

    const cursorsOf = async (stream: ReturnType<typeof subscribe>, count: number) =>
      ((await stream.waitForResults(count)) as EmployeeAlertResult[]).map((result) => result.data?.negativeInventoryAlerts.cursor);
    expect(await cursorsOf(adminAll, 2)).toEqual([inA!.cursor, inB!.cursor]);
    expect(await cursorsOf(adminAllToo, 2)).toEqual([inA!.cursor, inB!.cursor]);
    expect(await cursorsOf(adminA, 1)).toEqual([inA!.cursor]);
    expect(await cursorsOf(adminB, 1)).toEqual([inB!.cursor]);
    expect(await cursorsOf(cashierAll, 2)).toEqual([inA!.cursor, inB!.cursor]);
    expect(await cursorsOf(partnerAll, 2)).toEqual([inA!.cursor, inB!.cursor]);
    expect(await cursorsOf(otherAll, 1)).toEqual([inOther!.cursor]);

    // The admin sees who sold; the cashier and the partner are refused that field, whoever else
    // subscribed with the same document.
    const email = (result: StreamResult<unknown>) =>
      (result as EmployeeAlertResult).data?.negativeInventoryAlerts.adjustment?.employee?.email ?? null;
    const code = (result: StreamResult<unknown>) => result.errors?.[0]?.extensions?.['code'] ?? null;
    expect(adminAll.results.map(email)).toEqual([account.adminEmail, account.adminEmail]);
    for (const refused of [cashierAll, partnerAll]) {
      expect(refused.results.map(email)).toEqual([null, null]);
      expect(refused.results.map(code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
    // No stream got another account's alert.
    expect(otherAll.results.map(email)).toEqual([other.adminEmail]);
    // Executions: alert A for admin (all), admin (A), cashier, partner; alert B likewise with
    // admin (B); the other account's once. The two admins without a shop shared theirs.
    await adminAllToo.waitForResults(2);
    expect(t.app.subscriptionResults.executions - before).toBe(4 + 4 + 1);
  });

  it("never share one between two cashiers: each sees their own e-mail address and not the other's", async () => {
    const account = await createAccount(t);
    const admin = account.adminToken;
    const seller = await createEmployee(t, admin, 'CASHIER');
    const colleague = await createEmployee(t, admin, 'CASHIER');
    const { shop, itemIds } = await shopWithItems(admin, 1);
    const bySeller = live.track(subscribeWs(live.ws(seller.token), alertsWithEmployee, {}));
    const byColleague = live.track(subscribeWs(live.ws(colleague.token), alertsWithEmployee, {}));
    await waitForSubscribers(t, 2);

    // The cashier's own sale takes the item below zero.
    const sale = await t.run(
      recordSaleMutation,
      { input: { shopId: shop.id, lines: [{ itemId: itemIds[0]!, quantity: 1 }] } },
      seller.token,
    );
    expect(sale.recordSale.__typename).toBe('RecordSalePayload');
    const [own] = (await bySeller.waitForResults(1)) as EmployeeAlertResult[];
    const [others] = (await byColleague.waitForResults(1)) as EmployeeAlertResult[];
    expect(own!.data?.negativeInventoryAlerts.adjustment?.employee?.email).toBe(seller.email);
    expect(others!.data?.negativeInventoryAlerts.adjustment?.employee ?? null).toBeNull();
    expect(others!.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
  });
});
