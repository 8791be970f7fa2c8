import { sql } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/db/database.js';
import { decodeId } from '../../src/node/global-id.js';
import { graphql } from '../gql/index.js';

// Operations the inventory suites share, and the ledger invariant every writing test ends with.

export const levelFields = graphql(`
  fragment LevelFields on InventoryLevel {
    item {
      id
      sku
    }
    shop {
      id
    }
    quantityOnHand
    sellableQuantity
    updatedAt
  }
`);

export const alertFields = graphql(`
  fragment AlertFields on NegativeInventoryAlert {
    id
    cursor
    item {
      id
    }
    shop {
      id
    }
    quantityBefore
    quantityAfter
    reason
    adjustment {
      id
      quantityAfter
    }
    occurredAt
  }
`);

export const errorFields = graphql(`
  fragment ErrorFields on Error {
    __typename
    message
    ... on ValidationError {
      field
    }
    ... on NotFoundError {
      id
    }
    ... on InsufficientInventoryError {
      shortages {
        item {
          id
        }
        shop {
          id
        }
        requested
        available
      }
    }
  }
`);

export const recordSaleMutation = graphql(`
  mutation RecordSale($input: RecordSaleInput!) {
    recordSale(input: $input) {
      __typename
      ... on RecordSalePayload {
        sale {
          id
          shop {
            id
          }
          employee {
            id
          }
          lines {
            item {
              id
            }
            quantity
          }
          createdAt
        }
        levels {
          ...LevelFields
        }
        alerts {
          ...AlertFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const receiveStockMutation = graphql(`
  mutation ReceiveStock($input: ReceiveStockInput!) {
    receiveStock(input: $input) {
      __typename
      ... on ReceiveStockPayload {
        levels {
          ...LevelFields
        }
        adjustments {
          id
          reason
          quantityChange
          quantityBefore
          quantityAfter
          source {
            id
          }
          employee {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const adjustInventoryMutation = graphql(`
  mutation AdjustInventory($input: AdjustInventoryInput!) {
    adjustInventory(input: $input) {
      __typename
      ... on AdjustInventoryPayload {
        level {
          ...LevelFields
        }
        adjustment {
          id
          reason
          quantityChange
          quantityBefore
          quantityAfter
          note
          source {
            id
          }
        }
        alerts {
          ...AlertFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const sendTransferMutation = graphql(`
  mutation SendTransfer($input: SendTransferInput!) {
    sendTransfer(input: $input) {
      __typename
      ... on SendTransferPayload {
        transfer {
          id
          status
          fromShop {
            id
          }
          toShop {
            id
          }
          lines {
            item {
              id
            }
            quantity
          }
          sentAt
          receivedAt
        }
        levels {
          ...LevelFields
        }
        alerts {
          ...AlertFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const receiveTransferMutation = graphql(`
  mutation ReceiveTransfer($input: ReceiveTransferInput!) {
    receiveTransfer(input: $input) {
      __typename
      ... on ReceiveTransferPayload {
        transfer {
          id
          status
          receivedAt
        }
        levels {
          ...LevelFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const vendorReturnMutation = graphql(`
  mutation VendorReturn($input: VendorReturnInput!) {
    vendorReturn(input: $input) {
      __typename
      ... on VendorReturnPayload {
        vendorReturn {
          id
          vendor
          shop {
            id
          }
          lines {
            item {
              id
            }
            quantity
          }
          createdAt
        }
        levels {
          ...LevelFields
        }
        alerts {
          ...AlertFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const setOptionalModuleMutation = graphql(`
  mutation SetOptionalModule($input: SetOptionalModuleInput!) {
    setOptionalModule(input: $input) {
      __typename
      ... on SetOptionalModulePayload {
        setting {
          module
          enabled
          locked
          updatedAt
        }
        sessionsToRefresh
      }
      ... on NegativeInventoryOutstandingError {
        message
        negativeItemCount
      }
      ... on ModuleLockedError {
        message
        module
      }
    }
  }
`);

export const itemInventoryQuery = graphql(`
  query ItemInventory($id: ID!) {
    node(id: $id) {
      ... on Item {
        inventory {
          ...LevelFields
        }
      }
    }
  }
`);

/**
 * The ledger invariant: for every (item, shop), the quantity on hand equals the sum of its
 * adjustments, the first adjustment starts from 0, and each one starts where the previous ended.
 */
export async function expectLedgerInvariant(db: DB): Promise<void> {
  const sumMismatches = await sql<{ item_id: string; shop_id: string }>`
    select l.account_id, l.item_id, l.shop_id, l.quantity_on_hand, coalesce(sum(a.quantity_change), 0)::int as ledger_sum
    from inventory_levels l
    left join inventory_adjustments a
      on a.account_id = l.account_id and a.item_id = l.item_id and a.shop_id = l.shop_id
    group by l.account_id, l.item_id, l.shop_id, l.quantity_on_hand
    having l.quantity_on_hand <> coalesce(sum(a.quantity_change), 0)
  `.execute(db);
  expect(sumMismatches.rows).toEqual([]);

  const chainBreaks = await sql`
    select * from (
      select account_id, item_id, shop_id, id, quantity_before,
             lag(quantity_after) over (partition by account_id, item_id, shop_id order by id) as previous_after
      from inventory_adjustments
    ) chained
    where quantity_before <> coalesce(previous_after, 0)
  `.execute(db);
  expect(chainBreaks.rows).toEqual([]);

  const orphans = await sql`
    select a.account_id, a.item_id, a.shop_id from inventory_adjustments a
    left join inventory_levels l on l.account_id = a.account_id and l.item_id = a.item_id and l.shop_id = a.shop_id
    where l.item_id is null
  `.execute(db);
  expect(orphans.rows).toEqual([]);
}

/** Rows in the tables a write may touch, to show that a refused write left nothing behind. */
export async function writeCounts(db: DB, accountGlobalId: string) {
  const accountId = decodeId(accountGlobalId, 'Account');
  if (!accountId) throw new Error(`not an account id: ${accountGlobalId}`);
  const count = async (
    table: 'inventory_adjustments' | 'sales' | 'transfers' | 'vendor_returns' | 'negative_inventory_alerts' | 'idempotency_keys',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const levels = await db
    .selectFrom('inventory_levels')
    .select(['item_id', 'shop_id', 'quantity_on_hand'])
    .where('account_id', '=', accountId)
    .orderBy('item_id')
    .orderBy('shop_id')
    .execute();
  return {
    adjustments: await count('inventory_adjustments'),
    sales: await count('sales'),
    transfers: await count('transfers'),
    vendorReturns: await count('vendor_returns'),
    alerts: await count('negative_inventory_alerts'),
    idempotencyKeys: await count('idempotency_keys'),
    levels,
  };
}
