import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import type { Context } from '../context.js';
import { defaultPageSize, maxPageSize } from './pagination.js';

// How much an operation may make the server do, estimated before it runs with its variables
// (@pothos/plugin-complexity; enforced by useCostLimit in src/server/query-limits.plugin.ts).
// Every field costs 1; what is selected under a list is multiplied by how long the list can be.
// So `items(first: $n) { edges { node { inventory { item { inventory { … } } } } } }` costs about
// n × shops × shops, which is what it would send.
//
// A field's cost is a function only where it depends on arguments or settings: the plugin reads a
// function's arguments through the field's argument mappers, which run input validation (a
// mutation's input would be validated, and could fail, while its cost is being estimated).

/**
 * Lists whose length we don't bound more precisely: a document's lines (at most 500, usually a
 * handful), a mutation's levels and alerts, an account's API keys, a report row's adjustments.
 * The plugin's own default; none of them leads back to a longer list except through
 * Item.inventory, which is counted per shop.
 */
export const otherListMultiplier = 10;

/**
 * A connection field (`first`/`last`, edges): what is selected under it is multiplied by the page
 * it will return, read as pageSize() in ./pagination.ts reads `first`: 50 when absent. A value out
 * of range counts as one row: the resolver refuses it in its own words (BAD_USER_INPUT) before
 * reading anything, so it must not be refused here first as too costly.
 */
export function connectionComplexity(args: { first?: number | null; last?: number | null }): FieldComplexityValue {
  const requested = args.first ?? args.last;
  if (typeof requested !== 'number') return { field: 1, multiplier: defaultPageSize };
  const inRange = Number.isInteger(requested) && requested >= 0 && requested <= maxPageSize;
  const page = inRange ? requested : 1;
  return { field: 1, multiplier: page };
}

/** A connection's `edges`: the page size on the connection field already counts them. */
export const connectionEdgesComplexity: FieldComplexityValue = { field: 1, multiplier: 1 };

/**
 * Lists with one entry per shop of the account (Item.inventory, Query.shops). Their length is only
 * known once they are read, so the estimate assumes GRAPHQL_COST_ASSUMED_SHOPS (20 by default: a
 * retailer with several shops, well above the accounts we see). An account with more shops is
 * estimated low; MAX_RESPONSE_BYTES still bounds what such an operation sends.
 */
export function perShopComplexity(_args: object, context: Context): FieldComplexityValue {
  return { field: 1, multiplier: context.config.limits.costAssumedShops };
}
