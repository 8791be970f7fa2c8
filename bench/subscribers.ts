// A separate process holding many graphql-ws subscribers, so their client work doesn't share the
// measuring process's event loop. Driven over IPC by bench/fan-out.ts.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

interface Start {
  type: 'start';
  /** The server's /graphql URL (http://); graphql-ws connects to its ws:// form. */
  url: string;
  token: string;
  count: number;
  transport: 'graphql-ws' | 'sse';
}

const alertsQuery = 'subscription { negativeInventoryAlerts { cursor } }';

const now = () => performance.timeOrigin + performance.now();
// The parent may be gone (it failed or finished): then there is nobody to tell.
const tell = (message: object) => {
  if (process.connected) process.send!(message);
};
const clients: Client[] = [];
const streams: AbortController[] = [];
const received = new Map<string, number[]>();

function record(cursor: string, count: number): void {
  const at = now();
  const times = received.get(cursor) ?? [];
  times.push(at);
  received.set(cursor, times);
  if (times.length === count) tell({ type: 'all-received', cursor });
}

/**
 * One SSE subscriber (GraphQL over SSE, distinct connections mode): a POST whose response streams
 * `event: next` / `data: <result>` events. Resolves once the server has answered with the stream.
 */
async function subscribeSse(message: Start): Promise<void> {
  const abort = new AbortController();
  streams.push(abort);
  const response = await fetch(message.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${message.token}` },
    body: JSON.stringify({ query: alertsQuery }),
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE subscriber refused: ${response.status}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        const chunk = read.value;
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (!event.startsWith('event: next') || !data) continue;
          const cursor = (JSON.parse(data) as { data?: { negativeInventoryAlerts?: { cursor: string } } }).data?.negativeInventoryAlerts
            ?.cursor;
          if (cursor) record(cursor, message.count);
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) tell({ type: 'error', message: String((error as Error).message ?? error) });
    }
  })();
}

function subscribeWs(message: Start): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: message.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${message.token}` },
      on: {
        connected: () => resolve(),
        error: (error) => reject(new Error(`subscriber could not connect: ${String((error as { message?: string }).message ?? error)}`)),
      },
    });
    clients.push(client);
    client.subscribe<{ negativeInventoryAlerts: { cursor: string } }>(
      { query: alertsQuery },
      {
        next: ({ data }) => {
          const cursor = data?.negativeInventoryAlerts.cursor;
          if (cursor) record(cursor, message.count);
        },
        error: (error) => tell({ type: 'error', message: String((error as Error).message ?? error) }),
        complete: () => {},
      },
    );
  });
}

process.on('message', async (message: Start | { type: 'collect' } | { type: 'stop' }) => {
  if (message.type === 'start') {
    // Connections open in batches, each waiting for the previous batch's acknowledgements, so
    // the server's accept queue is never flooded (as thousands of dashboards reconnecting at the
    // same instant would).
    const batchSize = 250;
    for (let first = 0; first < message.count; first += batchSize) {
      const batch = Math.min(batchSize, message.count - first);
      try {
        const subscribe = message.transport === 'sse' ? subscribeSse : subscribeWs;
        await Promise.all(Array.from({ length: batch }, () => subscribe(message)));
      } catch (error) {
        tell({ type: 'error', message: (error as Error).message });
        return;
      }
    }
    tell({ type: 'connected' });
  } else if (message.type === 'collect') {
    tell({ type: 'times', times: Object.fromEntries(received) });
    received.clear();
  } else {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const stream of streams) stream.abort();
    process.exit(0);
  }
});
