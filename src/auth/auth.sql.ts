import { sql, type Transaction } from 'kysely';
import type { Database, DB } from '../db/database.js';
import { authInvalidationsChannel, formatAuthInvalidation, type AuthInvalidation } from './auth-invalidations.js';

/**
 * accountId: the account the token names (src/auth/tokens.ts), which keeps the lookup within one
 * account (one shard, were the data distributed by account); null for a token issued before
 * tokens named their account, looked up by its hash alone (sessions_token_hash_account_key leads
 * with token_hash, so that is one index probe too, on one database).
 */
export function findSessionByTokenHash(db: DB, tokenHash: Buffer, accountId: string | null = null) {
  return db
    .selectFrom('sessions')
    .innerJoin('employees', (join) =>
      join.onRef('employees.account_id', '=', 'sessions.account_id').onRef('employees.id', '=', 'sessions.employee_id'),
    )
    .select([
      'sessions.account_id',
      'sessions.id',
      'sessions.employee_id',
      'sessions.negative_inventory_enabled',
      'sessions.expires_at',
      'employees.role',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .$if(accountId !== null, (query) => query.where('sessions.account_id', '=', accountId!))
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst();
}

/**
 * Finds an unrevoked key and records its use. last_used_at is written at most once a minute, so a
 * busy partner integration doesn't turn every read into a write. accountId: as for
 * findSessionByTokenHash (keys don't expire, so keys issued before tokens named their account
 * may be looked up by the hash alone for as long as they are used).
 */
export async function useApiKeyByTokenHash(db: DB, tokenHash: Buffer, accountId: string | null = null) {
  const key = await db
    .selectFrom('api_keys')
    .select(['account_id', 'id', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .$if(accountId !== null, (query) => query.where('account_id', '=', accountId!))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (key && (!key.last_used_at || Date.now() - key.last_used_at.getTime() > 60_000)) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: new Date() })
      .where('account_id', '=', key.account_id)
      .where('id', '=', key.id)
      .execute();
  }
  return key;
}

export function insertSession(
  db: DB,
  session: {
    accountId: string;
    employeeId: string;
    tokenHash: Buffer;
    negativeInventoryEnabled: boolean;
    expiresAt: Date;
  },
) {
  return db
    .insertInto('sessions')
    .values({
      account_id: session.accountId,
      employee_id: session.employeeId,
      token_hash: session.tokenHash,
      negative_inventory_enabled: session.negativeInventoryEnabled,
      expires_at: session.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function deleteSession(db: DB, accountId: string, sessionId: string) {
  return db.deleteFrom('sessions').where('account_id', '=', accountId).where('id', '=', sessionId).executeTakeFirst();
}

export function findSession(db: DB, accountId: string, sessionId: string) {
  return db.selectFrom('sessions').selectAll().where('account_id', '=', accountId).where('id', '=', sessionId).executeTakeFirst();
}

/** Expired sessions are never accepted; this only keeps the table small. */
export function deleteExpiredSessions(db: DB, accountId: string) {
  return db.deleteFrom('sessions').where('account_id', '=', accountId).where('expires_at', '<=', new Date()).execute();
}

export function insertApiKey(db: DB, key: { accountId: string; name: string; tokenHash: Buffer }) {
  return db
    .insertInto('api_keys')
    .values({ account_id: key.accountId, name: key.name, token_hash: key.tokenHash })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function revokeApiKey(db: DB, accountId: string, apiKeyId: string) {
  return db
    .updateTable('api_keys')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(new Date())) }))
    .where('account_id', '=', accountId)
    .where('id', '=', apiKeyId)
    .returningAll()
    .executeTakeFirst();
}

export function listApiKeys(db: DB, accountId: string) {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findApiKeysByIds(db: DB, accountId: string, ids: readonly string[]) {
  return db.selectFrom('api_keys').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

/**
 * Tells every server instance to drop the callers this change makes out of date. Call it in the
 * transaction that makes the change: the notification goes out when it commits, never on rollback.
 */
export async function notifyAuthInvalidation(trx: Transaction<Database>, invalidation: AuthInvalidation): Promise<void> {
  await sql`select pg_notify(${authInvalidationsChannel}, ${formatAuthInvalidation(invalidation)})`.execute(trx);
}
