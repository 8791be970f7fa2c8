import type { AppConfig } from '../config/config.js';
import type { DB } from '../db/database.js';
import { findEmployeeByEmail } from '../employees/employees.sql.js';
import { normalizeEmail } from '../employees/employees.service.js';
import { InvalidCredentialsError, NotFoundError } from '../errors/domain-errors.js';
import { shareLockNegativeInventorySetting } from '../inventory/ledger.sql.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSessionByTokenHash,
  insertApiKey,
  insertSession,
  revokeApiKey as revokeApiKeyRow,
  useApiKeyByTokenHash,
} from './auth.sql.js';
import { passwordDecoy, verifyPassword } from './passwords.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import { bearerToken, constantTimeEquals, hashToken, newToken, tokenKind } from './tokens.js';
import type { AccountCaller, Caller, EmployeeCaller } from './viewer.js';

/** Resolves an Authorization header to a caller; null for anything missing, unknown or expired. */
export async function authenticate(db: DB, config: AppConfig, authorization: string | null | undefined): Promise<Caller | null> {
  const token = bearerToken(authorization);
  if (!token) return null;
  switch (tokenKind(token)) {
    case 'session': {
      const session = await findSessionByTokenHash(db, hashToken(token));
      return session
        ? {
            kind: 'employee',
            accountId: session.account_id,
            employeeId: session.employee_id,
            role: session.role,
            sessionId: session.id,
            negativeInventoryEnabled: session.negative_inventory_enabled,
          }
        : null;
    }
    case 'apiKey': {
      const key = await useApiKeyByTokenHash(db, hashToken(token));
      return key ? { kind: 'apiKey', accountId: key.account_id, apiKeyId: key.id } : null;
    }
    default:
      return constantTimeEquals(token, config.operatorToken) ? { kind: 'operator' } : null;
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
  await attempt.throttle.check(email, attempt.clientAddress);
  const employee = await findEmployeeByEmail(db, email);
  // The same work and the same error whether the e-mail is unknown or the password wrong.
  const passwordMatches = await verifyPassword(credentials.password, employee?.password_hash ?? (await passwordDecoy()));
  if (!employee || !passwordMatches) {
    await attempt.throttle.recordFailure(email, attempt.clientAddress);
    throw new InvalidCredentialsError();
  }
  await attempt.throttle.recordSuccess(email);

  const { token, hash } = newToken('session');
  const session = await db.transaction().execute(async (trx) => {
    // Read under a shared lock: a switch of the setting waits for this sign-in to commit, so its
    // sessionsToRefresh counts this session too.
    const [setting] = await shareLockNegativeInventorySetting(trx, employee.account_id);
    if (!setting) throw new Error(`account ${employee.account_id} has no negative-inventory setting`);
    await deleteExpiredSessions(trx, employee.account_id);
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

/** Ends the caller's session; its token is UNAUTHENTICATED from then on. */
export async function signOut(db: DB, caller: EmployeeCaller): Promise<boolean> {
  const result = await deleteSession(db, caller.accountId, caller.sessionId);
  return result.numDeletedRows > 0n;
}

export async function createApiKey(db: DB, caller: AccountCaller, name: string) {
  const { token, hash } = newToken('apiKey');
  const apiKey = await insertApiKey(db, { accountId: caller.accountId, name: name.trim(), tokenHash: hash });
  return { token, apiKey };
}

export async function revokeApiKey(db: DB, caller: AccountCaller, apiKeyGlobalId: string, apiKeyId: string | null) {
  const apiKey = apiKeyId ? await revokeApiKeyRow(db, caller.accountId, apiKeyId) : undefined;
  if (!apiKey) throw new NotFoundError(apiKeyGlobalId, 'API key');
  return apiKey;
}
