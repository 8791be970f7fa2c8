import DataLoader from 'dataloader';
import type { Context } from '../context.js';
import { defineLoader, loadExisting } from '../db/loader.js';
import { findAccountsByIds, findModuleSettings } from './accounts.sql.js';

// A caller can only ever see its own account: the other ids are simply not fetched. (When only
// other accounts' ids were asked for, there is nothing to query: `in ()` is not valid SQL.)
export const accountLoader = defineLoader(async (context, accountId, ids) => {
  const own = ids.filter((id) => id === accountId);
  return own.length > 0 ? findAccountsByIds(context.db, own) : [];
});

export function loadAccount(context: Context, accountId: string) {
  return loadExisting(accountLoader(context), accountId, 'Account');
}

const moduleSettingsPerRequest = new WeakMap<Context, DataLoader<string, Awaited<ReturnType<typeof findModuleSettings>>>>();

export function moduleSettingsLoader(context: Context) {
  let loader = moduleSettingsPerRequest.get(context);
  if (!loader) {
    loader = new DataLoader(async (accountIds) => {
      const settings = await findModuleSettings(context.db, accountIds);
      return accountIds.map((accountId) => settings.filter((setting) => setting.account_id === accountId));
    });
    moduleSettingsPerRequest.set(context, loader);
  }
  return loader;
}
