import { FixedBuffer, Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { DB } from '../db/database.js';
import { comparePositions, type LedgerPosition } from '../inventory/ledger-order.js';
import { findAdjustmentsByIds, type AdjustmentRow } from '../inventory/ledger.sql.js';
import { findItemsByIds } from '../items/items.sql.js';
import type { NotificationListener } from '../realtime/notification-listener.js';
import { findShopsByIds } from '../shops/shops.sql.js';
import { alertsChannel, findAlertsAfterWithHorizon, parseAlertsNotification, type AlertRow } from './alerts.sql.js';

// The live alert stream of one server process.
//
// A notification only says "account A's transaction T wrote alerts". Each subscription keeps its
// position (in the ledger's order: src/inventory/ledger-order.ts) and, when woken, reads the alert
// rows after it from the table, below the horizon. Because a row that becomes visible later always
// sorts after everything read below an earlier horizon, reading "after my position" never skips an
// alert, so the same loop serves the backlog of a resumed stream, live alerts, and the catch-up
// after the listening connection was lost: none missed, none twice.
//
// A transaction can commit while an older one is still running somewhere on the server: its
// alerts stay above the horizon until that one ends, and nothing will notify again when it does.
// So the feed remembers, per account, the highest transaction it has reason to expect (one it was
// notified of; or, when a subscription starts or the listener reconnects, every transaction that
// had started by then, whose notifications it may have missed) and polls, backing off, until the
// horizon has passed it.
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
  /** The last alert read past, over all the account's alerts whatever the shop filter. */
  position: LedgerPosition;
  wake(sequence: number, written: LedgerPosition | null): void;
  end(): void;
}

interface BatchRead {
  events: AlertBatch;
  horizon: LedgerPosition;
  snapshotEnd: LedgerPosition;
}

interface AccountFeed {
  followers: Set<Follower>;
  /**
   * Orders wake-ups and the start of reads. A follower woken at sequence s may only join a read
   * that started after s: an older read's snapshot may predate the commit that woke it.
   */
  sequence: number;
  reads: Map<string, { startedAt: number; batch: Promise<BatchRead> }>;
  /** The highest transaction whose alerts may still be above the horizon; null when none. */
  awaiting: LedgerPosition | null;
  /** The next read's snapshot end is to be expected (a subscription started, or a resync). */
  expectSnapshotEnd: boolean;
  /** Polls until the horizon passes `awaiting`. */
  pollTimer: NodeJS.Timeout | null;
  pollDelayMs: number;
}

