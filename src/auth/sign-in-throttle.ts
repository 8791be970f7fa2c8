import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/config.js';

/**
 * Slows password guessing: failed sign-ins are counted per e-mail address and per client address
 * over a window (rate-limiter-flexible, in this process's memory; each instance counts its own).
 * Past either limit, sign-in is refused with RATE_LIMITED before the password is checked — for
 * known and unknown e-mail addresses alike, so the limit reveals nothing about who has an account.
 * A successful sign-in clears the e-mail's count.
 */
export class SignInThrottle {
  readonly #byEmail: RateLimiterMemory;
  readonly #byAddress: RateLimiterMemory;

  constructor(settings: AppConfig['signInThrottle']) {
    this.#byEmail = new RateLimiterMemory({ keyPrefix: 'email', points: settings.failuresPerEmail, duration: settings.windowSeconds });
    this.#byAddress = new RateLimiterMemory({
      keyPrefix: 'address',
      points: settings.failuresPerAddress,
      duration: settings.windowSeconds,
    });
  }

  /** Throws RATE_LIMITED when this e-mail or address has used up its failed attempts. */
  async check(email: string, address: string | null): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([
      this.#byEmail.get(email),
      address ? this.#byAddress.get(address) : null,
    ]);
    const exhausted = [
      [byEmail, this.#byEmail.points],
      [byAddress, this.#byAddress.points],
    ] as const;
    for (const [state, points] of exhausted) {
      if (state && state.consumedPoints >= points) throw rateLimited(state);
    }
  }

  async recordFailure(email: string, address: string | null): Promise<void> {
    await Promise.all([
      this.#byEmail.penalty(email, 1),
      address ? this.#byAddress.penalty(address, 1) : undefined,
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.#byEmail.delete(email);
  }
}

function rateLimited(state: RateLimiterRes): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new GraphQLError(`Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 200 } },
  });
}
