import { FixedBuffer, Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { EventSink } from '../realtime/direct-delivery.js';
import { comparePositions, type LedgerPosition } from '../inventory/ledger-order.js';
import { alertPosition, type AlertReader, type LiveAlertEvent } from './alerts.reader.js';
import type { AlertRow } from './alerts.sql.js';

// One live subscription to an account's alerts: it catches up from its cursor by reading the
// table itself, then follows what the process's AlertReader (alerts.reader.ts) reads, without a
// gap or a repeat between the two, through a bounded buffer.
//
// The hand-over. The subscription follows the reader before it reads anything, and counts as
// caught up once it has read everything below the reader's latest read horizon: every alert the
// reader handed out before lies below that horizon (so the subscription read it itself), and every
// one it hands out later sorts after them. While catching up it ignores what the reader hands out
// and reads again until that holds; from then on it takes the reader's alerts that come after its
// own position (the two may overlap: its last catch-up read can be ahead of the reader's).

export type AlertEvent =
  | LiveAlertEvent
  /** The subscriber let more than `bufferSize` alerts pile up; the stream ends after this. */
  | { kind: 'overflow'; bufferSize: number; lastQueued: AlertRow | null };

export interface AlertSubscriptionOptions {
  /** Alerts a subscription may have queued, not yet taken by its transport, before it is ended. */
  bufferSize: number;
  /**
   * Hands alerts straight to the transport (graphql-ws: src/realtime/direct-delivery.ts) rather
   * than yielding them: no per-subscriber iterator between the reader and the socket. The stream
   * then yields nothing, and ends once the sink has written everything it took.
   */
  sink?: EventSink<AlertEvent>;
  /** Rows per catch-up read. */
  batchSize?: number;
  /** Wait before reading again after a failed catch-up read. */
  retryDelayMs?: number;
  logger: Logger;
}

export interface AlertSubscriptionFilter {
  accountId: string;
  /** Only this shop's alerts; null: all of the account's. */
  shopId: string | null;
  /** Alerts after this position: an alert's, or a horizon (id 0) for "from then on". */
  after: LedgerPosition;
}

/**
 * The account's alerts after `filter.after` (of one shop, or all), in cursor order: first those
 * already committed, then each new one once it commits, until the consumer returns or the reader
 * closes.
 *
 * Backpressure: the subscription queues at most bufferSize alerts its consumer has not taken.
 * While catching up, a full queue makes it wait for its consumer. Once caught up, live alerts are
 * queued without waiting, so one slow consumer never holds up the reader the others share; if its
 * queue is full, it gets an `overflow` event and the stream ends (it can resume with `after`,
 * through the catch-up path).
 */
export function subscribeToAlertStream(
  reader: AlertReader,
  filter: AlertSubscriptionFilter,
  options: AlertSubscriptionOptions,
): AsyncIterableIterator<AlertEvent> {
  const { bufferSize, logger, sink } = options;
  const batchSize = Math.min(options.batchSize ?? 100, bufferSize);
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const queue = new FixedBuffer(bufferSize);
  return new Repeater<AlertEvent>(async (push, stop) => {
    if (reader.closed) {
      stop();
      return;
    }
    let stopped = false;
    // One waiter at a time, resolved by the reader, the end, or a retry's timer.
    let waiter: (() => void) | null = null;
    const waitForSignal = () => new Promise<void>((resolve) => (waiter = resolve));
    const signal = () => {
      const resolve = waiter;
      waiter = null;
      resolve?.();
    };
    const end = () => {
      stopped = true;
      stop();
      signal();
    };
    void stop.then(() => {
      stopped = true;
      signal();
    });

    /** The last alert passed, over all the account's alerts whatever the shop filter. */
    let position = filter.after;
    /** Every alert below this horizon is at or before `position`. */
    let readBelow: LedgerPosition = { epoch: position.epoch, xid: position.xid, id: '0' };
    let live = false;
    let lastQueued: AlertRow | null = null;
    const wanted = (event: LiveAlertEvent) => filter.shopId === null || event.alert.shop_id === filter.shopId;

    const following = reader.follow(filter.accountId, {
      advanced: (events) => {
        if (!live) {
          // Catching up: the reader's horizon moved, which may be all it waits for.
          signal();
          return;
        }
        for (const event of events) {
          if (stopped) return;
          const at = alertPosition(event.alert);
          if (comparePositions(at, position) <= 0) continue;
          position = at;
          if (!wanted(event)) continue;
          if (sink ? !sink.offer(event) : queue.full) {
            const overflow = { kind: 'overflow' as const, bufferSize, lastQueued };
            if (sink) sink.offerLast(overflow);
            else void push(overflow);
            end();
            return;
          }
          if (!sink) void push(event);
          lastQueued = event.alert;
        }
      },
      end,
    });

    try {
      let readOnce = false;
      while (!stopped) {
        const readerHorizon = following.readHorizon();
        if (readerHorizon !== null && comparePositions(readerHorizon, readBelow) <= 0) {
          live = true;
          break;
        }
        // Read everything below our horizon but the reader hasn't read at all yet: wait for it.
        if (readerHorizon === null && readOnce) {
          await waitForSignal();
          continue;
        }
        let read;
        try {
          read = await reader.readAfter(filter.accountId, position, batchSize);
        } catch (error) {
          // The database may be briefly unreachable; the position is kept, so reading again later
          // loses nothing.
          logger.error({ err: error }, 'catching up on alerts for a subscription failed; retrying');
          const retry = waitForSignal();
          const timer = setTimeout(signal, retryDelayMs);
          await retry;
          clearTimeout(timer);
          continue;
        }
        readOnce = true;
        for (const event of read.events) {
          if (stopped) return;
          position = alertPosition(event.alert);
          if (!wanted(event)) continue;
          if (sink) {
            // Waits for the consumer while the sink is full, as the queue below does.
            await sink.room();
            if (stopped) return;
            sink.offer(event);
          }
          // Resolves once the consumer has taken one and this one is queued.
          else if (queue.full) await push(event);
          else void push(event);
          lastQueued = event.alert;
        }
        if (read.events.length < batchSize && comparePositions(read.horizon, readBelow) > 0) readBelow = read.horizon;
      }
      // Live: the reader's callbacks queue alerts until the stream stops.
      if (!stopped) await stop;
    } finally {
      following.unfollow();
      // The stream ends (and its transport says so) after the sink has written what it took.
      await sink?.drained();
    }
  }, queue);
}
