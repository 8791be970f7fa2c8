import { defineGroupLoader, defineLoader } from '../db/loader.js';
import { findCountLines, findCountsByIds } from './counts.sql.js';

export const countLoader = defineLoader((context, accountId, ids) => findCountsByIds(context.db, accountId, ids));

export const countLinesLoader = defineGroupLoader(
  (context, accountId, countIds) => findCountLines(context.db, accountId, countIds),
  (line) => line.count_id,
);
