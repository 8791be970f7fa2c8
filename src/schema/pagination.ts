import { GraphQLError } from 'graphql';

// Forward keyset pagination for Relay connections (the contract's fields take `first`/`after`).
// A cursor is the sort key of the last row seen, so a page costs the same at any depth and rows
// written meanwhile never shift a page.

export const defaultPageSize = 50;
export const maxPageSize = 500;

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 200 } } });
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw badUserInput(`first must be a whole number from 0 to ${maxPageSize}.`);
  }
  return first;
}

/** GraphQL's Int and PostgreSQL's integer: 32 bits, signed. */
export const minInt32 = -(2 ** 31);
export const maxInt32 = 2 ** 31 - 1;

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The sort key inside a cursor this API handed out. `shape` says what each position must be;
 * anything else is a client error, never a query.
 */
export function decodeCursor<Shape extends readonly ('string' | 'int' | 'id')[]>(
  cursor: string | null | undefined,
  shape: Shape,
  argument = 'after',
): { [K in keyof Shape]: Shape[K] extends 'int' ? number : string } | null {
  if (cursor === null || cursor === undefined) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === shape.length &&
    shape.every((kind, index) => {
      const value = key[index];
      // What the database can compare them with: an integer column, a bigint id, text without
      // NUL. A cursor past those would fail in SQL (a 500) rather than as the client's error.
      if (kind === 'int') return Number.isInteger(value) && value >= minInt32 && value <= maxInt32;
      if (kind === 'id') return typeof value === 'string' && /^[1-9]\d{0,17}$/.test(value);
      return typeof value === 'string' && !value.includes('\u0000');
    });
  if (!valid) throw badUserInput(`The cursor in \`${argument}\` is not one this API handed out.`);
  return key as never;
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** `rows` is the page fetched with one extra row, which only tells whether there is a next page. */
export function connectionFrom<Row, Node = Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => string,
  hadCursor: boolean,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      // Forward pagination: there is a previous page exactly when we started after a cursor.
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
