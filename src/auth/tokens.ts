import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens: 32 random bytes, with a prefix that says what kind of token it is (so a lookup
 * goes to one table, and a leaked token is recognisable in logs and secret scanners), then the
 * account it belongs to: `nis_<accountId>.<secret>`, `nik_<accountId>.<secret>`. The account
 * lets the lookup filter by account_id, which goes to one account's shard were the data
 * distributed by account; base64url has no '.', so the first '.' ends the account. Tokens issued
 * before carry no account (`nis_<secret>`) and are still accepted, looked up by the hash alone.
 *
 * Only a SHA-256 of each token is stored: they carry 256 bits of entropy, so a fast hash is
 * enough, and a stolen table can't be replayed. The hash covers the whole token, account
 * included: a token whose account was altered has another hash and finds nothing.
 */
export type TokenKind = 'session' | 'apiKey';

const prefixes: Record<TokenKind, string> = { session: 'nis_', apiKey: 'nik_' };

export function newToken(kind: TokenKind, accountId: string): { token: string; hash: Buffer } {
  if (!isAccountId(accountId)) throw new Error(`not an account id: ${accountId}`);
  const token = `${prefixes[kind]}${accountId}.${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/**
 * A session or API-key token's kind and the account it names (null: a token issued before tokens
 * named their account). Null for a token of neither kind (the operator token, say), and for one
 * whose account part isn't an account id: no token was ever issued like that.
 */
export function parseToken(token: string): { kind: TokenKind; accountId: string | null } | null {
  const kind = tokenKind(token);
  if (kind === null) return null;
  const rest = token.slice(prefixes[kind].length);
  const dot = rest.indexOf('.');
  if (dot === -1) return { kind, accountId: null };
  const accountId = rest.slice(0, dot);
  return isAccountId(accountId) ? { kind, accountId } : null;
}

/** A positive bigint in its canonical decimal form (no sign, no leading zeros): accounts.id. */
function isAccountId(text: string): boolean {
  return /^[1-9][0-9]{0,18}$/.test(text) && BigInt(text) <= 9223372036854775807n;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith(prefixes.session)) return 'session';
  if (token.startsWith(prefixes.apiKey)) return 'apiKey';
  return null;
}

export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
