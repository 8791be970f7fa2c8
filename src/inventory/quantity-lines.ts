import type { DB } from '../db/database.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { findItemsByIds } from '../items/items.sql.js';
import { decodeId } from '../node/global-id.js';

// A document's item lines as services take them. Their GraphQL input, validation rules and line
// type are in quantity-lines.schema.ts: services never import the schema layer.

export const maxQuantity = 1_000_000;
export const maxLines = 500;

export interface ItemLine {
  itemId: string;
  quantity: number;
}

/**
 * The lines with their items' row ids, checked to belong to the account in one query. The first
 * line whose item can't be found (undecodable, another type, another account) is NotFoundError
 * carrying the ID as the client gave it.
 */
export async function resolveItemLines(
  db: DB,
  accountId: string,
  lines: readonly { itemId: string; quantity: number }[],
): Promise<ItemLine[]> {
  const rowIds = lines.map((line) => decodeId(line.itemId, 'Item'));
  const decodable = [...new Set(rowIds.filter((id): id is string => id !== null))];
  // No query when no ID decodes: `id in ()` is not SQL.
  const known = new Set(decodable.length > 0 ? (await findItemsByIds(db, accountId, decodable)).map((item) => item.id) : []);
  return lines.map((line, index) => {
    const rowId = rowIds[index];
    if (!rowId || !known.has(rowId)) throw new NotFoundError(line.itemId, 'Item');
    return { itemId: rowId, quantity: line.quantity };
  });
}

/**
 * Lines as a stock-movement SQL function takes them: each item's row id, or null where the ID
 * doesn't decode (the function reports that line as not found, in line order).
 */
export function decodeItemLines(lines: readonly { itemId: string; quantity: number }[]) {
  return lines.map((line) => ({ itemId: decodeId(line.itemId, 'Item'), quantity: line.quantity }));
}
