// A separate process holding many graphql-ws subscribers, so their client work doesn't share the
// measuring process's event loop. Driven over IPC by bench/fan-out.ts.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

interface Start {
  type: 'start';
  url: string;
  token: string;
  count: number;
}

const now = () => performance.timeOrigin + performance.now();
// The parent may be gone (it failed or finished): then there is nobody to tell.
const tell = (message: object) => {
  if (process.connected) process.send!(message);
};
const clients: Client[] = [];
const received = new Map<string, number[]>();

function subscribe(message: Start): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = createClient({
      url: message.url,
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
      { query: 'subscription { negativeInventoryAlerts { cursor } }' },
      {
        next: ({ data }) => {
          const at = now();
          const cursor = data?.negativeInventoryAlerts.cursor;
          if (!cursor) return;
          const times = received.get(cursor) ?? [];
          times.push(at);
          received.set(cursor, times);
          if (times.length === message.count) tell({ type: 'all-received', cursor });
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
    process.exit(0);
  }
});
