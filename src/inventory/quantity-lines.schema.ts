import { z } from 'zod';
import { ItemRef } from '../items/items.schema.js';
import { loadItem } from '../items/items.loader.js';
import { builder } from '../schema/builder.js';
import { maxLines, maxQuantity } from './quantity-lines.js';

// The GraphQL side of documents' item lines (sales, transfers, vendor returns, receipts, counts):
// the input, its validation rules, and the line type.

export const quantityRule = z
  .number()
  .int()
  .min(1, 'Quantity must be at least 1.')
  .max(maxQuantity, `Quantity must be at most ${maxQuantity.toLocaleString('en')}.`);

export const linesRule = z.array(z.unknown()).min(1, 'Add at least one line.').max(maxLines, `A document has at most ${maxLines} lines.`);

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

/** The GraphQL type of a document's line (SaleLine, TransferLine, VendorReturnLine): item and quantity. */
export function documentLineType(name: string) {
  return builder.objectRef<{ item_id: string; quantity: number }>(name).implement({
    fields: (t) => ({
      item: t.field({ type: ItemRef, resolve: (line, _args, context) => loadItem(context, line.item_id) }),
      quantity: t.exposeInt('quantity'),
    }),
  });
}
