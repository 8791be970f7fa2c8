import DataLoader from 'dataloader';
import { accountCaller, type Context } from '../context.js';

/**
 * A per-request, per-account batch loader by id: every `load` in one tick becomes one query, so
 * nested fields (an adjustment's item, a shortage's shop) never issue a query per row.
 * The account comes from the caller, so one account's loader can never return another's rows.
 */
export function defineLoader<Row extends { id: string }>(
  fetchByIds: (context: Context, accountId: string, ids: readonly string[]) => Promise<Row[]>,
): (context: Context) => DataLoader<string, Row | null> {
  const perRequest = new WeakMap<Context, DataLoader<string, Row | null>>();
  return (context) => {
    let loader = perRequest.get(context);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await fetchByIds(context, accountCaller(context).accountId, ids);
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      perRequest.set(context, loader);
    }
    return loader;
  };
}

/** For references the database guarantees (foreign keys): a miss is a bug, not a user error. */
export async function loadExisting<Row extends { id: string }>(
  loader: DataLoader<string, Row | null>,
  id: string,
  what: string,
): Promise<Row> {
  const row = await loader.load(id);
  if (!row) throw new Error(`${what} ${id} referenced but not found`);
  return row;
}

/** A relay node's `loadMany`: through the request's loader, so `node` and nested fields share it. */
export function loadNodes<Row extends { id: string }>(
  getLoader: (context: Context) => DataLoader<string, Row | null>,
): (ids: string[], context: Context) => Promise<(Row | null)[]> {
  return (ids, context) => Promise.all(ids.map((id) => getLoader(context).load(id)));
}

/**
 * A per-request loader of the rows that belong to each parent (a document's lines): one query for
 * all the parents a response shows, grouped by `parentIdOf`.
 */
export function defineGroupLoader<Row>(
  fetchByParentIds: (context: Context, accountId: string, parentIds: readonly string[]) => Promise<Row[]>,
  parentIdOf: (row: Row) => string,
): (context: Context) => DataLoader<string, Row[]> {
  const perRequest = new WeakMap<Context, DataLoader<string, Row[]>>();
  return (context) => {
    let loader = perRequest.get(context);
    if (!loader) {
      loader = new DataLoader(async (parentIds) => {
        const rows = await fetchByParentIds(context, accountCaller(context).accountId, parentIds);
        const byParent = new Map<string, Row[]>();
        for (const row of rows) {
          const parentId = parentIdOf(row);
          byParent.set(parentId, [...(byParent.get(parentId) ?? []), row]);
        }
        return parentIds.map((parentId) => byParent.get(parentId) ?? []);
      });
      perRequest.set(context, loader);
    }
    return loader;
  };
}
