import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { ModuleLockedError, NegativeInventoryOutstandingError } from '../errors/domain-errors.js';
import { countNegativeLevels } from '../inventory/ledger.sql.js';
import {
  countSessionsWithOtherSetting,
  lockModuleSetting,
  updateModuleSetting,
} from './accounts.sql.js';
import type { OptionalModuleName } from './accounts.tables.js';

/**
 * Turns an optional module on or off for the account (Settings > Optional Modules).
 *
 * Turning negative inventory off is refused on newer accounts (locked) and, on legacy accounts,
 * while any item at any shop is below zero; nothing is saved then. The check and the save hold the
 * setting row exclusively, and every write that leaves a quantity below zero holds it shared until
 * it commits: so a sale going negative either commits before the check (and is counted) or waits
 * until the switch has committed. Sessions keep the setting they signed in with, so after turning it
 * off, sessions signed in earlier can still go negative until they sign in again: that is the help
 * article's rule, and `sessionsToRefresh` says how many such sessions there are.
 */
export async function setOptionalModule(db: DB, caller: AccountCaller, module: OptionalModuleName, enabled: boolean) {
  return db.transaction().execute(async (trx) => {
    const current = await lockModuleSetting(trx, caller.accountId, module);
    if (!enabled) {
      if (current.locked) throw new ModuleLockedError(module);
      const negativeItemCount = await countNegativeLevels(trx, caller.accountId);
      if (negativeItemCount > 0) throw new NegativeInventoryOutstandingError(negativeItemCount);
    }
    const setting = current.enabled === enabled ? current : await updateModuleSetting(trx, caller.accountId, module, enabled);
    const sessionsToRefresh = await countSessionsWithOtherSetting(trx, caller.accountId, enabled);
    return { setting, sessionsToRefresh };
  });
}
