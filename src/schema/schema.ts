// Assembles the schema: each import adds one domain area's types and root fields to the builder.
import './root-types.js';
import './scalars.js';
import '../node/node.schema.js';
import '../errors/errors.schema.js';
import '../accounts/accounts.schema.js';
import '../employees/employees.schema.js';
import '../auth/auth.schema.js';
import '../shops/shops.schema.js';
import '../items/items.schema.js';
import '../inventory/inventory.schema.js';
import '../sales/sales.schema.js';
import '../transfers/transfers.schema.js';
import '../vendor-returns/vendor-returns.schema.js';
import '../inventory/adjustments.schema.js';
import '../inventory/inventory-as-of.schema.js';
import '../counts/counts.schema.js';
import '../reports/reports.schema.js';
import '../alerts/alerts.schema.js';
import '../alerts/episodes.schema.js';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';

export const schema = builder.toSchema({ sortSchema: true });

/** The SDL checked in as schema.graphql: sorted, so that it changes only when the schema does. */
export function printSchemaSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
