import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { alertCursor } from '../../src/alerts/alerts.service.js';
import type { DB } from '../../src/db/database.js';
import { decodeId } from '../../src/node/global-id.js';
import { graphql } from '../gql/index.js';
import { expectTypename, type GraphQLRunner, type TestApp } from './harness.js';
import { receiveStockMutation, recordSaleMutation } from './inventory.js';

// Clients of the live alert stream over the two transports a client may use, and a way to raise
// alerts on demand.

export const alertsSubscription = graphql(`
  subscription AlertsLive($shopId: ID, $after: String) {
    negativeInventoryAlerts(shopId: $shopId, after: $after) {
      ...AlertFields
    }
  }
`);

export interface StreamResult<Data> {
  data?: Data | null;
  errors?: GraphQLFormattedError[];
}

/** How a stream ended: completed by the server, or failed (a close event, a fetch error...). */
export type StreamEnd = { kind: 'complete' } | { kind: 'error'; error: unknown };

/** A subscription as a test sees it: what arrived so far, and how it ended. */
export interface Stream<Data> {
  results: StreamResult<Data>[];
  ended: Promise<StreamEnd>;
  /** Resolves once `count` results arrived; fails after timeoutMs or if the stream ends first. */
  waitForResults(count: number, timeoutMs?: number): Promise<StreamResult<Data>[]>;
  close(): void;
}

function collector<Data>(close: () => void): Stream<Data> & {
  push(result: StreamResult<Data>): void;
  end(end: StreamEnd): void;
} {
  const results: StreamResult<Data>[] = [];
  let finish!: (end: StreamEnd) => void;
  let finished: StreamEnd | null = null;
  const ended = new Promise<StreamEnd>((resolve) => (finish = resolve));
  let notify = () => {};
  return {
    results,
    ended,
    push(result) {
      results.push(result);
      notify();
    },
    end(end) {
      if (finished) return;
      finished = end;
      finish(end);
      notify();
    },
    async waitForResults(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        if (finished) throw new Error(`stream ended (${JSON.stringify(finished)}) after ${results.length} of ${count} results`);
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`timed out after ${results.length} of ${count} results`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          notify = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return results.slice(0, count);
    },
    close,
  };
}

export function webSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** A graphql-ws client (protocol graphql-transport-ws) that does not retry: tests see every close. */
export function connectWs(httpUrl: string, token: string | null): Client {
  return createClient({
    url: webSocketUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
}

export function subscribeWs<Data, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Stream<Data> {
  let unsubscribe = () => {};
  const stream = collector<Data>(() => unsubscribe());
  unsubscribe = client.subscribe<Data>(
    { query: print(document), variables },
    {
      next: (result) => stream.push(result as StreamResult<Data>),
      error: (error) => stream.end({ kind: 'error', error }),
      complete: () => stream.end({ kind: 'complete' }),
    },
  );
  return stream;
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Starts a subscription over yoga's SSE (POST, Accept: text/event-stream). */
export function openSse<Variables>(
  fetchImpl: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  document: TypedDocumentNode<unknown, Variables>,
  variables: Variables,
  token: string | null,
  signal?: AbortSignal,
): Promise<Response> {
  return fetchImpl(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
    ...(signal ? { signal } : {}),
  });
}

/** The events of an SSE body, as they arrive; comments (yoga's keep-alive pings) are skipped. */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let boundary: number;
    while ((boundary = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, boundary);
      buffered = buffered.slice(boundary + 2);
      const lines = block.split('\n').filter((line) => !line.startsWith(':'));
      if (lines.length === 0) continue;
      let event = 'message';
      const data: string[] = [];
      for (const line of lines) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        if (field === 'data') data.push(value);
      }
      yield { event, data: data.join('\n') };
    }
  }
}

/** A subscription over SSE, read as it arrives. */
export function subscribeSse<Data, Variables>(
  url: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  token: string | null,
  fetchImpl: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Stream<Data> {
  const abort = new AbortController();
  const stream = collector<Data>(() => abort.abort());
  void (async () => {
    try {
      const response = await openSse(fetchImpl, url, document, variables, token, abort.signal);
      if (!response.body) throw new Error(`no body (status ${response.status})`);
      for await (const { event, data } of sseEvents(response.body)) {
        if (event === 'next') stream.push(JSON.parse(data) as StreamResult<Data>);
        if (event === 'complete') return stream.end({ kind: 'complete' });
      }
      stream.end({ kind: 'error', error: new Error('the SSE body ended without a complete event') });
    } catch (error) {
      stream.end({ kind: 'error', error });
    }
  })();
  return stream;
}

/**
 * Waits until the app has at least (or exactly) `count` live subscriptions. A stream without
 * `after` starts from the moment it is registered, so tests wait for this before writing.
 */
export async function waitForSubscribers(
  t: TestApp,
  count: number,
  { exactly = false, timeoutMs = 5_000 }: { exactly?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const reached = () => (exactly ? t.app.alerts.subscriberCount === count : t.app.alerts.subscriberCount >= count);
  while (!reached()) {
    if (Date.now() > deadline) throw new Error(`only ${t.app.alerts.subscriberCount} of ${count} subscribers after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Sells one of each item at the shop (each at 0 goes to -1: one alert per item), then receives
 * one of each (back to 0, ready for the next round), through `server` (a TestApp, in-process, or
 * an httpRunner). Returns the sale's alerts.
 */
export async function raiseAlerts(server: GraphQLRunner, token: string, shopId: string, itemIds: readonly string[]) {
  // Writes through yoga in-process on PGlite never wait on a socket: a loop of them would keep
  // the event loop from ever serving the server's sockets (the subscribers) without this.
  await new Promise((resolve) => setImmediate(resolve));
  const lines = itemIds.map((itemId) => ({ itemId, quantity: 1 }));
  const sale = expectTypename((await server.run(recordSaleMutation, { input: { shopId, lines } }, token)).recordSale, 'RecordSalePayload');
  expectTypename((await server.run(receiveStockMutation, { input: { shopId, lines } }, token)).receiveStock, 'ReceiveStockPayload');
  return sale.alerts;
}

/** The alert ids (cursors) of results, failing on any result that carries errors. */
export function alertCursors(results: StreamResult<{ negativeInventoryAlerts: { cursor: string } }>[]): string[] {
  return results.map((result) => {
    if (result.errors?.length || !result.data) throw new Error(`stream result with errors: ${JSON.stringify(result)}`);
    return result.data.negativeInventoryAlerts.cursor;
  });
}

/** The cursors of the account's alerts in the table, in cursor order (after one, when given). */
export async function storedAlertCursors(db: DB, accountGlobalId: string, afterCursorOf?: { id: string }): Promise<string[]> {
  const accountId = decodeId(accountGlobalId, 'Account');
  if (!accountId) throw new Error(`not an account id: ${accountGlobalId}`);
  const afterId = afterCursorOf ? decodeId(afterCursorOf.id, 'NegativeInventoryAlert') : null;
  const { rows } = await sql<{ epoch: number; xid: string; adjustment_id: string }>`
    select alert.epoch, alert.xid::text as xid, alert.adjustment_id from negative_inventory_alerts alert
    where alert.account_id = ${accountId}
      and (${afterId}::bigint is null or (alert.epoch, alert.xid, alert.adjustment_id) > (
        select after.epoch, after.xid, after.adjustment_id from negative_inventory_alerts after
        where after.account_id = ${accountId} and after.adjustment_id = ${afterId}::bigint))
    order by alert.epoch, alert.xid, alert.adjustment_id
  `.execute(db);
  return rows.map(alertCursor);
}
