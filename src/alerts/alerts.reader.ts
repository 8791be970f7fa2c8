import type { Logger } from 'pino';
import type { DB } from '../db/database.js';
import { comparePositions, type LedgerPosition } from '../inventory/ledger-order.js';
import { findAdjustmentsByIds, type AdjustmentRow } from '../inventory/ledger.sql.js';
import { findItemsByIds } from '../items/items.sql.js';
import type { NotificationListener } from '../realtime/notification-listener.js';
import { findShopsByIds } from '../shops/shops.sql.js';
import { alertsChannel, findAlertsAfterWithHorizon, parseAlertsNotification, type AlertRow } from './alerts.sql.js';

// The reading side of live alerts: one AlertReader per server process. Each subscription's own
// side (catching up from its cursor, its buffer, its shop filter) is alerts.subscription.ts.
//
// A notification only says "account A's transaction T wrote alerts". For each account that has
// subscribers on this process, the reader keeps its place in the ledger's order (the head) and,
// when told of a commit, reads the account's alerts after the head, below the horizon (see
// src/inventory/ledger-order.ts), once for every subscriber of the account, with the rows their
// fields show (items, shops, adjustments), and hands the same event objects to each of them:
// fan-out costs one read per account and process, and allocates little per subscriber. A row that
// becomes visible later always sorts after everything read below an earlier horizon, so reading
// "after the head" never skips an alert nor reads one twice.
//
// A transaction can commit while an older one is still running somewhere on the server: its
// alerts stay above the horizon until that one ends, and nothing will notify again when it does.
// So the reader remembers, per account, the highest transaction it has reason to expect (one it
// was notified of; or, when it starts following an account or the listener reconnects, every
// transaction that had started by then, whose notification it may have missed) and polls, backing
// off, until the horizon has passed it.

/** The rows an alert's fields show, read with it once for every subscriber. */
export interface AlertRelatedRows {
  item: Awaited<ReturnType<typeof findItemsByIds>>[number] | undefined;
  shop: Awaited<ReturnType<typeof findShopsByIds>>[number] | undefined;
  adjustment: AdjustmentRow | undefined;
}

export type LiveAlert = AlertRow & { related: AlertRelatedRows };

/** An alert as the reader hands it out: one object, shared by every subscriber that gets it. */
export interface LiveAlertEvent {
  kind: 'alert';
  alert: LiveAlert;
}

/** A read of an account's alerts after a position. */
export interface AlertRead {
  /** In ledger order; at most the limit asked for. */
  events: LiveAlertEvent[];
  /** Every alert after the position and below this horizon is in `events`, unless the limit cut them off. */
  horizon: LedgerPosition;
  /** The end of the read's snapshot: transactions from here on had not started when it read. */
  snapshotEnd: LedgerPosition;
}

/** The position of an alert in the ledger's order (its adjustment's). */
export function alertPosition(alert: Pick<AlertRow, 'epoch' | 'xid' | 'adjustment_id'>): LedgerPosition {
  return { epoch: alert.epoch, xid: alert.xid, id: alert.adjustment_id };
}

/** One subscriber of an account's alerts, as the reader sees it. */
export interface AlertFollower {
  /**
   * After each read of the account: the alerts it found after the head, in ledger order (often
   * none: a poll, or a duplicate notification). Every alert reaches a follower at most once; the
   * ones read before it followed, it never gets (a subscription catches up on those itself).
   */
  advanced(events: readonly LiveAlertEvent[]): void;
  /** The reader is closing: end the subscription. */
  end(): void;
}

export interface AlertFollowing {
  /**
   * The horizon of the reader's latest read of the account, null before its first. Every alert the
   * reader has handed out so far lies below it, and every alert it hands out from now on sorts
   * after all of those: a subscription that has read everything below it is caught up.
   */
  readHorizon(): LedgerPosition | null;
  /** Stops following; the reader forgets the account once no one follows it. */
  unfollow(): void;
}

export interface AlertReaderOptions {
  /** Alerts per read. */
  batchSize?: number;
  /** Wait before reading again after a failed read. */
  retryDelayMs?: number;
}

