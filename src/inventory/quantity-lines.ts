import { z } from 'zod';
import type { DB } from '../db/database.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { findItemsByIds } from '../items/items.sql.js';
import { decodeId } from '../node/global-id.js';
import { builder } from '../schema/builder.js';

export const maxQuantity = 1_000_000;
export const maxLines = 500;

export const quantityRule = z
  .number()
  .int()
  .min(1, 'Quantity must be at least 1.')
  .max(maxQuantity, `Quantity must be at most ${maxQuantity.toLocaleString('en')}.`);

export const linesRule = z
  .array(z.unknown())
  .min(1, 'Add at least one line.')
  .max(maxLines, `A document has at most ${maxLines} lines.`);

export const idempotencyKeyRule = z
  .string()
  .min(1, 'An idempotency key may not be empty.')
  .max(255, 'An idempotency key is at most 255 characters.');

export const QuantityLineInput = builder.inputType('QuantityLineInput', {
  fields: (t) => ({
    itemId: t.id({ required: true }),
    quantity: t.int({ required: true, description: 'A whole number from 1 to 1,000,000.', validate: quantityRule }),
  }),
});

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

/** The GraphQL type of a document's line (SaleLine, TransferLine, VendorReturnLine): item and quantity. */
export function documentLineType(name: string) {
  return builder.objectRef<{ item_id: string; quantity: number }>(name).implement({
    fields: (t) => ({
      item: t.field({ type: ItemRef, resolve: (line, _args, context) => loadItem(context, line.item_id) }),
      quantity: t.exposeInt('quantity'),
    }),
  });
}
