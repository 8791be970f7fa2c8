import { defineGroupLoader, defineLoader } from '../db/loader.js';
import { findSaleLines, findSalesByIds } from './sales.sql.js';

export const saleLoader = defineLoader((context, accountId, ids) => findSalesByIds(context.db, accountId, ids));

export const saleLinesLoader = defineGroupLoader(
  (context, accountId, saleIds) => findSaleLines(context.db, accountId, saleIds),
  (line) => line.sale_id,
);
