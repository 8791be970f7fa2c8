import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/schema.js';
import { isCostFixed } from '../src/server/query-limits.plugin.js';

// Which operations have a cost that can't depend on their variables: the cost limit keeps their
// estimate by document, and estimates the rest on every request (src/server/query-limits.plugin.ts).
// Pure functions of the schema and the document: no server, no database.

function fixed(source: string, operationName?: string): boolean {
  const document = parse(source);
  const operation = getOperationAST(document, operationName)!;
  return isCostFixed(schema, document, operation);
}

describe('cost estimate fixed by the document', () => {
  it("is fixed for a point of sale's recordSale: no field's cost reads arguments", () => {
    expect(
      fixed(`mutation Sale($input: RecordSaleInput!) {
        recordSale(input: $input) { __typename ... on RecordSalePayload { sale { id } levels { quantityOnHand } } }
      }`),
    ).toBe(true);
  });

  it('is not fixed when a connection takes its page size from the request', () => {
    expect(fixed(`query Items($first: Int) { items(first: $first) { edges { node { id } } } }`)).toBe(false);
  });

  it('is not fixed when a per-shop list is selected under a fixed field', () => {
    expect(
      fixed(`mutation Sale($input: RecordSaleInput!) {
        recordSale(input: $input) { ... on RecordSalePayload { levels { item { inventory { quantityOnHand } } } } }
      }`),
    ).toBe(false);
  });

  it('follows named fragments and inline fragments', () => {
    const source = `
      query Fixed { ...Who ... on Query { viewer { __typename } } }
      query Paged { viewer { __typename } ...Page }
      fragment Who on Query { viewer { __typename } }
      fragment Page on Query { items(first: 5) { edges { node { id } } } }
    `;
    expect(fixed(source, 'Fixed')).toBe(true);
    expect(fixed(source, 'Paged')).toBe(false);
  });
});
