import { defineLoader } from '../db/loader.js';
import { findAlertsByAdjustmentIds } from './alerts.sql.js';

/** Alerts are keyed by the adjustment that raised them: the ids here are those adjustments' ids. */
export const alertLoader = defineLoader((context, accountId, ids) => findAlertsByAdjustmentIds(context.db, accountId, ids));
