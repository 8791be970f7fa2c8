import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database.js';

// PostgreSQL LISTEN/NOTIFY behind one interface for both backends. Writers NOTIFY inside their
// transaction, so a notification arrives only once its transaction has committed, and never for
// one that rolled back. Delivery is at most once: while a listening connection is down,
// notifications are lost, so consumers are told to resync (re-read what they follow from its table).

export interface NotificationHandler {
  /** A NOTIFY on the channel, with its payload. */
  notification(payload: string): void;
  /** Notifications may have been missed (the listening connection was re-established). */
  resync(): void;
}

export interface NotificationListener {
  /** Starts listening on `channel`; resolves once LISTEN is in effect. */
  listen(channel: string, handler: NotificationHandler): Promise<void>;
  close(): Promise<void>;
}

export interface ListenerOptions {
  /** Reconnect delays: doubling from the first to the last (PostgreSQL only). */
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** How often the listening connection is pinged (`select 1`), and how long an answer may take. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

/** One listening connection for the process, on whichever database it runs. */
export function createNotificationListener(database: DatabaseHandle, logger: Logger, options: ListenerOptions = {}): NotificationListener {
  if (database.listenConnection) return new PostgresNotificationListener(database.listenConnection, logger, options);
  if (database.pglite) return new PGliteNotificationListener(database, database.pglite);
  throw new Error('the database handle has neither a pool nor PGlite');
}

/** The name of the listening connection in pg_stat_activity (operators and tests look for it). */
export const listenerApplicationName = 'negative-inventory-listener';

/**
 * A dedicated pg.Client, not from the pool: a pooled connection would be handed to other work and
 * LISTEN would go with it (and transaction-mode poolers cannot carry LISTEN at all). When the
 * connection drops, it is re-established with exponential backoff, LISTEN is issued again on
 * every channel, and handlers are told to resync.
 *
 * A listener only reads, so a peer that vanished without closing the connection (a host that
 * died, a network that drops packets) would look like a quiet channel forever, and every
 * notification until someone noticed would be lost. So it is pinged: `select 1` every
 * pingIntervalMs, and no answer within pingTimeoutMs counts as a lost connection. TCP keepalive
 * (from a few seconds of silence) is the backstop below that, for a peer that stops acknowledging
 * altogether, though with the system's probe interval it takes minutes where the ping takes seconds.
 */
class PostgresNotificationListener implements NotificationListener {
  readonly #handlers = new Map<string, NotificationHandler>();
  readonly #minDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #pingIntervalMs: number;
  readonly #pingTimeoutMs: number;
  #pingTimer: NodeJS.Timeout | null = null;
  /** Each connection's "lost" handler, for the ping to call. */
  readonly #lostHandlers = new WeakMap<pg.Client, (error?: Error) => void>();
  #client: pg.Client | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #connecting: Promise<void> | null = null;
  #failures = 0;
  #closed = false;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly logger: Logger,
    options: ListenerOptions,
  ) {
    this.#minDelayMs = options.minReconnectDelayMs ?? 100;
    this.#maxDelayMs = options.maxReconnectDelayMs ?? 5_000;
    this.#pingIntervalMs = options.pingIntervalMs ?? 5_000;
    this.#pingTimeoutMs = options.pingTimeoutMs ?? 3_000;
  }

