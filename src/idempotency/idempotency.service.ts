import { createHash } from 'node:crypto';
import type { DB } from '../db/database.js';
import { IdempotencyConflictError } from '../errors/domain-errors.js';

export interface IdempotencyScope {
  accountId: string;
  /** The mutation field: a key is scoped to the account and the operation (the contract). */
  operation: string;
  key: string | null | undefined;
  /** The request as the client sent it, without the key: a retry must match it exactly. */
  request: unknown;
}

/**
 * Runs `perform` at most once per (account, operation, key), inside the caller's transaction.
 *
 * The key row is inserted first. A concurrent request with the same key blocks on that insert
 * until the first commits (then it finds the row and replays the stored result) or rolls back
 * (then it goes ahead itself). So two retries racing each other still write once. The result is
 * stored as JSON, which is why `perform` returns plain, serializable data (ids and snapshots),
 * and a replay returns exactly what the first call returned.
 * A request that failed with a domain error rolled back, key row included: its retry runs afresh.
 */
export async function idempotent<Result extends object>(
  trx: DB,
  scope: IdempotencyScope,
  perform: () => Promise<Result>,
): Promise<Result> {
  if (!scope.key) return perform();
  const requestHash = hashRequest(scope.request);
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({
      account_id: scope.accountId,
      operation: scope.operation,
      key: scope.key,
      request_hash: requestHash,
      response: JSON.stringify({}),
    })
    .onConflict((conflict) => conflict.doNothing())
    .returning('key')
    .executeTakeFirst();

  if (!claimed) {
    const earlier = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('account_id', '=', scope.accountId)
      .where('operation', '=', scope.operation)
      .where('key', '=', scope.key)
      .executeTakeFirstOrThrow();
    if (earlier.request_hash !== requestHash) throw new IdempotencyConflictError();
    return earlier.response as Result;
  }

  const result = await perform();
  await trx
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(result) })
    .where('account_id', '=', scope.accountId)
    .where('operation', '=', scope.operation)
    .where('key', '=', scope.key)
    .execute();
  // Hand back what a replay would return, so the first answer and its retries are identical.
  return JSON.parse(JSON.stringify(result)) as Result;
}

/** A hash of the request that doesn't depend on the order of keys in its objects. */
function hashRequest(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      // An omitted optional field and an explicit null mean the same request.
      .filter(([, entry]) => entry !== undefined && entry !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
