import { createClient, type Client } from 'graphql-ws/client';
import { alertSubscription, type Alert, type ResultOf } from './operations.js';

// The live alert stream over graphql-ws, resumable: it remembers the cursor of the last alert it
// delivered and, whenever the connection drops, opens a new one with `after: <that cursor>`. The
// server then sends every alert committed since, in order, and goes on live: none missed, none
// twice.
//
// graphql-ws's own retry is off (retryAttempts: 0) because it re-sends a subscription with the
// variables it started with: after a drop it would resume from the first cursor, not the last.
// So each connection is a client of its own, and this class owns reconnecting (with backoff).

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export type StreamFailure =
  /** The token isn't accepted any more (signed out, expired, revoked): sign in again. */
  | 'unauthenticated'
  /** The server refused our `after` cursor (not one of this account's alerts). */
  | 'bad-cursor'
  /** The server refused the subscription itself (a bug or a server that doesn't offer it). */
  | 'refused';

export interface AlertStreamOptions {
  url: string;
  token: string;
  /** Resume after this alert; null: only alerts from now on. */
  after: string | null;
  /** Each alert once, in commit order. `resumedFrom` is the `after` the connection was opened with. */
  onAlert(alert: Alert, resumedFrom: string | null): void;
  onState(state: ConnectionState): void;
  /** The stream stopped for good. */
  onFailure(failure: StreamFailure): void;
}

/** Close codes after which reconnecting can't help (graphql-ws: 4400 bad request, 4401/4403 auth). */
const authCloseCodes = new Set([4401, 4403]);
const fatalCloseCodes = new Set([4400, 4406, 4409]);

const minDelayMs = 500;
const maxDelayMs = 30_000;
/** Ping the server this often; no pong within pongTimeoutMs and the socket counts as dead. */
const keepAliveMs = 15_000;
const pongTimeoutMs = 5_000;

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown };
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof (value as { code: unknown }).code === 'number';
}

export class AlertStream {
  /** The cursor of the last alert delivered: where the next connection resumes. */
  cursor: string | null;
  state: ConnectionState = 'connecting';
  /** The `after` of every connection opened, oldest first (for the debug hook and tests). */
  readonly resumedFrom: (string | null)[] = [];

  private client: Client | null = null;
  /** Bumped for every connection: events of an older one are ignored. */
  private generation = 0;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private held = false;
  private readonly onlineAgain = () => {
    if (this.state === 'reconnecting' && !this.held) this.reconnectNow();
  };

  constructor(private readonly options: AlertStreamOptions) {
    this.cursor = options.after;
  }

  start(): void {
    window.addEventListener('online', this.onlineAgain);
    this.open();
  }

  stop(): void {
    window.removeEventListener('online', this.onlineAgain);
    this.closeClient();
    clearTimeout(this.retryTimer);
    this.setState('stopped');
  }

  /**
   * Cuts the connection as a network failure would, and holds off reconnecting until resume():
   * for trying out (and testing) the resume from the console.
   */
  drop(): void {
    this.held = true;
    clearTimeout(this.retryTimer);
    // terminate() closes the socket at once and reports it closed, as a dead network does.
    if (this.client) this.client.terminate();
    else this.setState('reconnecting');
  }

  resume(): void {
    if (!this.held) return;
    this.held = false;
    if (this.state === 'reconnecting') this.reconnectNow();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState(state);
  }

  private reconnectNow(): void {
    clearTimeout(this.retryTimer);
    this.retries = 0;
    this.open();
  }

  private closeClient(): void {
    this.generation += 1;
    const client = this.client;
    this.client = null;
    if (client) void client.dispose();
  }

  private open(): void {
    this.closeClient();
    const generation = this.generation;
    const current = () => generation === this.generation;
    const after = this.cursor;
    this.resumedFrom.push(after);
    let pongTimer: ReturnType<typeof setTimeout> | undefined;

    const client = createClient({
      url: this.options.url,
      connectionParams: { authorization: `Bearer ${this.options.token}` },
      lazy: true,
      retryAttempts: 0,
      keepAlive: keepAliveMs,
      on: {
        connected: () => {
          if (!current()) return;
          this.retries = 0;
          this.setState('live');
        },
        ping: (received) => {
          if (!received) pongTimer = setTimeout(() => client.terminate(), pongTimeoutMs);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (current()) this.dropped(event);
        },
      },
    });
    this.client = client;

    client.subscribe<ResultOf<typeof alertSubscription>>(
      { query: alertSubscription.query, operationName: alertSubscription.name, variables: { after } },
      {
        next: (result) => {
          if (!current()) return;
          if (result.errors?.length) return this.failedWith(result.errors as GraphQLErrorLike[]);
          const alert = result.data?.negativeInventoryAlerts;
          if (!alert) return;
          this.cursor = alert.cursor;
          this.options.onAlert(alert, after);
        },
        error: (error) => {
          if (!current()) return;
          if (Array.isArray(error)) return this.failedWith(error as GraphQLErrorLike[]);
          this.dropped(error);
        },
        complete: () => {
          // The server ended the stream (it doesn't, except when shutting down): resume elsewhere.
          if (current()) this.dropped(null);
        },
      },
    );
  }

  /** GraphQL errors on the subscription itself: reconnecting with the same request won't help. */
  private failedWith(errors: GraphQLErrorLike[]): void {
    const codes = errors.map((error) => error.extensions?.code);
    const failure: StreamFailure | null =
      codes.includes('UNAUTHENTICATED') || codes.includes('FORBIDDEN')
        ? 'unauthenticated'
        : codes.includes('BAD_USER_INPUT')
          ? 'bad-cursor'
          : codes.includes('GRAPHQL_VALIDATION_FAILED')
            ? 'refused'
            : null;
    // Anything else may pass: resume from our cursor, as after a drop. That includes
    // SUBSCRIBER_TOO_SLOW, the server ending a subscription that fell too far behind.
    if (failure === null) return this.dropped(null);
    this.stop();
    this.options.onFailure(failure);
  }

  private dropped(event: unknown): void {
    this.closeClient();
    if (isCloseEvent(event) && authCloseCodes.has(event.code)) {
      this.stop();
      this.options.onFailure('unauthenticated');
      return;
    }
    if (isCloseEvent(event) && fatalCloseCodes.has(event.code)) {
      this.stop();
      this.options.onFailure('refused');
      return;
    }
    this.setState('reconnecting');
    if (this.held) return;
    // Exponential backoff with jitter, so that many pages don't all come back at the same moment.
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** this.retries) * (0.5 + Math.random() / 2);
    this.retries += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }
}
