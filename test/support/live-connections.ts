import { createClient, type Client } from 'graphql-ws';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { connectWs, waitForSubscribers, webSocketUrl, type Stream } from './alerts.js';
import type { TestApp } from './harness.js';

// graphql-ws connections as a test watches them: when the server acknowledged them, and how and
// when it closed them.

export interface SocketClose {
  code: number;
  reason: string;
  /** performance.now() when the close arrived. */
  at: number;
}

export interface WatchedSocket {
  client: Client;
  /** Resolves when the server acknowledged connection_init; rejects if the socket closed first. */
  connected: Promise<void>;
  /** Resolves when the socket closed (by the server, or by dispose()). */
  closed: Promise<SocketClose>;
  /** The close, once it happened; null while open. */
  closedWith(): SocketClose | null;
}

/**
 * A graphql-ws client that connects at once (not on its first subscription), never retries, and
 * records its close. `headers` go on the upgrade request (X-Forwarded-For, say).
 */
export function watchedSocket(httpUrl: string, token: string | null, headers: Record<string, string> = {}): WatchedSocket {
  let close: SocketClose | null = null;
  let onClosed!: (close: SocketClose) => void;
  const closed = new Promise<SocketClose>((resolve) => (onClosed = resolve));
  let onConnected!: () => void;
  let onRefused!: (error: Error) => void;
  const connected = new Promise<void>((resolve, reject) => {
    onConnected = resolve;
    onRefused = reject;
  });
  // Whoever doesn't wait for it mustn't make it an unhandled rejection.
  connected.catch(() => {});
  class WebSocketWithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: webSocketUrl(httpUrl),
    webSocketImpl: WebSocketWithHeaders,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string | Buffer };
        close = { code, reason: String(reason), at: performance.now() };
        onRefused(new Error(`closed with ${code} ${String(reason)}`));
        onClosed(close);
      },
    },
  });
  return { client, connected, closed, closedWith: () => close };
}

/** A bare WebSocket speaking graphql-transport-ws, for what a well-behaved client never sends. */
export function rawSocket(httpUrl: string): { socket: WebSocket; opened: Promise<void>; closed: Promise<SocketClose> } {
  const socket = new WebSocket(webSocketUrl(httpUrl), 'graphql-transport-ws');
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<SocketClose>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8'), at: performance.now() })),
  );
  // A socket the server cuts off may also report the error that made it close.
  socket.on('error', () => {});
  return { socket, opened, closed };
}

/** The operation's `error` message payload, from a graphql-ws client's error sink. */
export type OperationErrors = { message: string; extensions?: Record<string, unknown> }[];

/** Runs one operation on the client and resolves with what the server answered: results, or the operation's errors. */
export function runOnSocket(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ results: unknown[]; errors: OperationErrors | null; closedWith: unknown }> {
  return new Promise((resolve) => {
    const results: unknown[] = [];
    client.subscribe(
      { query, variables },
      {
        next: (result) => results.push(result),
        error: (error) =>
          Array.isArray(error)
            ? resolve({ results, errors: error as OperationErrors, closedWith: null })
            : resolve({ results, errors: null, closedWith: error }),
        complete: () => resolve({ results, errors: null, closedWith: null }),
      },
    );
  });
}

/**
 * The live connections a file's tests open (to t's server unless given another URL), closed after
 * each test, which then waits until t's server has no subscription left: the next test starts
 * from none.
 */
export function useLiveClients(t: TestApp) {
  const clients: Client[] = [];
  const streams: Stream<unknown>[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await waitForSubscribers(t, 0, { exactly: true });
  });
  return {
    /** A graphql-ws client (connectWs: it connects with its first subscription, never retries). */
    ws(token: string | null, url = t.url): Client {
      const client = connectWs(url, token);
      clients.push(client);
      return client;
    },
    /** A graphql-ws connection that connects at once and records its close (watchedSocket). */
    socket(token: string | null, options: { url?: string; headers?: Record<string, string> } = {}): WatchedSocket {
      const watched = watchedSocket(options.url ?? t.url, token, options.headers);
      clients.push(watched.client);
      return watched;
    },
    /** A subscription (over graphql-ws or SSE) to end after the test. */
    track<S extends Stream<unknown>>(stream: S): S {
      streams.push(stream);
      return stream;
    },
  };
}
