import { defineGroupLoader, defineLoader } from '../db/loader.js';
import { findVendorReturnLines, findVendorReturnsByIds } from './vendor-returns.sql.js';

export const vendorReturnLoader = defineLoader((context, accountId, ids) => findVendorReturnsByIds(context.db, accountId, ids));

export const vendorReturnLinesLoader = defineGroupLoader(
  (context, accountId, vendorReturnIds) => findVendorReturnLines(context.db, accountId, vendorReturnIds),
  (line) => line.vendor_return_id,
);
