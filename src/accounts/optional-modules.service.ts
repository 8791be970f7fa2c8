import type { AuthInvalidation } from '../auth/auth-invalidations.js';
import { notifyAuthInvalidation } from '../auth/auth.sql.js';
import type { CallerCache } from '../auth/caller-cache.js';
import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { ModuleLockedError, NegativeInventoryOutstandingError } from '../errors/domain-errors.js';
import { countNegativeLevels, lockOutNegativeWrites } from '../inventory/ledger.sql.js';
import { countSessionsWithOtherSetting, lockModuleSetting, updateModuleSetting } from './accounts.sql.js';
import type { OptionalModuleName } from './accounts.tables.js';

/**
 * Turns an optional module on or off for the account (Settings > Optional Modules).
 *
 * Turning negative inventory off is refused on newer accounts (locked) and, on legacy accounts,
 * while any item at any shop is below zero; nothing is saved then. The check and the save hold the
 * setting row exclusively and then lockOutNegativeWrites' lock, which every write that leaves a
 * quantity below zero holds shared until it commits: so a sale going negative either commits
 * before the check (and is counted) or waits until the switch has committed. Sessions keep the
 * setting they signed in with, so after turning it off, sessions signed in earlier can still go
 * negative until they sign in again: that is the help article's rule, and `sessionsToRefresh`
 * says how many such sessions there are.
 *
 * A change also drops the account's callers from every instance's cache (callerCache: this
 * process's, dropped before the answer goes out; see src/auth/caller-cache.ts), so no request
 * after the switch is authenticated from a caller resolved before it.
 */
export async function setOptionalModule(
  db: DB,
  caller: AccountCaller,
  module: OptionalModuleName,
  enabled: boolean,
  callerCache?: CallerCache | null,
) {
  const invalidation: AuthInvalidation = { kind: 'account', accountId: caller.accountId };
  let changed = false;
  const result = await inTransaction(db, async (trx) => {
    const current = await lockModuleSetting(trx, caller.accountId, module);
    if (!enabled) {
      if (current.locked) throw new ModuleLockedError(module);
      await lockOutNegativeWrites(trx, caller.accountId);
      const negativeItemCount = await countNegativeLevels(trx, caller.accountId);
      if (negativeItemCount > 0) throw new NegativeInventoryOutstandingError(negativeItemCount);
    }
    const setting = current.enabled === enabled ? current : await updateModuleSetting(trx, caller.accountId, module, enabled);
    changed = current.enabled !== enabled;
    if (changed) await notifyAuthInvalidation(trx, invalidation);
    const sessionsToRefresh = await countSessionsWithOtherSetting(trx, caller.accountId, enabled);
    return { setting, sessionsToRefresh };
  });
  if (changed) callerCache?.invalidate(invalidation);
  return result;
}
