import type { Logger } from 'pino';
import type { NotificationListener } from '../realtime/notification-listener.js';
import type { CallerCache } from './caller-cache.js';
import type { AccountCaller } from './viewer.js';

// Changes that make callers some server instance may have cached out of date. The writing
// transaction NOTIFYs one on this channel (notifyAuthInvalidation in auth.sql.ts), so PostgreSQL
// and PGlite deliver it at commit and never on rollback; every instance listens and drops the
// matching cache entries and ends the connections (graphql-ws sockets, SSE streams) opened with a
// token that stopped being valid (src/realtime/live-connections.ts). The instance that made the
// change also drops its cache entries itself right after its commit, so its own next request
// never waits for the notification.

export const authInvalidationsChannel = 'auth_invalidations';

export type AuthInvalidation =
  /** A session ended (signed out). */
  | { kind: 'session'; accountId: string; sessionId: string }
  /** A partner API key was revoked. */
  | { kind: 'apiKey'; accountId: string; apiKeyId: string }
  /** Something every caller of the account carries changed (the negative-inventory switch). */
  | { kind: 'account'; accountId: string };

/**
 * Payloads are `session:<account id>:<session id>`, `apiKey:<account id>:<key id>` or
 * `account:<account id>`: ids only, never tokens or their hashes.
 */
export function formatAuthInvalidation(invalidation: AuthInvalidation): string {
  switch (invalidation.kind) {
    case 'session':
      return `session:${invalidation.accountId}:${invalidation.sessionId}`;
    case 'apiKey':
      return `apiKey:${invalidation.accountId}:${invalidation.apiKeyId}`;
    case 'account':
      return `account:${invalidation.accountId}`;
  }
}

export function parseAuthInvalidation(payload: string): AuthInvalidation | null {
  const scoped = /^(session|apiKey):(\d{1,19}):(\d{1,19})$/.exec(payload);
  if (scoped) {
    const [kind, accountId, id] = [scoped[1], scoped[2]!, scoped[3]!];
    return kind === 'session' ? { kind: 'session', accountId, sessionId: id } : { kind: 'apiKey', accountId, apiKeyId: id };
  }
  const account = /^account:(\d{1,19})$/.exec(payload);
  return account ? { kind: 'account', accountId: account[1]! } : null;
}

/** Something of this process that holds on to callers and must hear of every change. */
export interface AuthInvalidationFollower {
  /** The change made these callers out of date. */
  invalidate(invalidation: AuthInvalidation): void;
  /** Invalidations may have been lost (or one was not understood): any caller may be out of date. */
  resync(): void;
}

/** The invalidation that names this caller's own session or API key (what signOut or revokeApiKey send). */
export function invalidationOf(caller: AccountCaller): Exclude<AuthInvalidation, { kind: 'account' }> {
  return caller.kind === 'employee'
    ? { kind: 'session', accountId: caller.accountId, sessionId: caller.sessionId }
    : { kind: 'apiKey', accountId: caller.accountId, apiKeyId: caller.apiKeyId };
}

/**
 * Keeps this process in step with every instance's changes: the caller cache first (so that what
 * the next followers look up again is read from the database), then the open connections.
 * Resolves once LISTEN is in effect.
 */
export async function followAuthInvalidations(
  listener: NotificationListener,
  followers: readonly AuthInvalidationFollower[],
  logger: Logger,
): Promise<void> {
  await listener.listen(authInvalidationsChannel, {
    notification: (payload) => {
      const invalidation = parseAuthInvalidation(payload);
      if (invalidation) {
        for (const follower of followers) follower.invalidate(invalidation);
      } else {
        // Not understood (a newer instance's format?): starting over is always safe.
        logger.warn({ payload }, 'malformed auth invalidation: resyncing every caller');
        for (const follower of followers) follower.resync();
      }
    },
    // Invalidations may have been lost while the listening connection was down, and we can't
    // tell which: every follower checks all it holds again.
    resync: () => {
      for (const follower of followers) follower.resync();
    },
  });
}

/** The caller cache as a follower: a lost invalidation means forgetting every caller. */
export function cacheFollower(cache: CallerCache): AuthInvalidationFollower {
  return { invalidate: (invalidation) => cache.invalidate(invalidation), resync: () => cache.clear() };
}
