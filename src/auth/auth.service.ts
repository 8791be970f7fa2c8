import type { AppConfig } from '../config/config.js';
import type { DB } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { shareLockNegativeInventorySetting } from '../accounts/accounts.sql.js';
import { findEmployeeByEmail, replacePasswordHash } from '../employees/employees.sql.js';
import { normalizeEmail } from '../employees/employees.service.js';
import { InvalidCredentialsError, NotFoundError } from '../errors/domain-errors.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionByTokenHash,
  insertApiKey,
  insertSession,
  notifyAuthInvalidation,
  revokeApiKey as revokeApiKeyRow,
  useApiKeyByTokenHash,
} from './auth.sql.js';
import type { AuthInvalidation } from './auth-invalidations.js';
import type { CallerCache, FoundCaller } from './caller-cache.js';
import { hashPassword, needsRehash, passwordDecoy, verifyPassword } from './passwords.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import { bearerToken, constantTimeEquals, hashToken, newToken, parseToken, tokenKind, type TokenKind } from './tokens.js';
import type { AccountCaller, Caller, EmployeeCaller } from './viewer.js';

/**
 * Resolves an Authorization header to a caller; null for anything missing, unknown or expired.
 * With the process's callerCache, a token seen a moment ago is answered from memory (see
 * caller-cache.ts); without one, every call asks the database. With operatorTokenAttempt, wrong
 * operator tokens are counted and, past the limit, refused with RateLimitedError (thrown).
 * Transports don't call this with options of their own: they go through the server's one
 * authentication step (createAuthenticator in authenticator.ts), which binds the cache and throttle.
 */
export async function authenticate(
  db: DB,
  config: AppConfig,
  authorization: string | null | undefined,
  callerCache?: CallerCache | null,
  operatorTokenAttempt?: { throttle: SignInThrottle; clientAddress: string | null },
): Promise<Caller | null> {
  const token = bearerToken(authorization);
  if (!token) return null;
  const kind = tokenKind(token);
  // The operator token is compared in memory already: nothing to cache.
  if (kind === null) return operatorCaller(token, config, operatorTokenAttempt);
  // The cache is keyed by the hash of the whole token, account part included; the account is read
  // out of the token only when the database is asked.
  const tokenHash = hashToken(token);
  const lookUp = async () => {
    // A session or API-key prefix with an account part that no token ever had: nothing to look up.
    const parsed = parseToken(token);
    return parsed ? findCallerByTokenHash(db, kind, tokenHash, parsed.accountId) : null;
  };
  if (!callerCache) return (await lookUp())?.caller ?? null;
  return callerCache.getOrLoad(tokenHash, lookUp);
}

/**
 * A bearer token without a session or API-key prefix can only be the operator token. Wrong ones
 * are throttled per client address like sign-ins (RateLimitedError), where the transport tells the
 * right one from a wrong one: GraphQL over HTTP and the CSV routes. graphql-ws refuses the
 * operator token like any wrong token (4403), so it needs no throttle and passes none.
 */
async function operatorCaller(
  token: string,
  config: AppConfig,
  attempt: { throttle: SignInThrottle; clientAddress: string | null } | undefined,
): Promise<Caller | null> {
  await attempt?.throttle.countOperatorTokenAttempt(attempt.clientAddress);
  if (!constantTimeEquals(token, config.operatorToken)) return null;
  await attempt?.throttle.recordOperatorTokenSuccess(attempt.clientAddress);
  return { kind: 'operator' };
}

/**
 * The database's answer for a session or API-key token: an unexpired session, or an unrevoked key.
 * accountId: the account the token names, looked up within it; null for a token issued before
 * tokens named their account (parseToken), looked up by its hash alone. A token whose account
 * part was altered finds nothing either way: its hash is another token's.
 */
export async function findCallerByTokenHash(
  db: DB,
  kind: TokenKind,
  tokenHash: Buffer,
  accountId: string | null = null,
): Promise<FoundCaller | null> {
  switch (kind) {
    case 'session': {
      const session = await findSessionByTokenHash(db, tokenHash, accountId);
      return session
        ? {
            caller: {
              kind: 'employee',
              accountId: session.account_id,
              employeeId: session.employee_id,
              role: session.role,
              sessionId: session.id,
              negativeInventoryEnabled: session.negative_inventory_enabled,
              sessionExpiresAt: session.expires_at,
            },
            expiresAt: session.expires_at,
          }
        : null;
    }
    case 'apiKey': {
      // Records last_used_at when it is over a minute old. With the caller cache a busy key
      // reaches this about once per AUTH_CACHE_TTL_MS (at most a minute) instead of on every
      // request, so the column trails real use by that TTL at most, on top of the minute.
      const key = await useApiKeyByTokenHash(db, tokenHash, accountId);
      return key ? { caller: { kind: 'apiKey', accountId: key.account_id, apiKeyId: key.id }, expiresAt: null } : null;
    }
  }
}

