import { FixedBuffer, Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { DB } from '../db/database.js';
import { findAdjustmentsByIds, type AdjustmentRow } from '../inventory/ledger.sql.js';
import { findItemsByIds } from '../items/items.sql.js';
import type { NotificationListener } from '../realtime/notification-listener.js';
import { findShopsByIds } from '../shops/shops.sql.js';
import { alertsChannel, findAlertsAfter, parseAlertsNotification, type AlertRow } from './alerts.sql.js';

// The live alert stream of one server process.
//
// A notification only says "account A has alerts up to id N". Each subscription keeps its
// position (the highest adjustment id it has read past) and, when woken, reads the alert rows
// after it from the table, in cursor order. Because cursors follow commit order (see the
// migration), reading "after my position" never skips an alert that commits later, so the same
// loop serves the backlog of a resumed stream, live alerts, and the catch-up after the listening
// connection was lost: none missed, none twice.
//
// Subscribers of an account that are at the same position share one read: the first to ask
// starts it and the others join it, so an event costs one query per account and process, not
// one per subscriber. The rows the alerts' fields show (items, shops, adjustments) come with it,
// and every subscriber is handed the same event objects: fan-out allocates little per subscriber.

/** The rows an alert's fields show, read with it once for every subscriber. */
export interface AlertRelatedRows {
  item: Awaited<ReturnType<typeof findItemsByIds>>[number] | undefined;
  shop: Awaited<ReturnType<typeof findShopsByIds>>[number] | undefined;
  adjustment: AdjustmentRow | undefined;
}

export type LiveAlert = AlertRow & { related: AlertRelatedRows };

export type AlertEvent =
  | { kind: 'alert'; alert: LiveAlert }
  /** The subscriber let more than `bufferSize` alerts pile up; the stream ends after this. */
  | { kind: 'overflow'; bufferSize: number; lastQueued: AlertRow | null };

type AlertBatch = Extract<AlertEvent, { kind: 'alert' }>[];

export interface AlertFeedOptions {
  /** Alerts a subscription may have queued, not yet taken by its transport, before it is ended. */
  bufferSize: number;
  /** Rows per read. */
  batchSize?: number;
  /** Wait before reading again after a failed read. */
  retryDelayMs?: number;
}

interface Follower {
  /** The highest adjustment id read past, over all the account's alerts whatever the shop filter. */
  position: bigint;
  wake(sequence: number, upTo: bigint | null): void;
  end(): void;
}

interface AccountFeed {
  followers: Set<Follower>;
  /**
   * Orders wake-ups and the start of reads. A follower woken at sequence s may only join a read
   * that started after s: an older read's snapshot may predate the commit that woke it.
   */
  sequence: number;
  reads: Map<string, { startedAt: number; batch: Promise<AlertBatch> }>;
}

export class AlertFeed {
  readonly #accounts = new Map<string, AccountFeed>();
  readonly #bufferSize: number;
  readonly #batchSize: number;
  readonly #retryDelayMs: number;
  #closed = false;

  constructor(
    private readonly db: DB,
    private readonly logger: Logger,
    options: AlertFeedOptions,
  ) {
    this.#bufferSize = options.bufferSize;
    this.#batchSize = Math.min(options.batchSize ?? 100, options.bufferSize);
    this.#retryDelayMs = options.retryDelayMs ?? 1_000;
  }

  /** Listens for committed alerts; resolves once LISTEN is in effect. */
  async start(listener: NotificationListener): Promise<void> {
    await listener.listen(alertsChannel, {
      notification: (payload) => {
        const notification = parseAlertsNotification(payload);
        if (!notification) {
          this.logger.warn({ payload }, 'ignored a malformed alerts notification');
          return;
        }
        const account = this.#accounts.get(notification.accountId);
        if (account) this.#wake(account, notification.lastAdjustmentId);
      },
      // Notifications were lost while the listener was down: every subscription reads again.
      resync: () => {
        for (const account of this.#accounts.values()) this.#wake(account, null);
      },
    });
  }

  get subscriberCount(): number {
    let count = 0;
    for (const account of this.#accounts.values()) count += account.followers.size;
    return count;
  }

  /**
   * The account's alerts after `afterAdjustmentId` (of one shop, or all), in cursor order: first
   * those already committed, then each new one once it commits, until the consumer returns or
   * the feed closes.
   *
   * Backpressure: each subscription queues at most bufferSize alerts its consumer has not taken.
   * While catching up, a full queue makes it wait for its consumer. Once caught up, live alerts
   * are queued without waiting, so one slow consumer never holds up a read the others share; if
   * its queue is full, it gets an `overflow` event and the stream ends (it can resume with
   * `after`, through the catch-up path).
   */
  subscribe(filter: { accountId: string; shopId: string | null; afterAdjustmentId: string }): AsyncIterableIterator<AlertEvent> {
    const queue = new FixedBuffer(this.#bufferSize);
    return new Repeater<AlertEvent>(async (push, stop) => {
      if (this.#closed) {
        stop();
        return;
      }
      let stopped = false;
      // One waiter at a time, resolved by a wake-up, the end, or a retry's timer.
      let waiter: (() => void) | null = null;
      const waitForSignal = () => new Promise<void>((resolve) => (waiter = resolve));
      const signal = () => {
        const resolve = waiter;
        waiter = null;
        resolve?.();
      };
      void stop.then(() => {
        stopped = true;
        signal();
      });

      const account = this.#accountFeed(filter.accountId);
      // Registering counts as a wake-up: the first read starts after it, so an alert committed
      // between the caller fixing `afterAdjustmentId` and now is read too.
      let wokenAt = ++account.sequence;
      let woken = true;
      const follower: Follower = {
        position: BigInt(filter.afterAdjustmentId),
        wake: (sequence, upTo) => {
          if (upTo !== null && upTo <= follower.position) return;
          wokenAt = sequence;
          woken = true;
          signal();
        },
        end: () => stop(),
      };
      account.followers.add(follower);

      let lastQueued: AlertRow | null = null;
      let caughtUp = false;
      try {
        while (!stopped) {
          if (!woken) {
            await waitForSignal();
            continue;
          }
          woken = false;
          const readAfterSequence = wokenAt;
          try {
            for (;;) {
              const batch = await this.#read(account, filter.accountId, follower.position, readAfterSequence);
              if (stopped) return;
              for (const event of batch) {
                const { alert } = event;
                follower.position = BigInt(alert.adjustment_id);
                if (filter.shopId !== null && alert.shop_id !== filter.shopId) continue;
                if (!queue.full) {
                  void push(event);
                } else if (caughtUp) {
                  void push({ kind: 'overflow', bufferSize: this.#bufferSize, lastQueued });
                  stop();
                  return;
                } else {
                  // Catching up: resolves once the consumer has taken one and this one is queued.
                  await push(event);
                  if (stopped) return;
                }
                lastQueued = alert;
              }
              if (batch.length < this.#batchSize) break;
            }
            caughtUp = true;
          } catch (error) {
            // The database may be briefly unreachable; the position is kept, so reading again
            // later loses nothing.
            this.logger.error({ err: error }, 'reading alerts for a subscription failed; retrying');
            woken = true;
            const retry = waitForSignal();
            const timer = setTimeout(signal, this.#retryDelayMs);
            await retry;
            clearTimeout(timer);
          }
        }
      } finally {
        account.followers.delete(follower);
        if (account.followers.size === 0 && this.#accounts.get(filter.accountId) === account) {
          this.#accounts.delete(filter.accountId);
        }
      }
    }, queue);
  }

  /** Ends every subscription (each gets what it has queued, then completes). */
  close(): void {
    this.#closed = true;
    for (const account of this.#accounts.values()) for (const follower of account.followers) follower.end();
  }

  #accountFeed(accountId: string): AccountFeed {
    let account = this.#accounts.get(accountId);
    if (!account) {
      account = { followers: new Set(), sequence: 0, reads: new Map() };
      this.#accounts.set(accountId, account);
    }
    return account;
  }

  #wake(account: AccountFeed, upTo: bigint | null): void {
    const sequence = ++account.sequence;
    for (const follower of account.followers) follower.wake(sequence, upTo);
  }

  /** The batch after `position`: a read already under way that started late enough, or a new one. */
  #read(account: AccountFeed, accountId: string, position: bigint, notBefore: number): Promise<AlertBatch> {
    const key = String(position);
    const shared = account.reads.get(key);
    if (shared && shared.startedAt > notBefore) return shared.batch;
    const read = { startedAt: ++account.sequence, batch: this.#fetchBatch(accountId, key) };
    account.reads.set(key, read);
    const forget = () => {
      if (account.reads.get(key) === read) account.reads.delete(key);
    };
    read.batch.then(forget, forget);
    return read.batch;
  }

  async #fetchBatch(accountId: string, afterAdjustmentId: string): Promise<AlertBatch> {
    const alerts = await findAlertsAfter(this.db, { accountId, shopId: null, afterAdjustmentId, limit: this.#batchSize });
    if (alerts.length === 0) return [];
    const distinct = (ids: string[]) => [...new Set(ids)];
    const [items, shops, adjustments] = await Promise.all([
      findItemsByIds(this.db, accountId, distinct(alerts.map((alert) => alert.item_id))),
      findShopsByIds(this.db, accountId, distinct(alerts.map((alert) => alert.shop_id))),
      findAdjustmentsByIds(this.db, accountId, alerts.map((alert) => alert.adjustment_id)),
    ]);
    const byId = <Row extends { id: string }>(rows: Row[]) => new Map(rows.map((row) => [row.id, row]));
    const [itemsById, shopsById, adjustmentsById] = [byId(items), byId(shops), byId(adjustments)];
    return alerts.map((alert) => ({
      kind: 'alert' as const,
      alert: {
        ...alert,
        related: {
          item: itemsById.get(alert.item_id),
          shop: shopsById.get(alert.shop_id),
          adjustment: adjustmentsById.get(alert.adjustment_id),
        },
      },
    }));
  }
}