/** First and longest wait between reads while a transaction is still above the horizon. */
const firstPollDelayMs = 5;
const maxPollDelayMs = 500;

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
        if (account) {
          this.#expect(account, notification.written);
          this.#wake(account, notification.written);
        }
      },
      // Notifications were lost while the listener was down: every subscription reads again, and
      // expects every transaction that had started by its first read (see #fetchBatch).
      resync: () => {
        for (const account of this.#accounts.values()) {
          account.expectSnapshotEnd = true;
          this.#wake(account, null);
        }
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
  subscribe(filter: { accountId: string; shopId: string | null; after: LedgerPosition }): AsyncIterableIterator<AlertEvent> {
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
      // between the caller fixing `after` and now is read too; and that read's snapshot end is
      // expected, for transactions whose notification came before we were listening.
      let wokenAt = ++account.sequence;
      let woken = true;
      account.expectSnapshotEnd = true;
      const follower: Follower = {
        position: filter.after,
        wake: (sequence, written) => {
          // Past one of the transaction's rows, the follower read them once it had finished: all
          // of them. (At a horizon, id 0, it has read none of them yet.)
          if (written !== null && comparePositions(written, follower.position) < 0) return;
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
                follower.position = { epoch: alert.epoch, xid: alert.xid, id: alert.adjustment_id };
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
          if (account.pollTimer) clearTimeout(account.pollTimer);
          this.#accounts.delete(filter.accountId);
        }
      }
    }, queue);
  }

  /** Ends every subscription (each gets what it has queued, then completes). */
  close(): void {
    this.#closed = true;
    for (const account of this.#accounts.values()) {
      if (account.pollTimer) clearTimeout(account.pollTimer);
      for (const follower of account.followers) follower.end();
    }
  }

  #accountFeed(accountId: string): AccountFeed {
    let account = this.#accounts.get(accountId);
    if (!account) {
      account = {
        followers: new Set(),
        sequence: 0,
        reads: new Map(),
        awaiting: null,
        expectSnapshotEnd: false,
        pollTimer: null,
        pollDelayMs: firstPollDelayMs,
      };
      this.#accounts.set(accountId, account);
    }
    return account;
  }

  #wake(account: AccountFeed, written: LedgerPosition | null): void {
    const sequence = ++account.sequence;
    for (const follower of account.followers) follower.wake(sequence, written);
  }

  /** Raises what the account expects to `written`, if that is beyond it. */
  #expect(account: AccountFeed, written: LedgerPosition): void {
    if (account.awaiting === null || comparePositions(written, account.awaiting) > 0) account.awaiting = written;
  }

  /**
   * After a read under `horizon`: what it expected is below the horizon now (and so was read), or
   * it polls again a little later, backing off, while an older transaction holds the horizon back.
   */
  #settle(account: AccountFeed, horizon: LedgerPosition): void {
    if (account.awaiting !== null && comparePositions(account.awaiting, horizon) < 0) account.awaiting = null;
    if (account.awaiting === null) {
      account.pollDelayMs = firstPollDelayMs;
      return;
    }
    if (account.pollTimer || this.#closed) return;
    const delay = account.pollDelayMs;
    account.pollDelayMs = Math.min(maxPollDelayMs, delay * 2);
    account.pollTimer = setTimeout(() => {
      account.pollTimer = null;
      this.#wake(account, null);
    }, delay);
  }

  /** The batch after `position`: a read already under way that started late enough, or a new one. */
  #read(account: AccountFeed, accountId: string, position: LedgerPosition, notBefore: number): Promise<AlertBatch> {
    const key = `${position.epoch}:${position.xid}:${position.id}`;
    const shared = account.reads.get(key);
    if (shared && shared.startedAt > notBefore) return shared.batch.then((read) => read.events);
    const expectSnapshotEnd = account.expectSnapshotEnd;
    account.expectSnapshotEnd = false;
    const read = { startedAt: ++account.sequence, batch: this.#fetchBatch(accountId, position) };
    account.reads.set(key, read);
    const forget = () => {
      if (account.reads.get(key) === read) account.reads.delete(key);
    };
    read.batch.then(forget, () => {
      forget();
      // The read failed: whoever asked for the snapshot end still needs one.
      if (expectSnapshotEnd) account.expectSnapshotEnd = true;
    });
    return read.batch.then(({ events, horizon, snapshotEnd }) => {
      if (expectSnapshotEnd && comparePositions(snapshotEnd, horizon) > 0) this.#expect(account, snapshotEnd);
      this.#settle(account, horizon);
      return events;
    });
  }

  async #fetchBatch(accountId: string, after: LedgerPosition): Promise<BatchRead> {
    const { alerts, horizon, snapshotEnd } = await findAlertsAfterWithHorizon(this.db, { accountId, after, limit: this.#batchSize });
    if (alerts.length === 0) return { events: [], horizon, snapshotEnd };
    const distinct = (ids: string[]) => [...new Set(ids)];
    const [items, shops, adjustments] = await Promise.all([
      findItemsByIds(this.db, accountId, distinct(alerts.map((alert) => alert.item_id))),
      findShopsByIds(this.db, accountId, distinct(alerts.map((alert) => alert.shop_id))),
      findAdjustmentsByIds(this.db, accountId, alerts.map((alert) => alert.adjustment_id)),
    ]);
    const byId = <Row extends { id: string }>(rows: Row[]) => new Map(rows.map((row) => [row.id, row]));
    const [itemsById, shopsById, adjustmentsById] = [byId(items), byId(shops), byId(adjustments)];
    const events = alerts.map((alert) => ({
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
    return { events, horizon, snapshotEnd };
  }
}
