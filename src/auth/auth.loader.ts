import { defineLoader } from '../db/loader.js';
import { findApiKeysByIds } from './auth.sql.js';

export const apiKeyLoader = defineLoader((context, accountId, ids) => findApiKeysByIds(context.db, accountId, ids));
