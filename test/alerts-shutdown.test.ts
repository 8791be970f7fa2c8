import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { alertsSubscription, connectWs, raiseAlerts, subscribeSse, subscribeWs } from './support/alerts.js';
import { useServerDatabase } from './support/database.js';
import { createAccount, createItem, createShop } from './support/fixtures.js';
import { expectTypename, httpRunner, operatorToken, postGraphQL } from './support/harness.js';
import { recordSaleMutation } from './support/inventory.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// SIGTERM on a server process with live subscribers (and, on PostgreSQL, a request in flight).

const database = useServerDatabase();
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((server) => server.kill()));
});

describe('SIGTERM', () => {
  it('stops accepting, finishes requests in flight, closes WebSockets with 1001, ends SSE streams and exits within 10 s', async () => {
    const port = await freePort();
    const server = startServerProcess({
      ...database.variables,
      HOST: '127.0.0.1',
      PORT: String(port),
      OPERATOR_TOKEN: operatorToken,
      LOG_LEVEL: 'info',
    });
    running.push(server);
    const [, url] = await server.waitForOutput(/ready at (http:\/\/\S+)/);
    const app = httpRunner(url!);
    const account = await createAccount(app);
    const token = account.adminToken;
    const shop = await createShop(app, token);
    const item = await createItem(app, token);
    const [start] = await raiseAlerts(app, token, shop.id, [item.id]);

    const client = connectWs(url!, token);
    const ws = subscribeWs(client, alertsSubscription, { after: start!.cursor });
    const sse = subscribeSse(url!, alertsSubscription, { after: start!.cursor }, token);
    // Both are live: they get the next alert.
    await raiseAlerts(app, token, shop.id, [item.id]);
    await ws.waitForResults(1);
    await sse.waitForResults(1);

    // On PostgreSQL, a sale in flight: it waits for the item's level row, locked by another
    // transaction, so it is still running when the signal comes.
    const sellOne = () =>
      postGraphQL(url!, recordSaleMutation, { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }] } }, { token });
    let admin: pg.Client | undefined;
    let sale: ReturnType<typeof sellOne> | undefined;
    if (database.url) {
      admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query('begin');
      await admin.query('select * from inventory_levels where account_id = $1 and item_id = $2 and shop_id = $3 for update', [
        decodeId(account.accountId, 'Account'),
        decodeId(item.id, 'Item'),
        decodeId(shop.id, 'Shop'),
      ]);
      sale = sellOne();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const stopped = server.stop('SIGTERM');
    const wsEnd = await ws.ended;
    expect(wsEnd.kind).toBe('error');
    expect((wsEnd as { error: { code: number } }).error.code).toBe(1001);
    expect(await sse.ended).toEqual({ kind: 'complete' });

    if (admin && sale) {
      // New connections are refused while the sale is still in flight...
      await expect(fetch(url!, { method: 'POST' })).rejects.toThrow();
      // ...and the sale completes once the lock is released.
      await admin.query('commit');
      await admin.end();
      const { body } = await sale;
      expect(body.errors).toBeUndefined();
      expectTypename(body.data!.recordSale, 'RecordSalePayload');
    }

    const { code, milliseconds } = await stopped;
    expect(code).toBe(0);
    expect(milliseconds).toBeLessThan(10_000);
    await client.dispose();
  });
});
