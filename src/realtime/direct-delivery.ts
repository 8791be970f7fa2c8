import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { serializedResult } from './shared-subscriptions.js';

// graphql-ws subscriptions to shared fields (src/realtime/shared-subscriptions.ts) write their
// events straight to their socket. The stream hands each event to the subscription's sink (see
// AlertSubscriptionOptions.sink); the sink takes its cohort's result (executed once, serialized
// once) and writes `{"id":…,"type":"next","payload":<result>}` at once. Between the reader and the
// socket there is then no per-subscriber iterator, promise chain or message serialization: what
// a subscriber costs per event is a string concatenation and its socket write, and writes never
// wait for each other (a slow socket only fills its own buffer).
//
// The bounded buffer is the same as a yielding stream's: events taken and not yet written out
// (queued behind an execution, or sent and not flushed to the kernel). Past bufferSize the
// stream ends with its overflow event, written after everything taken before it.

/** Where a stream hands its events instead of yielding them. */
export interface EventSink<Event> {
  /** Takes an event; false when the buffer is full (the subscriber is too slow). */
  offer(event: Event): boolean;
  /** Takes the stream's last event whatever the room (the overflow that ends it). */
  offerLast(event: Event): void;
  /** Resolves once it can take another event. */
  room(): Promise<void>;
  /** Resolves once everything it took is written out, or can't be (the operation ended). */
  drained(): Promise<void>;
}

type MaybePromise<T> = T | PromiseLike<T>;

function isPromiseLike<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export interface SocketDeliveryOptions {
  socket: WebSocket;
  /** The operation's id, and graphql-ws's operations of the socket: nothing is written once it is gone. */
  id: string;
  operations: Record<string, unknown>;
  bufferSize: number;
  /** An event's result: its cohort's, executed once (SharedEventResults.resultFor). */
  resultOf(event: unknown): MaybePromise<ExecutionResult>;
  /** The result to send when an execution failed outright (masked and logged by the caller). */
  failed(error: unknown): ExecutionResult;
  /** Whether a result ends the subscription once written (the size backstop's refusal). */
  ends(result: ExecutionResult): boolean;
}

export class SocketDelivery implements EventSink<unknown> {
  readonly #options: SocketDeliveryOptions;
  readonly #prefix: string;
  /** Results taken and not yet written, in order; the head may still be executing. */
  readonly #queue: MaybePromise<ExecutionResult>[] = [];
  #awaitingHead = false;
  /** Messages handed to the socket and not yet flushed to the kernel. */
  #unflushed = 0;
  #roomWaiter: (() => void) | null = null;
  /** A result that ends the subscription was written: nothing more is. */
  #ended = false;
  #drainWaiters: (() => void)[] = [];

  constructor(options: SocketDeliveryOptions) {
    this.#options = options;
    this.#prefix = `{"id":${JSON.stringify(options.id)},"type":"next","payload":`;
  }

  offer(event: unknown): boolean {
    if (this.#held() >= this.#options.bufferSize) return false;
    this.#take(event);
    return true;
  }

  offerLast(event: unknown): void {
    this.#take(event);
  }

  room(): Promise<void> {
    if (this.#held() < this.#options.bufferSize || !this.#open()) return Promise.resolve();
    return new Promise((resolve) => (this.#roomWaiter = resolve));
  }

  drained(): Promise<void> {
    if (this.#held() === 0 || !this.#open()) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #held(): number {
    return this.#queue.length + this.#unflushed;
  }

  #open(): boolean {
    const { socket, id, operations } = this.#options;
    return !this.#ended && socket.readyState === socket.OPEN && id in operations;
  }

  #take(event: unknown): void {
    let result: MaybePromise<ExecutionResult>;
    try {
      result = this.#options.resultOf(event);
    } catch (error) {
      result = this.#options.failed(error);
    }
    // The usual case once a cohort's execution is done: written at once, in order.
    if (this.#queue.length === 0 && !isPromiseLike(result)) this.#write(result);
    else {
      this.#queue.push(result);
      this.#pump();
    }
  }

  /** Writes the queue's results in order, waiting for the head's execution when it isn't done. */
  #pump(): void {
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      if (isPromiseLike(head)) {
        if (this.#awaitingHead) return;
        this.#awaitingHead = true;
        head.then(
          (result) => this.#resolveHead(result),
          (error: unknown) => this.#resolveHead(this.#options.failed(error)),
        );
        return;
      }
      this.#queue.shift();
      this.#write(head);
    }
    this.#settle();
  }

  #resolveHead(result: ExecutionResult): void {
    this.#awaitingHead = false;
    this.#queue[0] = result;
    this.#pump();
  }

  #write(result: ExecutionResult): void {
    if (!this.#open()) {
      this.#settle();
      return;
    }
    // A shared result carries its JSON; one with errors (each subscriber's own) is serialized here,
    // its GraphQLErrors by their toJSON, as graphql-ws would.
    const json = serializedResult(result) ?? JSON.stringify(result);
    this.#unflushed++;
    this.#options.socket.send(this.#prefix + json + '}', this.#flushed);
    if (this.#options.ends(result)) this.#end();
  }

  /**
   * Ends the operation as graphql-ws ends a stream that finished: returning the iterator it holds
   * stops the subscription's stream, and graphql-ws sends `complete` after this last result.
   */
  #end(): void {
    this.#ended = true;
    this.#queue.length = 0;
    const operation = this.#options.operations[this.#options.id] as { return?: () => unknown } | null | undefined;
    void operation?.return?.();
    this.#settle();
  }

  readonly #flushed = (): void => {
    this.#unflushed--;
    this.#settle();
  };

  #settle(): void {
    if (this.#roomWaiter && (this.#held() < this.#options.bufferSize || !this.#open())) {
      const resolve = this.#roomWaiter;
      this.#roomWaiter = null;
      resolve();
    }
    if (this.#drainWaiters.length > 0 && (this.#held() === 0 || !this.#open())) {
      const waiters = this.#drainWaiters;
      this.#drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
