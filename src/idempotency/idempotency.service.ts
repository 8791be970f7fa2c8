import { createHash } from 'node:crypto';

// Exactly-once writes: a key is scoped to the account and the mutation field (the contract). The
// claim, the replay and the stored answer happen inside each write's SQL function
// (idempotency_claim and idempotency_store in migrations/2026-12-02T0200_stock_movement_functions.ts),
// so a write with a key is still one round trip. A retry must send the same request: its hash,
// made here, is what the function compares.

/**
 * A hash of the request as the client sent it, without the key, that doesn't depend on the order
 * of keys in its objects; an omitted optional field and an explicit null mean the same request.
 */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined && entry !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The key and the hash a write's SQL function takes: both null without a key. */
export function idempotencyArguments(input: { idempotencyKey?: string | null }): { key: string | null; hash: string | null } {
  const { idempotencyKey, ...request } = input;
  return idempotencyKey ? { key: idempotencyKey, hash: requestHash(request) } : { key: null, hash: null };
}
