import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/config.js';
import { RateLimitedError } from '../errors/domain-errors.js';

/**
 * Slows password guessing: sign-in attempts that fail are counted per e-mail address and per client
 * address over a window (rate-limiter-flexible, in this process's memory; each instance counts its
 * own). Every attempt is counted before its password is checked and given back if it succeeds, so
 * parallel guesses can't slip past the limit together. The client address comes from
 * src/server/client-address.ts (X-Forwarded-For only with TRUST_PROXY), over HTTP and graphql-ws alike.
 * Past either limit, sign-in is refused with RATE_LIMITED before the password is checked — for
 * known and unknown e-mail addresses alike, so the limit reveals nothing about who has an account.
 * A successful sign-in clears the e-mail's count. Wrong operator tokens (a bearer token without a
 * session or API-key prefix that is not OPERATOR_TOKEN) are counted per client address the same way.
 */
export class SignInThrottle {
  readonly #byEmail: RateLimiterMemory;
  readonly #byAddress: RateLimiterMemory;
  readonly #operatorTokenByAddress: RateLimiterMemory;

  constructor(settings: AppConfig['signInThrottle']) {
    this.#byEmail = new RateLimiterMemory({ keyPrefix: 'email', points: settings.failuresPerEmail, duration: settings.windowSeconds });
    this.#byAddress = new RateLimiterMemory({
      keyPrefix: 'address',
      points: settings.failuresPerAddress,
      duration: settings.windowSeconds,
    });
    // Wrong operator tokens count apart from failed sign-ins, with the same per-address limit.
    this.#operatorTokenByAddress = new RateLimiterMemory({
      keyPrefix: 'operator-token',
      points: settings.failuresPerAddress,
      duration: settings.windowSeconds,
    });
  }

  /**
   * Counts a sign-in attempt against the e-mail and the client address before its password is
   * checked, and throws RATE_LIMITED when either has used up its attempts. Counting first (one
   * atomic increment each, rate-limiter-flexible's consume) is what keeps parallel guesses from
   * all passing a check made before any of them was recorded. A refused attempt checks no password,
   * so it gives its point back to the address; a successful one gives both back (recordSuccess).
   */
  async countAttempt(email: string, address: string | null): Promise<void> {
    if (address) await consumeOrRefuse(this.#byAddress, address);
    try {
      await consumeOrRefuse(this.#byEmail, email);
    } catch (error) {
      if (address) await this.#byAddress.reward(address, 1);
      throw error;
    }
  }

  /** The attempt got no answer (a failure of ours, not a wrong password): it doesn't count. */
  async refundAttempt(email: string, address: string | null): Promise<void> {
    await Promise.all([this.#byEmail.reward(email, 1), address ? this.#byAddress.reward(address, 1) : undefined]);
  }

  /** The attempt was right: its e-mail starts over, and it doesn't count against the address. */
  async recordSuccess(email: string, address: string | null): Promise<void> {
    await Promise.all([this.#byEmail.delete(email), address ? this.#byAddress.reward(address, 1) : undefined]);
  }

  /**
   * Counts an operator-token attempt against the client address before the token is compared
   * (atomically, as countAttempt), and throws RATE_LIMITED when the address has used up its
   * attempts: past the limit even the right token learns nothing. Without an address (in-process
   * requests) there is nothing to count by.
   */
  async countOperatorTokenAttempt(address: string | null): Promise<void> {
    if (address) await consumeOrRefuse(this.#operatorTokenByAddress, address, 'Too many wrong tokens');
  }

  /** The operator token was right: the attempt doesn't count. */
  async recordOperatorTokenSuccess(address: string | null): Promise<void> {
    if (address) await this.#operatorTokenByAddress.reward(address, 1);
  }
}

/** Takes one point, or throws RATE_LIMITED when none is left in the window. */
async function consumeOrRefuse(limiter: RateLimiterMemory, key: string, what?: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (rejection) {
    // rate-limiter-flexible rejects with the key's state (not an Error) when it is used up.
    if (rejection instanceof RateLimiterRes) throw rateLimited(rejection, what);
    throw rejection;
  }
}

function rateLimited(state: RateLimiterRes, what = 'Too many failed sign-in attempts'): RateLimitedError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new RateLimitedError(`${what}. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds);
}