/**
 * Starts a session. It copies the account's negative-inventory setting as it is now: the session
 * keeps that setting until it signs out, whatever the account changes meanwhile (the help article:
 * "employees currently signed in must sign out and sign back in").
 */
export async function signIn(
  db: DB,
  config: AppConfig,
  credentials: { email: string; password: string },
  attempt: { throttle: SignInThrottle; clientAddress: string | null },
) {
  const email = normalizeEmail(credentials.email);
  // Counted before the password is hashed: parallel guesses each take a point first, so no more
  // of them than the limit allows get as far as the hash.
  await attempt.throttle.countAttempt(email, attempt.clientAddress);
  let employee: Awaited<ReturnType<typeof findEmployeeByEmail>>;
  let passwordMatches: boolean;
  try {
    employee = await findEmployeeByEmail(db, email);
    // The same work and the same error whether the e-mail is unknown or the password wrong.
    passwordMatches = await verifyPassword(credentials.password, employee?.password_hash ?? (await passwordDecoy()));
  } catch (error) {
    // No answer (the database is down, say): not a guess, so it doesn't count.
    await attempt.throttle.refundAttempt(email, attempt.clientAddress);
    throw error;
  }
  if (!employee || !passwordMatches) throw new InvalidCredentialsError();
  await attempt.throttle.recordSuccess(email, attempt.clientAddress);
  // Hashes made before the current algorithm or parameters are upgraded now that the password is
  // known (it is never stored). Hashed before the transaction, which then only writes it.
  const upgradedHash = needsRehash(employee.password_hash) ? await hashPassword(credentials.password) : null;

  const { token, hash } = newToken('session', employee.account_id);
  const session = await inTransaction(db, async (trx) => {
    // Read under a shared lock: a switch of the setting waits for this sign-in to commit, so its
    // sessionsToRefresh counts this session too.
    const [setting] = await shareLockNegativeInventorySetting(trx, employee.account_id);
    if (!setting) throw new Error(`account ${employee.account_id} has no negative-inventory setting`);
    await deleteExpiredSessions(trx, employee.account_id);
    if (upgradedHash) {
      await replacePasswordHash(trx, {
        accountId: employee.account_id,
        id: employee.id,
        verifiedHash: employee.password_hash,
        newHash: upgradedHash,
      });
    }
    return insertSession(trx, {
      accountId: employee.account_id,
      employeeId: employee.id,
      tokenHash: hash,
      negativeInventoryEnabled: setting.enabled,
      expiresAt: new Date(Date.now() + config.sessionTtlMs),
    });
  });
  return { token, employee, session };
}

/**
 * Ends the caller's session; its token is UNAUTHENTICATED from then on, on every server instance.
 * Pass this process's callerCache so that it forgets the token before the answer goes out (other
 * instances forget it when the notification arrives).
 */
export async function signOut(db: DB, caller: EmployeeCaller, callerCache?: CallerCache | null): Promise<boolean> {
  const invalidation: AuthInvalidation = { kind: 'session', accountId: caller.accountId, sessionId: caller.sessionId };
  const signedOut = await inTransaction(db, async (trx) => {
    const result = await deleteSession(trx, caller.accountId, caller.sessionId);
    if (result.numDeletedRows === 0n) return false;
    await notifyAuthInvalidation(trx, invalidation);
    return true;
  });
  callerCache?.invalidate(invalidation);
  return signedOut;
}

export async function createApiKey(db: DB, caller: AccountCaller, name: string) {
  const { token, hash } = newToken('apiKey', caller.accountId);
  const apiKey = await insertApiKey(db, { accountId: caller.accountId, name: name.trim(), tokenHash: hash });
  return { token, apiKey };
}

/**
 * Revokes one of the account's keys; its token is UNAUTHENTICATED from then on, on every server
 * instance (callerCache: as for signOut).
 */
export async function revokeApiKey(
  db: DB,
  caller: AccountCaller,
  apiKeyGlobalId: string,
  apiKeyId: string | null,
  callerCache?: CallerCache | null,
) {
  if (!apiKeyId) throw new NotFoundError(apiKeyGlobalId, 'API key');
  const invalidation: AuthInvalidation = { kind: 'apiKey', accountId: caller.accountId, apiKeyId };
  const apiKey = await inTransaction(db, async (trx) => {
    const revoked = await revokeApiKeyRow(trx, caller.accountId, apiKeyId);
    if (revoked) await notifyAuthInvalidation(trx, invalidation);
    return revoked;
  });
  if (!apiKey) throw new NotFoundError(apiKeyGlobalId, 'API key');
  callerCache?.invalidate(invalidation);
  return apiKey;
}
