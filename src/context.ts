import type { Logger } from 'pino';
import type { AlertReader } from './alerts/alerts.reader.js';
import type { CallerCache } from './auth/caller-cache.js';
import type { SignInThrottle } from './auth/sign-in-throttle.js';
import type { AccountCaller, Caller, EmployeeCaller } from './auth/viewer.js';
import type { AppConfig } from './config/config.js';
import type { DB } from './db/database.js';
import type { EventSink } from './realtime/direct-delivery.js';

/** What every resolver sees. Built per request by the server; see src/app.ts. */
export interface Context {
  db: DB;
  config: AppConfig;
  logger: Logger;
  /** This process's reader of live alerts, which subscriptions follow. */
  alerts: AlertReader;
  /** Null when the request carried no token, or one that is unknown, revoked or expired. */
  caller: Caller | null;
  /**
   * This process's callers by token; null when AUTH_CACHE_TTL_MS is 0. Services that end a
   * session or change what a caller carries drop the entries through it (src/auth/caller-cache.ts).
   */
  callerCache: CallerCache | null;
  /** The id logged with this request and returned in `x-request-id` and in masked errors. */
  requestId: string;
  /** The client's IP address, where the transport knows it. */
  clientAddress: string | null;
  signInThrottle: SignInThrottle;
  /**
   * A graphql-ws subscription to a shared field: where its stream hands events for the transport to
   * execute (once per cohort) and write itself (src/realtime/direct-delivery.ts).
   */
  liveDelivery?: EventSink<unknown>;
}

/**
 * Resolvers behind scope-auth know a caller exists; these narrow the type and fail loudly if a
 * field was ever left without its scope.
 */
export function accountCaller(context: Context): AccountCaller {
  const { caller } = context;
  if (!caller || caller.kind === 'operator') throw new Error('field requires an account caller: missing authScopes');
  return caller;
}

export function employeeCaller(context: Context): EmployeeCaller {
  const { caller } = context;
  if (!caller || caller.kind !== 'employee') throw new Error('field requires an employee caller: missing authScopes');
  return caller;
}