interface AccountStream {
  accountId: string;
  followers: Set<AlertFollower>;
  /** The last alert handed out, or (before any) the horizon the reader started at; null before the first read. */
  head: LedgerPosition | null;
  /** The horizon of the latest read. */
  horizon: LedgerPosition | null;
  reading: boolean;
  /** Something may have committed since the read under way took its snapshot: read again after it. */
  readAgain: boolean;
  /** The highest transaction whose alerts may still be above the horizon; null when none. */
  awaiting: LedgerPosition | null;
  /** The next read's snapshot end is to be expected (the first read, or a resync). */
  expectSnapshotEnd: boolean;
  /** Polls until the horizon passes `awaiting`, or retries a failed read. */
  timer: NodeJS.Timeout | null;
  pollDelayMs: number;
}

/** First and longest wait between reads while a transaction is still above the horizon. */
const firstPollDelayMs = 5;
const maxPollDelayMs = 500;

/** Before every position: where a read that only wants the horizon starts. */
const origin: LedgerPosition = { epoch: 0, xid: '0', id: '0' };

export class AlertReader {
  readonly #accounts = new Map<string, AccountStream>();
  readonly #batchSize: number;
  readonly #retryDelayMs: number;
  #closed = false;

  constructor(
    private readonly db: DB,
    private readonly logger: Logger,
    options: AlertReaderOptions = {},
  ) {
    this.#batchSize = options.batchSize ?? 100;
    this.#retryDelayMs = options.retryDelayMs ?? 1_000;
  }

