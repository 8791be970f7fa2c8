import type { AppConfig } from '../config/config.js';
import type { DB } from '../db/database.js';
import { authenticate } from './auth.service.js';
import type { CallerCache } from './caller-cache.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import type { Caller } from './viewer.js';

/** What a transport knows of a request's credentials. */
export interface Credentials {
  /** `Bearer <token>`: the Authorization header, or the `authorization` of graphql-ws's connection_init. */
  authorization: string | null | undefined;
  /**
   * Given by transports whose answer tells the right operator token from a wrong one (GraphQL over
   * HTTP, SSE included, and the CSV routes): wrong ones are counted per client address like failed
   * sign-ins and, past the limit, refused with RateLimitedError (null: an in-process request,
   * nothing to count by). graphql-ws refuses the operator token like any wrong token (4403), and
   * looking an open connection's token up again guesses nothing: both leave it out.
   */
  operatorTokenAttempt?: { clientAddress: string | null };
}

/** Who the credentials stand for; null for anything missing, unknown, revoked or expired. */
export type Authenticate = (credentials: Credentials) => Promise<Caller | null>;

/**
 * The one authentication step of a server, for every transport: GraphQL over HTTP and SSE (the
 * request's context), graphql-ws (connection_init and every operation), the CSV routes, and the
 * live connections' checks of a token still open. All of them go through this process's caller
 * cache and count wrong operator tokens with the same throttle as sign-ins; what each does with
 * a failure (a status, a close code, a log line) is its own.
 */
export function createAuthenticator(
  db: DB,
  config: AppConfig,
  { callerCache, signInThrottle }: { callerCache: CallerCache | null; signInThrottle: SignInThrottle },
): Authenticate {
  return ({ authorization, operatorTokenAttempt }) =>
    authenticate(
      db,
      config,
      authorization,
      callerCache,
      operatorTokenAttempt && { throttle: signInThrottle, clientAddress: operatorTokenAttempt.clientAddress },
    );
}
