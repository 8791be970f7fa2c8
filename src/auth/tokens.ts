import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens: 32 random bytes, with a prefix that says what kind of token it is (so a lookup
 * goes to one table, and a leaked token is recognisable in logs and secret scanners).
 * Only a SHA-256 of each token is stored: they carry 256 bits of entropy, so a fast hash is
 * enough, and a stolen table can't be replayed.
 */
export type TokenKind = 'session' | 'apiKey';

const prefixes: Record<TokenKind, string> = { session: 'nis_', apiKey: 'nik_' };

export function newToken(kind: TokenKind): { token: string; hash: Buffer } {
  const token = prefixes[kind] + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
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