  /** Listens for committed alerts; resolves once LISTEN is in effect. */
  async start(listener: Pick<NotificationListener, 'listen'>): Promise<void> {
    await listener.listen(alertsChannel, {
      notification: (payload) => {
        const notification = parseAlertsNotification(payload);
        if (!notification) {
          this.logger.warn({ payload }, 'ignored a malformed alerts notification');
          return;
        }
        const stream = this.#accounts.get(notification.accountId);
        if (!stream) return;
        // Below the latest read's horizon, the transaction had finished when that read took its
        // snapshot: its alerts were read then (or will be by the read that continues a full one).
        if (stream.horizon !== null && comparePositions(notification.written, stream.horizon) < 0) return;
        this.#expect(stream, notification.written);
        this.#read(stream);
      },
      // Notifications were lost while the listener was down: read again, and expect every
      // transaction that had started by then.
      resync: () => {
        for (const stream of this.#accounts.values()) {
          stream.expectSnapshotEnd = true;
          this.#read(stream);
        }
      },
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Live subscriptions on this process. */
  get subscriberCount(): number {
    let count = 0;
    for (const stream of this.#accounts.values()) count += stream.followers.size;
    return count;
  }

  /**
   * Up to `limit` of the account's alerts after `after`, below the horizon, with the rows their
   * fields show: what the reader hands out, and what a subscription catches up with.
   */
  async readAfter(accountId: string, after: LedgerPosition, limit: number): Promise<AlertRead> {
    const { alerts, horizon, snapshotEnd } = await findAlertsAfterWithHorizon(this.db, { accountId, after, limit });
    if (alerts.length === 0) return { events: [], horizon, snapshotEnd };
    const distinct = (ids: string[]) => [...new Set(ids)];
    const [items, shops, adjustments] = await Promise.all([
      findItemsByIds(this.db, accountId, distinct(alerts.map((alert) => alert.item_id))),
      findShopsByIds(this.db, accountId, distinct(alerts.map((alert) => alert.shop_id))),
      findAdjustmentsByIds(
        this.db,
        accountId,
        alerts.map((alert) => alert.adjustment_id),
      ),
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

  /**
   * Hands `follower` every alert of the account the reader reads from now on. The first follower
   * of an account starts its reads: the first one only takes the horizon (and expects every
   * transaction already started, whose notification may have come before anyone listened).
   */
  follow(accountId: string, follower: AlertFollower): AlertFollowing {
    let stream = this.#accounts.get(accountId);
    if (!stream) {
      stream = {
        accountId,
        followers: new Set(),
        head: null,
        horizon: null,
        reading: false,
        readAgain: false,
        awaiting: null,
        expectSnapshotEnd: true,
        timer: null,
        pollDelayMs: firstPollDelayMs,
      };
      this.#accounts.set(accountId, stream);
      if (!this.#closed) this.#read(stream);
    }
    const followed = stream;
    followed.followers.add(follower);
    return {
      readHorizon: () => followed.horizon,
      unfollow: () => {
        followed.followers.delete(follower);
        if (followed.followers.size === 0 && this.#accounts.get(accountId) === followed) {
          if (followed.timer) clearTimeout(followed.timer);
          followed.timer = null;
          this.#accounts.delete(accountId);
        }
      },
    };
  }

  /** Ends every subscription (each gets what it has queued, then completes). */
  close(): void {
    this.#closed = true;
    for (const stream of this.#accounts.values()) {
      if (stream.timer) clearTimeout(stream.timer);
      stream.timer = null;
      for (const follower of [...stream.followers]) follower.end();
    }
  }

  #gone(stream: AccountStream): boolean {
    return this.#closed || this.#accounts.get(stream.accountId) !== stream;
  }

  /** Raises what the account expects to `written`, if that is beyond it. */
  #expect(stream: AccountStream, written: LedgerPosition): void {
    if (stream.awaiting === null || comparePositions(written, stream.awaiting) > 0) stream.awaiting = written;
  }

  /** Reads now, or right after the read under way (whose snapshot may predate what woke us). */
  #read(stream: AccountStream): void {
    if (stream.reading) {
      stream.readAgain = true;
      return;
    }
    void this.#readLoop(stream);
  }

  async #readLoop(stream: AccountStream): Promise<void> {
    stream.reading = true;
    try {
      do {
        stream.readAgain = false;
        const expectSnapshotEnd = stream.expectSnapshotEnd;
        stream.expectSnapshotEnd = false;
        let read: AlertRead;
        try {
          // The first read only takes the horizon: alerts below it are history, which a
          // subscription catches up on from its own cursor.
          read = await this.readAfter(stream.accountId, stream.head ?? origin, stream.head === null ? 0 : this.#batchSize);
        } catch (error) {
          // The database may be briefly unreachable; the head is kept, so reading again later
          // loses nothing.
          if (expectSnapshotEnd) stream.expectSnapshotEnd = true;
          if (this.#gone(stream)) return;
          this.logger.error({ err: error }, 'reading alerts failed; retrying');
          this.#later(stream, this.#retryDelayMs);
          return;
        }
        if (this.#gone(stream)) return;
        const { events, horizon, snapshotEnd } = read;
        const last = events.at(-1);
        stream.head = last ? alertPosition(last.alert) : (stream.head ?? horizon);
        stream.horizon = horizon;
        if (expectSnapshotEnd && comparePositions(snapshotEnd, horizon) > 0) this.#expect(stream, snapshotEnd);
        for (const follower of [...stream.followers]) follower.advanced(events);
        if (events.length === this.#batchSize) stream.readAgain = true;
        else this.#settle(stream, horizon);
      } while (stream.readAgain && !this.#gone(stream));
    } finally {
      stream.reading = false;
    }
  }

  /**
   * After a read under `horizon`: what the account expected is below the horizon now (and so was
   * read), or it polls again a little later, backing off, while an older transaction holds the
   * horizon back.
   */
  #settle(stream: AccountStream, horizon: LedgerPosition): void {
    if (stream.awaiting !== null && comparePositions(stream.awaiting, horizon) < 0) stream.awaiting = null;
    if (stream.awaiting === null) {
      stream.pollDelayMs = firstPollDelayMs;
      return;
    }
    const delay = stream.pollDelayMs;
    stream.pollDelayMs = Math.min(maxPollDelayMs, delay * 2);
    this.#later(stream, delay);
  }

  #later(stream: AccountStream, delayMs: number): void {
    if (stream.timer || this.#gone(stream)) return;
    stream.timer = setTimeout(() => {
      stream.timer = null;
      if (!this.#gone(stream)) this.#read(stream);
    }, delayMs);
  }
}
