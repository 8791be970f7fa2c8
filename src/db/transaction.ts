import type { AccessMode, IsolationLevel, Transaction } from 'kysely';
import type { Database, DB } from './database.js';

export interface TransactionOptions {
  /** The server's default (read committed) when absent. */
  isolationLevel?: IsolationLevel;
  accessMode?: AccessMode;
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (the
 * error goes on to the caller, so a domain error thrown inside keeps nothing it wrote). The only
 * place the application begins a transaction; functions that lock rows or must run inside one
 * take its `Transaction<Database>` (as Kysely's own example does), so they can't be handed the
 * pool by mistake.
 *
 * Inside `work`, use `trx` and nothing else: on PGlite the outer `db` waits for the one session
 * this transaction holds, forever; on PostgreSQL it runs on another connection, outside the
 * transaction, without its locks and blind to its writes. A finished transaction refuses further
 * queries (Kysely's own guard), so `trx` can't escape the callback either.
 *
 * No retry policy: every transaction here takes its row locks in one fixed order (a count or a
 * transfer row before inventory rows, inventory rows by (item, shop); see ledger.sql.ts), so they
 * don't deadlock with each other; at read committed nothing fails for serialization; and the one
 * repeatable-read transaction (the negative inventory report) is read only, which PostgreSQL never
 * aborts for a serialization failure. A write that is one statement (a sale, a transfer sent, a
 * receipt: the stock-movement SQL functions) is a transaction on its own and doesn't come here:
 * BEGIN and COMMIT would cost it two more round trips.
 */
export function inTransaction<Result>(
  db: DB,
  work: (trx: Transaction<Database>) => Promise<Result>,
  options: TransactionOptions = {},
): Promise<Result> {
  let transaction = db.transaction();
  if (options.isolationLevel) transaction = transaction.setIsolationLevel(options.isolationLevel);
  if (options.accessMode) transaction = transaction.setAccessMode(options.accessMode);
  return transaction.execute(work);
}
