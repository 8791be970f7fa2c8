import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import { raiseAlerts, subscribeSse, subscribeWs, waitForSubscribers, type Stream, type StreamResult } from './support/alerts.js';
import { createAccount, createApiKey, createItem, createShop, type TestAccount } from './support/fixtures.js';
import { postGraphQL, useTestApp, type GraphQLResponse } from './support/harness.js';
import { useLiveClients } from './support/live-connections.js';

// Responses bounded by cost, against a real server on a free port: an operation's cost is
// estimated with its variables and the lengths of its lists, and refused before it executes, over
// HTTP, graphql-ws and SSE alike; a result that still grows too large is replaced by an error.
// The limits are set low here (the defaults are in the README); the cost estimate assumes 20 shops
// per account (GRAPHQL_COST_ASSUMED_SHOPS).

const t = useTestApp({ env: { GRAPHQL_MAX_COST: '5000', MAX_RESPONSE_BYTES: '8192' }, listen: true });
const { ws, track } = useLiveClients(t);
let account: TestAccount;
/** A partner's read-only key: the kind of caller the limits are for. */
let partnerToken: string;
let shopIds: string[];
let itemId: string;

/** Names near the 200-character maximum, so that a modest selection makes a large response. */
const longName = (label: string) => `${label} ${'x'.repeat(190)}`;

beforeAll(async () => {
  account = await createAccount(t);
  partnerToken = (await createApiKey(t, account.adminToken)).token;
  shopIds = [];
  for (const label of ['North', 'South', 'East']) shopIds.push((await createShop(t, account.adminToken, longName(label))).id);
  itemId = (await createItem(t, account.adminToken, 'COST-1', longName('Item'))).id;
});

/** The one result a refused operation gets on a stream (graphql-ws or SSE), which then completes. */
async function onlyResult<Data>(stream: Stream<Data>): Promise<StreamResult<Data>> {
  expect(await stream.ended).toEqual({ kind: 'complete' });
  expect(stream.results).toHaveLength(1);
  return stream.results[0]!;
}

function expectCostRefusal(result: StreamResult<unknown> | GraphQLResponse<unknown>) {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.extensions?.['code']).toBe('COST_LIMIT_EXCEEDED');
  expect(error!.message).toMatch(/estimated cost is [\d,]+, more than the 5,000 allowed/);
  expect((error!.extensions?.['cost'] as { estimated: number }).estimated).toBeGreaterThan(5000);
}

function expectTooLarge(result: StreamResult<unknown> | GraphQLResponse<unknown>) {
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.map((error) => error.extensions?.['code'])).toEqual(['RESPONSE_TOO_LARGE']);
  expect(result.errors?.[0]?.message).toMatch(/larger than the 8,192 this server sends/);
}

// Items, each with its level at every shop, each level's item with its level at every shop: the
// page size comes as a variable, and each level of `inventory` multiplies by the shop count.
const amplifiedItemsQuery = graphql(`
  query CostAmplifiedItems($first: Int) {
    items(first: $first) {
      edges {
        node {
          sku
          inventory {
            quantityOnHand
            item {
              inventory {
                quantityOnHand
                item {
                  sku
                }
              }
            }
          }
        }
      }
    }
  }
`);

// The same amplification from the live alert stream: shops × shops × shops for every alert.
const amplifiedAlertsSubscription = graphql(`
  subscription CostAmplifiedAlerts {
    negativeInventoryAlerts {
      cursor
      item {
        inventory {
          item {
            inventory {
              item {
                inventory {
                  quantityOnHand
                }
              }
            }
          }
        }
      }
    }
  }
`);

describe('cost limit', () => {
  it('counts a page size given as a variable and multiplies by each nested list, over HTTP', async () => {
    const small = await postGraphQL(t.url, amplifiedItemsQuery, { first: 2 }, { token: partnerToken });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data?.items.edges[0]?.node.inventory).toHaveLength(3);

    // The same document with a larger page: refused before it runs (not a cached "valid").
    const large = await postGraphQL(t.url, amplifiedItemsQuery, { first: 500 }, { token: partnerToken });
    expect(large.status).toBe(400);
    expectCostRefusal(large.body);

    // ... and the refusal isn't cached for the document either.
    expect((await postGraphQL(t.url, amplifiedItemsQuery, { first: 2 }, { token: partnerToken })).body.errors).toBeUndefined();
  });

  it('refuses before executing anything: a refused mutation writes nothing', async () => {
    const amplifiedSale = graphql(`
      mutation CostAmplifiedSale($input: RecordSaleInput!) {
        recordSale(input: $input) {
          __typename
          ... on RecordSalePayload {
            levels {
              item {
                inventory {
                  item {
                    inventory {
                      item {
                        inventory {
                          quantityOnHand
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `);
    const before = await t.db
      .selectFrom('inventory_adjustments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const saleInput = { input: { shopId: shopIds[0]!, lines: [{ itemId, quantity: 1 }] } };
    const result = await postGraphQL(t.url, amplifiedSale, saleInput, { token: account.adminToken });
    expectCostRefusal(result.body);
    const after = await t.db
      .selectFrom('inventory_adjustments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("estimates without validating inputs: a mutation's invalid input is still its typed result", async () => {
    const createItem = graphql(`
      mutation CostCreateItem($input: CreateItemInput!) {
        createItem(input: $input) {
          __typename
          ... on ValidationError {
            field
            message
          }
        }
      }
    `);
    const result = await postGraphQL(t.url, createItem, { input: { sku: 'COST-X', name: 'x'.repeat(201) } }, { token: account.adminToken });
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.createItem).toEqual({ __typename: 'ValidationError', field: 'name', message: 'Name is too long.' });
  });

  it('refuses the same over graphql-ws, queries and subscriptions alike', async () => {
    expectCostRefusal(await onlyResult(track(subscribeWs(ws(partnerToken), amplifiedItemsQuery, { first: 500 }))));
    const accepted = track(subscribeWs(ws(partnerToken), amplifiedItemsQuery, { first: 2 }));
    const [result] = await accepted.waitForResults(1);
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.items.edges.length).toBeGreaterThan(0);

    expectCostRefusal(await onlyResult(track(subscribeWs(ws(partnerToken), amplifiedAlertsSubscription, {}))));
    // Refused before it started listening.
    expect(t.app.alerts.subscriberCount).toBe(0);
  });

  it('refuses the same over SSE, queries and subscriptions alike', async () => {
    expectCostRefusal(await onlyResult(track(subscribeSse(t.url, amplifiedItemsQuery, { first: 500 }, partnerToken))));
    expectCostRefusal(await onlyResult(track(subscribeSse(t.url, amplifiedAlertsSubscription, {}, partnerToken))));
    expect(t.app.alerts.subscriberCount).toBe(0);
  });
});

