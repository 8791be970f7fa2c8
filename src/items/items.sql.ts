import { sql } from 'kysely';
import type { DB } from '../db/database.js';

export function findItemsByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('items').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

export function insertItem(db: DB, item: { accountId: string; sku: string; name: string }) {
  return db
    .insertInto('items')
    .values({ account_id: item.accountId, sku: item.sku, name: item.name })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** `%` and `_` in what a person types are literal characters, not wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The catalogue's sort key: SKU, then id. */
export interface ItemKey {
  sku: string;
  id: string;
}

/**
 * One page of the catalogue ordered by SKU, then id: keyset pagination, so a deep page costs what
 * the first does (index items_account_sku_order_idx).
 */
export function pageItems(db: DB, page: { accountId: string; search: string | null; after: ItemKey | null; limit: number }) {
  let query = db.selectFrom('items').selectAll().where('account_id', '=', page.accountId);
  if (page.search) {
    const pattern = containsPattern(page.search);
    query = query.where((eb) => eb.or([eb('sku', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  if (page.after) {
    const { sku, id } = page.after;
    query = query.where(sql<boolean>`(sku, id) > (${sku}, ${id}::bigint)`);
  }
  return query.orderBy('sku').orderBy('id').limit(page.limit).execute();
}