  async listen(channel: string, handler: NotificationHandler): Promise<void> {
    this.#handlers.set(channel, handler);
    // The first listen connects (and fails loudly: a server that cannot listen should not start);
    // later ones reuse the connection.
    if (!this.#client) await (this.#connecting ??= this.#connect());
    else await this.#client.query(`listen ${pg.escapeIdentifier(channel)}`);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      ...this.connection,
      application_name: listenerApplicationName,
      // Notices a half-open connection (a peer that stopped acknowledging) instead of waiting
      // forever; the ping below notices one that still acknowledges but never answers.
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
      // Even where the pool may wait forever to connect (DATABASE_CONNECT_TIMEOUT_MS=0), a
      // reconnection into a black hole must fail and be tried again, not hang with LISTEN off.
      connectionTimeoutMillis: this.connection.connectionTimeoutMillis || 10_000,
      // Its statements (LISTEN, the ping) are all instant on a server that answers at all.
      query_timeout: this.#pingTimeoutMs,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      // Still connecting: the failure reaches whoever awaits #connect instead.
      if (this.#client !== client) return;
      this.#client = null;
      if (this.#closed) return;
      this.logger.warn({ err: error }, 'the LISTEN connection was lost; reconnecting');
      this.#scheduleReconnect();
    };
    this.#lostHandlers.set(client, onLost);
    // Without an 'error' listener a terminated backend would crash the process.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      this.#handlers.get(message.channel)?.notification(message.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.#handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    } finally {
      this.#connecting = null;
    }
    if (this.#closed) {
      await client.end();
      return;
    }
    this.#client = client;
    this.#schedulePing();
  }

  #schedulePing(): void {
    if (this.#pingTimer || this.#closed) return;
    this.#pingTimer = setTimeout(() => {
      this.#pingTimer = null;
      void this.#ping().finally(() => this.#schedulePing());
    }, this.#pingIntervalMs);
    // The listener alone must not keep the process running.
    this.#pingTimer.unref();
  }

  /** No answer in time: the connection is given up as lost (and re-established). */
  async #ping(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    try {
      await client.query('select 1');
    } catch (error) {
      if (this.#client !== client) return;
      this.#lostHandlers.get(client)?.(error instanceof Error ? error : new Error(String(error)));
      // A dead peer never answers a goodbye either: drop the socket rather than end() politely.
      // (pg does the same on its own timeouts; the stream is not part of its typed API.)
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  }

  #scheduleReconnect(): void {
    if (this.#reconnectTimer || this.#closed) return;
    const delay = Math.min(this.#maxDelayMs, this.#minDelayMs * 2 ** this.#failures);
    // Jitter, so that many instances cut off together do not all come back at the same instant.
    const jittered = delay / 2 + Math.random() * (delay / 2);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#reconnect();
    }, jittered);
  }

  async #reconnect(): Promise<void> {
    if (this.#closed) return;
    try {
      // (A listen() in the meantime may have connected already.)
      if (!this.#client) await (this.#connecting ??= this.#connect());
    } catch (error) {
      this.#failures++;
      this.logger.warn({ err: error, failures: this.#failures }, 'could not re-establish the LISTEN connection');
      if (!this.#closed) this.#scheduleReconnect();
      return;
    }
    if (this.#closed) return;
    this.#failures = 0;
    this.logger.info('the LISTEN connection is back; resyncing subscribers');
    for (const handler of this.#handlers.values()) handler.resync();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    if (this.#pingTimer) clearTimeout(this.#pingTimer);
    await this.#connecting?.catch(() => {});
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}

/**
 * PGlite is one embedded session in this process; it delivers NOTIFY to its own listeners. Its
 * LISTEN is a statement on that session, so it is issued while holding the Kysely connection:
 * otherwise it could land inside another request's open transaction and be undone by its rollback.
 * The session never drops, so there is nothing to reconnect.
 */
class PGliteNotificationListener implements NotificationListener {
  readonly #unlisteners: (() => Promise<void>)[] = [];

  constructor(
    private readonly database: DatabaseHandle,
    private readonly pglite: PGlite,
  ) {}

  async listen(channel: string, handler: NotificationHandler): Promise<void> {
    const unlisten = await this.database.db
      .connection()
      .execute(() => this.pglite.listen(channel, (payload) => handler.notification(payload)));
    this.#unlisteners.push(() => this.database.db.connection().execute(() => unlisten()));
  }

  async close(): Promise<void> {
    if (this.pglite.closed) return;
    for (const unlisten of this.#unlisteners.splice(0)) await unlisten();
  }
}
