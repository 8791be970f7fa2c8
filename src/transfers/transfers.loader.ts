import { defineGroupLoader, defineLoader } from '../db/loader.js';
import { findTransferLines, findTransfersByIds } from './transfers.sql.js';

export const transferLoader = defineLoader((context, accountId, ids) => findTransfersByIds(context.db, accountId, ids));

export const transferLinesLoader = defineGroupLoader(
  (context, accountId, transferIds) => findTransferLines(context.db, accountId, transferIds),
  (line) => line.transfer_id,
);
