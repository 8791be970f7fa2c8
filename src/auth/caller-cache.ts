import { LRUCache } from 'lru-cache';
import type { AuthInvalidation } from './auth-invalidations.js';
import type { AccountCaller } from './viewer.js';

/** What a token lookup found in the database. */
export interface FoundCaller {
  caller: AccountCaller;
  /** When the session ends; null for an API key, which lasts until revoked. */
  expiresAt: Date | null;
}

export interface CallerCacheOptions {
  /** How long a caller is trusted without asking the database again. */
  ttlMs: number;
  maxEntries?: number;
}

/**
 * This process's memory of who a bearer token stands for, so that a busy client's requests don't
 * each cost a database round trip before any work starts.
 *
 * - Keyed by the token's SHA-256 (the same hash the tables hold), never the token itself, so a heap
 *   dump doesn't hand out working tokens.
 * - Only tokens the database accepted are kept: unknown tokens always go to the database, so
 *   someone trying random tokens can't fill the cache or push real callers out of it.
 * - An entry lives for ttlMs at most, never past its session's end, and goes at once when an
 *   AuthInvalidation names it (sign-out, revocation, the account's module switch: see
 *   auth-invalidations.ts). The TTL bounds how stale a caller can get when an invalidation is
 *   lost (the listening connection was down until its resync).
 * - Bounded: past maxEntries the least recently used caller goes (lru-cache: a well-kept LRU with
 *   per-entry TTLs and disposal hooks, which we need for the indexes below).
 */
export class CallerCache {
  readonly #ttlMs: number;
  readonly #callers: LRUCache<string, AccountCaller>;
  /**
   * Cache keys by the session or API key they stand for, and by account, so an invalidation finds
   * its entries without scanning them all. Kept in step with #callers through its dispose hook,
   * which runs on every removal (delete, clear, expiry, eviction, overwrite).
   */
  readonly #keyBySubject = new Map<string, string>();
  readonly #keysByAccount = new Map<string, Set<string>>();
  /**
   * Bumped by every invalidation. A lookup notes it before reading the database and stores its
   * result only if it is unchanged afterwards: a read that may predate an invalidation (it started
   * before the change committed, and finished after the invalidation arrived) would otherwise put
   * the revoked caller back. One counter for all accounts: invalidations are rare next to lookups,
   * and a lookup that can't store simply asks the database again next time.
   */
  #generation = 0;

  constructor(options: CallerCacheOptions) {
    this.#ttlMs = options.ttlMs;
    this.#callers = new LRUCache<string, AccountCaller>({
      max: options.maxEntries ?? 10_000,
      ttl: options.ttlMs,
      dispose: (caller, key) => this.#unindex(caller, key),
    });
  }

  /** Callers held now (expired ones may count until they are next touched or evicted). */
  get size(): number {
    return this.#callers.size;
  }

  /**
   * The caller for this token hash: from memory when it is there, otherwise from `load` (the
   * database), remembered when found.
   */
  async getOrLoad(tokenHash: Buffer, load: () => Promise<FoundCaller | null>): Promise<AccountCaller | null> {
    const key = cacheKey(tokenHash);
    const cached = this.#callers.get(key);
    if (cached) return cached;
    const generationBeforeRead = this.#generation;
    const found = await load();
    if (!found) return null;
    if (generationBeforeRead === this.#generation) this.#store(key, found);
    // Returned even when not stored: this request's read is as good as one that arrived a moment
    // earlier; only later requests must not reuse it.
    return found.caller;
  }

  /** Drops the callers the change makes out of date, and keeps lookups under way from storing. */
  invalidate(invalidation: AuthInvalidation): void {
    this.#generation++;
    const keys =
      invalidation.kind === 'account'
        ? [...(this.#keysByAccount.get(invalidation.accountId) ?? [])]
        : [this.#keyBySubject.get(subjectOf(invalidation))];
    for (const key of keys) if (key !== undefined) this.#callers.delete(key);
  }

  /** Forgets every caller (used when invalidations may have been missed). */
  clear(): void {
    this.#generation++;
    this.#callers.clear();
  }

  #store(key: string, { caller, expiresAt }: FoundCaller): void {
    // Never past the session's end: the database would refuse the token from then on.
    const ttl = Math.floor(expiresAt ? Math.min(this.#ttlMs, expiresAt.getTime() - Date.now()) : this.#ttlMs);
    // (lru-cache reads a TTL of 0 as "never expires".)
    if (ttl < 1) return;
    // Frozen: every request with this token shares the object.
    this.#callers.set(key, Object.freeze(caller), { ttl });
    // After set: overwriting an entry disposes (unindexes) the old one first.
    this.#keyBySubject.set(subjectOf(caller), key);
    let accountKeys = this.#keysByAccount.get(caller.accountId);
    if (!accountKeys) this.#keysByAccount.set(caller.accountId, (accountKeys = new Set()));
    accountKeys.add(key);
  }

  #unindex(caller: AccountCaller, key: string): void {
    const subject = subjectOf(caller);
    if (this.#keyBySubject.get(subject) === key) this.#keyBySubject.delete(subject);
    const accountKeys = this.#keysByAccount.get(caller.accountId);
    accountKeys?.delete(key);
    if (accountKeys?.size === 0) this.#keysByAccount.delete(caller.accountId);
  }
}

function cacheKey(tokenHash: Buffer): string {
  return tokenHash.toString('base64');
}

/** The session or API key a caller (or an invalidation) is about; one token each. */
function subjectOf(about: AccountCaller | Exclude<AuthInvalidation, { kind: 'account' }>): string {
  switch (about.kind) {
    case 'employee':
    case 'session':
      return `session:${about.accountId}:${about.sessionId}`;
    case 'apiKey':
      return `apiKey:${about.accountId}:${about.apiKeyId}`;
  }
}
