import { defineLoader } from '../db/loader.js';
import { findEmployeesByIds } from './employees.sql.js';

export const employeeLoader = defineLoader((context, accountId, ids) => findEmployeesByIds(context.db, accountId, ids));
