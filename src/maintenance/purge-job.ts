import type { Logger } from 'pino';
import type { DB } from '../db/database.js';

export interface PurgeSettings {
  /** Time between runs. */
  intervalMs: number;
  /** How long an idempotency key is kept after its write: at least 24 h (the contract). */
  idempotencyKeyRetentionMs: number;
  /** Rows deleted per statement. */
  batchSize?: number;
}

export interface PurgeCounts {
  sessions: number;
  idempotencyKeys: number;
}

/**
 * Deletes what nothing reads any more: sessions past their expiry (their tokens are refused from
 * then on anyway) and idempotency keys older than their retention. Nothing else removes them but
 * a sign-in, which only clears its own account's expired sessions.
 *
 * Each batch is one statement, its own short transaction: a long delete would hold back the
 * ledger's readers for every account (src/inventory/ledger-order.ts), and locks on many rows.
 * Rows another instance is deleting at the same moment are skipped (SKIP LOCKED), so instances
 * running the job together share the work instead of waiting for each other.
 */
export class PurgeJob {
  readonly #batchSize: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopping = false;

  constructor(
    private readonly db: DB,
    private readonly logger: Logger,
    private readonly settings: PurgeSettings,
  ) {
    this.#batchSize = settings.batchSize ?? 1000;
  }

  /** Purges everything due at `now`, batch by batch, and returns how many rows went. */
  async runOnce(now = new Date()): Promise<PurgeCounts> {
    const keysCreatedBefore = new Date(now.getTime() - this.settings.idempotencyKeyRetentionMs);
    const sessions = await this.#inBatches(() => this.#deleteExpiredSessions(now));
    const idempotencyKeys = await this.#inBatches(() => this.#deleteIdempotencyKeys(keysCreatedBefore));
    if (sessions > 0 || idempotencyKeys > 0) {
      this.logger.info({ sessions, idempotencyKeys }, 'purged expired sessions and idempotency keys');
    }
    return { sessions, idempotencyKeys };
  }

  /**
   * Runs every intervalMs until stopped. The first run comes a minute after start at the latest,
   * so that a server restarted more often than the interval still purges. A failed run is logged
   * and tried again at the next interval.
   */
  start(): void {
    this.#stopping = false;
    const tick = () => {
      this.#running = this.runOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'purging expired sessions and idempotency keys failed'))
        .finally(() => {
          this.#running = null;
          if (this.#timer) this.#timer = setTimeout(tick, this.settings.intervalMs).unref();
        });
    };
    this.#timer = setTimeout(tick, Math.min(this.settings.intervalMs, 60_000)).unref();
  }

  /** Stops the timer and waits for a run in progress, which ends after its current batch. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  async #inBatches(deleteBatch: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch();
      total += deleted;
      if (deleted < this.#batchSize || this.#stopping) return total;
    }
  }

  async #deleteExpiredSessions(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb(
          eb.refTuple('account_id', 'id'),
          'in',
          eb
            .selectFrom('sessions as expired')
            .select(['expired.account_id', 'expired.id'])
            .where('expired.expires_at', '<=', now)
            .limit(this.#batchSize)
            .forUpdate()
            .skipLocked()
            .$asTuple('account_id', 'id'),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async #deleteIdempotencyKeys(createdBefore: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where((eb) =>
        eb(
          eb.refTuple('account_id', 'operation', 'key'),
          'in',
          eb
            .selectFrom('idempotency_keys as old')
            .select(['old.account_id', 'old.operation', 'old.key'])
            // idempotency_keys_created_idx
            .where('old.created_at', '<', createdBefore)
            .limit(this.#batchSize)
            .forUpdate()
            .skipLocked()
            .$asTuple('account_id', 'operation', 'key'),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
