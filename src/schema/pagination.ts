import { BadUserInputError } from '../errors/domain-errors.js';

// Keyset pagination for every Relay connection of the API: items, the negative inventory report,
// the ledger (inventoryAdjustments) and alert history. This module reads the page arguments
// (first/after, and last/before where a connection pages backwards too), checks page sizes and
// cursors, and builds the connection from a page fetched with one row more than asked. Each
// connection keeps its own SQL (its keyset predicate and order, in its <area>.sql.ts) and says how
// its cursors hold its sort key (a CursorCodec).
//
// A cursor is the sort key of a row, opaque to clients, so a page costs the same at any depth and
// rows written meanwhile never shift a page.

export const defaultPageSize = 50;
export const maxPageSize = 500;

/** BAD_USER_INPUT: a domain error, so services can throw it (src/server/errors.ts gives it its code). */
export function badUserInput(message: string): BadUserInputError {
  return new BadUserInputError(message);
}

/** The page size a `first` or `last` asks for: 50 when absent, 0 to 500. */
export function pageSize(requested: number | null | undefined, argument: 'first' | 'last' = 'first'): number {
  if (requested === null || requested === undefined) return defaultPageSize;
  if (!Number.isInteger(requested) || requested < 0 || requested > maxPageSize) {
    throw badUserInput(`${argument} must be a whole number from 0 to ${maxPageSize}.`);
  }
  return requested;
}

/** GraphQL's Int and PostgreSQL's integer: 32 bits, signed. */
export const minInt32 = -(2 ** 31);
export const maxInt32 = 2 ** 31 - 1;

/** What each position of a cursor's key holds: an integer column, a bigint id, or text. */
export type KeyPart = 'string' | 'int' | 'id';
export type KeyValues<Shape extends readonly KeyPart[]> = { [K in keyof Shape]: Shape[K] extends 'int' ? number : string };

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** How a connection's cursors hold its sort key. */
export interface CursorCodec<Key> {
  encode(key: Key): string;
  /** The key in a cursor this API handed out; anything else is BAD_USER_INPUT naming `argument`. */
  decode(cursor: string, argument: 'after' | 'before'): Key;
}

/**
 * A codec for a key stored in a cursor as a tuple of `shape`. `fromValues` may refuse values the
 * shape lets through (null): they too are a cursor this API did not hand out.
 */
export function cursorCodec<const Shape extends readonly KeyPart[], Key>(
  shape: Shape,
  convert: { toValues(key: Key): KeyValues<Shape>; fromValues(values: KeyValues<Shape>): Key | null },
): CursorCodec<Key> {
  return {
    encode: (key) => encodeCursor(convert.toValues(key) as readonly (string | number)[]),
    decode(cursor, argument) {
      const values = decodeValues(cursor, shape);
      const key = values && convert.fromValues(values);
      if (key === null || key === undefined) throw badUserInput(`The cursor in \`${argument}\` is not one this API handed out.`);
      return key;
    },
  };
}

function decodeValues<Shape extends readonly KeyPart[]>(cursor: string, shape: Shape): KeyValues<Shape> | null {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const valid =
    Array.isArray(values) &&
    values.length === shape.length &&
    shape.every((kind, index) => {
      const value: unknown = values[index];
      // What the database can compare them with: an integer column, a bigint id, text without
      // NUL. A cursor past those would fail in SQL (a 500) rather than as the client's error.
      if (kind === 'int') return typeof value === 'number' && Number.isInteger(value) && value >= minInt32 && value <= maxInt32;
      if (kind === 'id') return typeof value === 'string' && /^[1-9]\d{0,17}$/.test(value);
      return typeof value === 'string' && !value.includes('\u0000');
    });
  return valid ? (values as KeyValues<Shape>) : null;
}

/** A page to fetch, read from a connection's arguments. */
export type PageRequest<Key> = ForwardPage<Key> | BackwardPage<Key>;

interface PageBounds {
  /** Rows asked for. */
  size: number;
  /** Rows to fetch: one more than the page, which only tells whether another page lies beyond it. */
  limit: number;
}

/** The rows after `after` (from the first without it), in the connection's order. */
export interface ForwardPage<Key> extends PageBounds {
  direction: 'forward';
  after: Key | null;
}

/** The rows before `before` (from the last without it), fetched in reverse order: nearest first. */
export interface BackwardPage<Key> extends PageBounds {
  direction: 'backward';
  before: Key | null;
}

export interface ForwardPageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageArgs extends ForwardPageArgs {
  last?: number | null;
  before?: string | null;
}

function bounds(size: number): PageBounds {
  return { size, limit: size + 1 };
}

/** A connection that pages forwards only (`first`/`after`). */
export function forwardPage<Key>(args: ForwardPageArgs, codec: CursorCodec<Key>): ForwardPage<Key> {
  const size = pageSize(args.first);
  const after = args.after === null || args.after === undefined ? null : codec.decode(args.after, 'after');
  return { direction: 'forward', after, ...bounds(size) };
}

/**
 * A connection that pages both ways: backwards when `last` or `before` is given (from the last
 * row without `before`), forwards otherwise. `last` with `first` or `after` is refused.
 */
export function relayPage<Key>(args: PageArgs, codec: CursorCodec<Key>): PageRequest<Key> {
  const given = (value: unknown) => value !== null && value !== undefined;
  if (given(args.last) && (given(args.first) || given(args.after))) {
    throw badUserInput('Page forwards with `first`/`after` or backwards with `last`/`before`, not both.');
  }
  if (!given(args.last) && !given(args.before)) return forwardPage(args, codec);
  const size = pageSize(args.last, 'last');
  const before = args.before === null || args.before === undefined ? null : codec.decode(args.before, 'before');
  return { direction: 'backward', before, ...bounds(size) };
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * The connection for `page` from the rows fetched for it (up to page.limit: the page and maybe one
 * more, which only says another page lies beyond). A backward page's rows come nearest first;
 * edges are always in the connection's order.
 */
export function connectionFrom<Row>(
  page: PageRequest<unknown>,
  rows: readonly Row[],
  cursorOf: (row: NoInfer<Row>) => string,
): Connection<Row> {
  const more = rows.length > page.size;
  const inPage = rows.slice(0, page.size);
  if (page.direction === 'backward') inPage.reverse();
  const edges = inPage.map((row) => ({ cursor: cursorOf(row), node: row }));
  return {
    edges,
    pageInfo: {
      // Beyond a cursor there is a page on its other side: the rows the client paged through.
      hasNextPage: page.direction === 'forward' ? more : page.before !== null,
      hasPreviousPage: page.direction === 'forward' ? page.after !== null : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
