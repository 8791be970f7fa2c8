import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from './database.js';

// Reads that may lag the primary a little (the report, the ledger and its CSV exports, alert
// history, the analysis queries) go to a streaming replica (READ_DATABASE_URL) while it keeps up.
//
// How far behind the replica is, measured without trusting either server's clock: every check
// notes the primary's WAL position (pg_current_wal_lsn()) with the time we asked, then asks the
// replica how far it has replayed (pg_last_wal_replay_lsn()). The newest noted position the
// replica has replayed past says "the replica holds everything the primary had at that moment";
// its lag is how long ago that moment was. (pg_last_xact_replay_timestamp() would call a quiet
// primary's replica lagging, and a replica whose clock is off anything at all.)
//
// Why its cursors can be trusted: the ledger's and alerts' order (src/inventory/ledger-order.ts)
// hands out cursors only below the horizon of the snapshot a page was read in, and a standby's
// snapshots are the primary's transactions as replayed. A page read on the replica is a page the
// primary could have served a moment ago, and a reader moving between them (when the replica
// falls behind, or catches up again) continues from its cursor with nothing missed or repeated.

export interface ReadReplicaOptions {
  /** Past this lag, reads go to the primary (READ_REPLICA_MAX_LAG_SECONDS). */
  maxLagMs: number;
  /** How often the lag is measured. */
  checkIntervalMs?: number;
}

interface WalSample {
  at: number;
  lsn: bigint;
}

/** A pg_lsn's text form ("16/B374D848") as a number: the two halves are hex, high and low 32 bits. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

export class ReadReplica {
  readonly #checkIntervalMs: number;
  readonly #maxLagMs: number;
  /** The primary's WAL positions, oldest first, as far back as a lag worth measuring. */
  #samples: WalSample[] = [];
  #lagMs: number | null = null;
  /** Where reads go and why; null before the first check (the primary). */
  #state: 'replica' | 'behind' | 'unreachable' | null = null;
  #warnedNotStandby = false;
  #timer: NodeJS.Timeout | null = null;
  #checking: Promise<void> | null = null;

  constructor(
    private readonly primary: DB,
    readonly replica: DB,
    private readonly logger: Logger,
    options: ReadReplicaOptions,
  ) {
    this.#maxLagMs = options.maxLagMs;
    this.#checkIntervalMs = options.checkIntervalMs ?? 500;
  }

  /** Where reads that may lag go now: the replica while it keeps up, else the primary. */
  get db(): DB {
    return this.#state === 'replica' ? this.replica : this.primary;
  }

  /** The replica's lag at the last check (Infinity: behind every position noted); null when it could not be reached. */
  get lagMs(): number | null {
    return this.#lagMs;
  }

  /** Measures the lag once, then every checkIntervalMs. Reads stay on the primary until a check passes. */
  async start(): Promise<void> {
    await this.check();
    this.#timer = setInterval(() => void this.check(), this.#checkIntervalMs);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#checking;
  }

  /** One measurement (checks don't overlap: a slow replica is one check in flight, not a pile). */
  check(): Promise<void> {
    this.#checking ??= this.#measure().finally(() => {
      this.#checking = null;
    });
    return this.#checking;
  }

  async #measure(): Promise<void> {
    let lagMs: number;
    try {
      lagMs = await this.#measureLag();
    } catch (error) {
      if (this.#state !== 'unreachable')
        this.logger.warn({ err: error }, 'the read replica could not be reached; reading from the primary');
      this.#state = 'unreachable';
      this.#lagMs = null;
      return;
    }
    this.#lagMs = lagMs;
    // Logged when it changes (and after the first check), not at every check.
    const state = lagMs <= this.#maxLagMs ? 'replica' : 'behind';
    if (state !== this.#state) {
      const lag = Number.isFinite(lagMs) ? lagMs : 'behind every position noted';
      if (state === 'replica') this.logger.info({ lagMs: lag }, 'reading from the read replica');
      else this.logger.warn({ lagMs: lag, maxLagMs: this.#maxLagMs }, 'the read replica is too far behind; reading from the primary');
    }
    this.#state = state;
  }

  async #measureLag(): Promise<number> {
    const { rows: primaryRows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary);
    const at = Date.now();
    this.#samples.push({ at, lsn: parseLsn(primaryRows[0]!.lsn) });
    // Older samples than the largest lag worth telling apart from "too far behind" are dropped.
    while (this.#samples.length > 1 && this.#samples[0]!.at < at - 2 * this.#maxLagMs) this.#samples.shift();

    const { rows } = await sql<{ recovering: boolean; replayed: string | null }>`
      select pg_is_in_recovery() as recovering, pg_last_wal_replay_lsn()::text as replayed
    `.execute(this.replica);
    const [replica] = rows;
    if (!replica?.recovering || replica.replayed === null) {
      // Not a standby (the primary itself in a small setup, or a promoted replica): nothing to lag.
      if (!this.#warnedNotStandby) this.logger.warn('READ_DATABASE_URL is not a standby server; reading from it without a lag check');
      this.#warnedNotStandby = true;
      return 0;
    }
    const replayed = parseLsn(replica.replayed);
    for (let index = this.#samples.length - 1; index >= 0; index--) {
      const sample = this.#samples[index]!;
      if (sample.lsn <= replayed) return Math.max(0, Date.now() - sample.at);
    }
    // Behind every position we noted: at least as old as the oldest, which (just after start) may
    // be too recent to tell. Too far behind, until a check says otherwise.
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * A root query field's `extensions` when it may be answered from the replica: what it reads may
 * lag by up to READ_REPLICA_MAX_LAG_SECONDS without surprising its callers. An operation reads the
 * replica only when every root field it selects is marked (src/server/read-routing.plugin.ts).
 */
export const readsFromReplica = { readsFromReplica: true } as const;