// One item with its level at each of the three shops, eight times over (aliases): about 11 KB of
// long names, at a cost of about 800.
const heavyItemsQuery = graphql(`
  query CostHeavyItems {
    items(first: 1) {
      edges {
        node {
          name
          i1: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i2: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i3: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i4: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i5: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i6: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i7: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
          i8: inventory {
            shop {
              name
            }
            item {
              name
            }
          }
        }
      }
    }
  }
`);

// About 10 KB for every alert.
const heavyAlertsSubscription = graphql(`
  subscription CostHeavyAlerts {
    negativeInventoryAlerts {
      cursor
      i1: item {
        name
        inventory {
          shop {
            name
          }
          item {
            name
          }
        }
      }
      i2: item {
        name
        inventory {
          shop {
            name
          }
          item {
            name
          }
        }
      }
      i3: item {
        name
        inventory {
          shop {
            name
          }
          item {
            name
          }
        }
      }
      i4: item {
        name
        inventory {
          shop {
            name
          }
          item {
            name
          }
        }
      }
      i5: item {
        name
        inventory {
          shop {
            name
          }
          item {
            name
          }
        }
      }
      i6: item {
        name
        inventory {
          shop {
            name
          }
          item {
            name
          }
        }
      }
    }
  }
`);

describe('response size limit', () => {
  it('replaces a result larger than MAX_RESPONSE_BYTES with an error, on every transport', async () => {
    const http = await postGraphQL(t.url, heavyItemsQuery, {}, { token: partnerToken });
    expect(http.status).toBeLessThan(500);
    expectTooLarge(http.body);
    expectTooLarge(await onlyResult(track(subscribeWs(ws(partnerToken), heavyItemsQuery, {}))));
    expectTooLarge(await onlyResult(track(subscribeSse(t.url, heavyItemsQuery, {}, partnerToken))));
  });

  it('says that a mutation whose result was too large was carried out', async () => {
    const heavyCreateItem = graphql(`
      mutation CostHeavyCreateItem($input: CreateItemInput!) {
        createItem(input: $input) {
          __typename
          ... on CreateItemPayload {
            item {
              i1: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i2: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i3: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i4: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i5: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i6: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i7: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
              i8: inventory {
                shop {
                  name
                }
                item {
                  name
                }
              }
            }
          }
        }
      }
    `);
    const itemInput = { input: { sku: 'COST-2', name: longName('Created') } };
    const result = await postGraphQL(t.url, heavyCreateItem, itemInput, { token: account.adminToken });
    expectTooLarge(result.body);
    expect(result.body.errors?.[0]?.message).toMatch(/The mutation itself was carried out/);
    const created = await t.db.selectFrom('items').select('sku').where('sku', '=', 'COST-2').execute();
    expect(created).toHaveLength(1);
  });

  it('passes events within the limit through, and lets a client leave while none is due', async () => {
    const smallAlerts = graphql(`
      subscription CostSmallAlerts {
        negativeInventoryAlerts {
          cursor
          item {
            sku
          }
        }
      }
    `);
    const overWs = track(subscribeWs(ws(partnerToken), smallAlerts, {}));
    const overSse = track(subscribeSse(t.url, smallAlerts, {}, partnerToken));
    await waitForSubscribers(t, 2);
    const [alert] = await raiseAlerts(t, account.adminToken, shopIds[1]!, [itemId]);
    for (const stream of [overWs, overSse]) {
      const [result] = await stream.waitForResults(1);
      expect(result).toEqual({ data: { negativeInventoryAlerts: { cursor: alert!.cursor, item: { sku: 'COST-1' } } } });
    }
    // Nothing is due now: leaving still ends the subscriptions at once.
    overWs.close();
    overSse.close();
    await waitForSubscribers(t, 0, { exactly: true, timeoutMs: 1_000 });
  });

  it('ends a subscription whose event is larger than MAX_RESPONSE_BYTES, with that error', async () => {
    const overWs = track(subscribeWs(ws(partnerToken), heavyAlertsSubscription, {}));
    const overSse = track(subscribeSse(t.url, heavyAlertsSubscription, {}, partnerToken));
    await waitForSubscribers(t, 2);
    await raiseAlerts(t, account.adminToken, shopIds[0]!, [itemId]);
    expectTooLarge(await onlyResult(overWs));
    expectTooLarge(await onlyResult(overSse));
    // Both stopped listening.
    await waitForSubscribers(t, 0, { exactly: true });
  });
});
