import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/database.js';

export interface HorizonLag {
  /** How long the oldest write transaction on the database server has been open. */
  seconds: number;
  /** Its backend's process id (pg_stat_activity.pid), when one is open. */
  pid: number | null;
}

/**
 * Watches the ledger horizon (src/inventory/ledger-order.ts): readers of the ledger and the alert
 * stream see nothing newer than the oldest write transaction still open anywhere on the database
 * server, so a transaction left open holds every account's alerts back. This measures how long
 * that has been, logs a warning (with the backend to look at) past a threshold, and keeps the
 * last reading for `/ready`. On PGlite nothing else can hold a transaction open: the lag is 0.
 */
export class HorizonMonitor {
  #last: HorizonLag = { seconds: 0, pid: null };
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DB,
    private readonly logger: Logger,
    private readonly warnSeconds: number,
  ) {}

  get last(): HorizonLag {
    return this.#last;
  }

  async measure(): Promise<HorizonLag> {
    const { rows } = await sql<{ seconds: number | null; pid: number | null }>`
      select extract(epoch from clock_timestamp() - oldest.xact_start)::float8 as seconds, oldest.pid
      from (
        select xact_start, pid from pg_stat_activity
        where backend_xid is not null
        order by xact_start
        limit 1
      ) oldest
    `.execute(this.db);
    const [oldest] = rows;
    this.#last = { seconds: Math.max(0, oldest?.seconds ?? 0), pid: oldest?.pid ?? null };
    if (this.#last.seconds > this.warnSeconds) {
      this.logger.warn(
        { horizonLagSeconds: Math.round(this.#last.seconds), pid: this.#last.pid },
        'a write transaction has been open on the database server long enough to delay the ledger and live alerts',
      );
    }
    return this.#last;
  }

  /** Measures every `intervalMs` until stopped; a failed measurement is logged and retried. */
  start(intervalMs = 5_000): void {
    const tick = () => {
      this.measure()
        .catch((error: unknown) => this.logger.debug({ err: error }, 'could not measure the ledger horizon'))
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, intervalMs).unref();
        });
    };
    this.#timer = setTimeout(tick, intervalMs).unref();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
