import type { Selectable } from 'kysely';
import type { AuthInvalidation } from '../auth/auth-invalidations.js';
import { notifyAuthInvalidation } from '../auth/auth.sql.js';
import type { CallerCache } from '../auth/caller-cache.js';
import type { AccountCaller } from '../auth/viewer.js';
import type { DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { ModuleLockedError, NegativeInventoryOutstandingError } from '../errors/domain-errors.js';
import { countNegativeLevels, lockOutNegativeWrites } from '../inventory/ledger.sql.js';
import { readNegativeRows } from '../reports/reports.service.js';
import { countSessionsWithOtherSetting, lockModuleSetting, updateModuleSetting } from './accounts.sql.js';
import type { AccountModulesTable, OptionalModuleName } from './accounts.tables.js';

type ModuleSettingRow = Selectable<AccountModulesTable>;

/** How many of the report's rows NegativeInventoryOutstandingError lists as blockers. */
export const maxBlockers = 50;

export interface SetOptionalModuleResult {
  setting: ModuleSettingRow;
  sessionsToRefresh: number;
  dryRun: boolean;
}

/** Carries a dry run's answer out of its transaction, which throwing rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: SetOptionalModuleResult) {
    super('Dry run: rolled back.');
  }
}

/**
 * Turns an optional module on or off for the account (Settings > Optional Modules).
 *
 * Turning negative inventory off is refused on newer accounts (locked) and, on legacy accounts,
 * while any item at any shop is below zero; nothing is saved then, and the refusal lists the first
 * rows of the negative inventory report (blockers, in the report's order). The check and the save
 * hold the setting row exclusively and then lockOutNegativeWrites' lock, which every write that
 * leaves a quantity below zero holds shared until it commits: so a sale going negative either
 * commits before the check (and is counted) or waits until the switch has committed. Sessions keep
 * the setting they signed in with, so after turning it off, sessions signed in earlier can still go
 * negative until they sign in again: that is the help article's rule, and `sessionsToRefresh`
 * says how many such sessions there are.
 *
 * A change also drops the account's callers from every instance's cache (callerCache: this
 * process's, dropped before the answer goes out; see src/auth/caller-cache.ts), so no request
 * after the switch is authenticated from a caller resolved before it.
 *
 * A dry run goes through the same steps (the same locks, reads and the update itself, so its answer
 * is the real call's, updatedAt included) and then rolls its transaction back: the setting stays
 * as it was, and no invalidation is sent (NOTIFY nor this process's cache), as nothing changed.
 */
export async function setOptionalModule(
  db: DB,
  caller: AccountCaller,
  module: OptionalModuleName,
  enabled: boolean,
  callerCache?: CallerCache | null,
  options: { dryRun?: boolean | null } = {},
): Promise<SetOptionalModuleResult> {
  const dryRun = options.dryRun ?? false;
  const invalidation: AuthInvalidation = { kind: 'account', accountId: caller.accountId };
  let changed = false;
  try {
    const result = await inTransaction(db, async (trx) => {
      const current = await lockModuleSetting(trx, caller.accountId, module);
      if (!enabled) {
        if (current.locked) throw new ModuleLockedError(module);
        await lockOutNegativeWrites(trx, caller.accountId);
        const negativeItemCount = await countNegativeLevels(trx, caller.accountId);
        if (negativeItemCount > 0) {
          const blockers = await readNegativeRows(
            trx,
            { accountId: caller.accountId, shopId: null, search: null, reasons: null },
            { after: null, limit: maxBlockers },
          );
          throw new NegativeInventoryOutstandingError(negativeItemCount, blockers);
        }
      }
      const setting = current.enabled === enabled ? current : await updateModuleSetting(trx, caller.accountId, module, enabled);
      changed = current.enabled !== enabled;
      if (changed && !dryRun) await notifyAuthInvalidation(trx, invalidation);
      const sessionsToRefresh = await countSessionsWithOtherSetting(trx, caller.accountId, enabled);
      if (dryRun) throw new DryRunRollback({ setting, sessionsToRefresh, dryRun });
      return { setting, sessionsToRefresh, dryRun };
    });
    if (changed) callerCache?.invalidate(invalidation);
    return result;
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}
