import { describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.js';
import { applyMovements } from '../src/inventory/ledger.service.js';
import { decodeId } from '../src/node/global-id.js';
import { graphql } from './gql/index.js';
import { createAccount, createItem, createShop } from './support/fixtures.js';
import { expectTypename, useTestApp } from './support/harness.js';
import { adjustInventoryMutation } from './support/inventory.js';
import { receive, reconcileCountMutation, recordCountMutation, sell, startCountMutation } from './support/reports.js';

// Negative episodes end where they end: the write that brings an item at a shop back to zero or
// more records it on the alert that began the episode (NegativeInventoryAlert.resolvedAt), in its
// own transaction.

const t = useTestApp({ ledgerInvariant: true });

const episodesQuery = graphql(`
  query AlertEpisodes($shopId: ID) {
    negativeInventoryAlerts(shopId: $shopId, first: 100) {
      edges {
        node {
          id
          item {
            id
          }
          quantityAfter
          occurredAt
          resolvedAt
        }
      }
    }
  }
`);

const adjustmentCreatedAtQuery = graphql(`
  query AdjustmentCreatedAt($id: ID!) {
    node(id: $id) {
      ... on InventoryAdjustment {
        createdAt
        quantityAfter
      }
    }
  }
`);

async function episodes(token: string, shopId?: string) {
  const result = await t.run(episodesQuery, shopId ? { shopId } : {}, token);
  return result.negativeInventoryAlerts.edges.map((edge) => edge.node);
}

async function createdAtOf(token: string, adjustmentId: string) {
  const { node } = await t.run(adjustmentCreatedAtQuery, { id: adjustmentId }, token);
  if (!node || !('createdAt' in node)) throw new Error(`no adjustment ${adjustmentId}`);
  return node.createdAt;
}

async function adjust(token: string, shopId: string, itemId: string, quantityChange: number) {
  return (await t.run(adjustInventoryMutation, { input: { shopId, itemId, quantityChange } }, token)).adjustInventory;
}

describe('negative episodes', () => {
  it('ends an episode with the receipt that brings the pair back to zero or more, at its createdAt', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);

    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 3 }]); // 0 → -3: the episode begins
    await receive(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]); // -3 → -2: still below zero
    expect((await episodes(token)).map((episode) => episode.resolvedAt)).toEqual([null]);

    const ended = await receive(t, token, shop.id, [{ itemId: item.id, quantity: 2 }]); // -2 → 0: ended
    const [episode] = await episodes(token);
    expect(episode!.resolvedAt).toBe(await createdAtOf(token, ended.adjustments[0]!.id));
    expect(Date.parse(episode!.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(episode!.occurredAt));
  });

  it('counts an episode that ends and begins again as two, each ended by its own write', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);

    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]); // 0 → -1: first episode
    const manual = expectTypename(await adjust(token, shop.id, item.id, 4), 'AdjustInventoryPayload'); // -1 → 3
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 5 }]); // 3 → -2: second episode
    await sell(t, token, shop.id, [{ itemId: item.id, quantity: 1 }]); // -2 → -3

    const [first, second] = await episodes(token);
    expect([first!.quantityAfter, second!.quantityAfter]).toEqual([-1, -2]);
    expect(first!.resolvedAt).toBe(await createdAtOf(token, manual.adjustment.id));
    expect(second!.resolvedAt).toBeNull();

    const ended = await receive(t, token, shop.id, [{ itemId: item.id, quantity: 10 }]); // -3 → 7
    const after = await episodes(token);
    expect(after.map((episode) => episode.resolvedAt)).toEqual([first!.resolvedAt, await createdAtOf(token, ended.adjustments[0]!.id)]);
  });

  it('ends episodes by reconciling a count, counted items and uncounted negatives set to zero alike', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const [shop, otherShop] = [await createShop(t, token), await createShop(t, token)];
    const [counted, uncounted] = [await createItem(t, token), await createItem(t, token)];
    await sell(t, token, shop.id, [
      { itemId: counted.id, quantity: 2 },
      { itemId: uncounted.id, quantity: 3 },
    ]);
    await sell(t, token, otherShop.id, [{ itemId: counted.id, quantity: 1 }]); // another shop's episode

    const count = expectTypename(
      (await t.run(startCountMutation, { input: { shopId: shop.id, name: 'Shelf' } }, token)).startInventoryCount,
      'StartInventoryCountPayload',
    ).count;
    expectTypename(
      (
        await t.run(
          recordCountMutation,
          {
            input: {
              countId: count.id,
              lines: [{ itemId: counted.id, countedQuantity: 4 }],
            },
          },
          token,
        )
      ).recordInventoryCount,
      'RecordInventoryCountPayload',
    );
    const reconciled = expectTypename(
      (await t.run(reconcileCountMutation, { input: { countId: count.id } }, token)).reconcileInventoryCount,
      'ReconcileInventoryCountPayload',
    );
    const resolvedAt = await createdAtOf(token, reconciled.adjustments[0]!.id);

    const byItem = new Map((await episodes(token, shop.id)).map((episode) => [episode.item.id, episode.resolvedAt]));
    expect(byItem.get(counted.id)).toBe(resolvedAt);
    expect(byItem.get(uncounted.id)).toBe(resolvedAt);
    expect((await episodes(token, otherShop.id)).map((episode) => episode.resolvedAt)).toEqual([null]);
  });

  it('records the end in the write’s own transaction: a write rolled back or refused leaves the episode open', async () => {
    const account = await createAccount(t);
    const token = account.adminToken;
    const shop = await createShop(t, token);
    const item = await createItem(t, token);
    const accountId = decodeId(account.accountId, 'Account')!;
    const [shopId, itemId] = [decodeId(shop.id, 'Shop')!, decodeId(item.id, 'Item')!];
    await inTransaction(t.db, (trx) =>
      applyMovements(trx, {
        accountId,
        reason: 'TRANSFER_OUT',
        source: null,
        employeeId: null,
        allowNegative: true,
        movements: [{ itemId, shopId, quantityChange: -2 }],
      }),
    );

    const rolledBack = new Error('rolled back on purpose');
    await expect(
      inTransaction(t.db, async (trx) => {
        await applyMovements(trx, {
          accountId,
          reason: 'RECEIVING',
          source: null,
          employeeId: null,
          allowNegative: true,
          movements: [{ itemId, shopId, quantityChange: 5 }],
        });
        // Inside the writing transaction, the episode has ended already.
        const alert = await trx
          .selectFrom('negative_inventory_alerts')
          .select('resolved_at')
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow();
        expect(alert.resolved_at).toBeInstanceOf(Date);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect((await episodes(token)).map((episode) => episode.resolvedAt)).toEqual([null]);

    // Refused: a write with negative inventory off that would take another pair below zero raises
    // after it has added to this one; the statement rolls back, this pair's end with it.
    const other = decodeId((await createItem(t, token)).id, 'Item')!;
    await expect(
      inTransaction(t.db, (trx) =>
        applyMovements(trx, {
          accountId,
          reason: 'MANUAL',
          source: null,
          employeeId: null,
          allowNegative: false,
          movements: [
            { itemId, shopId, quantityChange: 5 },
            { itemId: other, shopId, quantityChange: -1 },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InsufficientInventoryError' });
    expect((await episodes(token)).map((episode) => episode.resolvedAt)).toEqual([null]);
  });
});
