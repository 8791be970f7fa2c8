import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SocketDelivery } from '../src/realtime/direct-delivery.js';

// The sink a graphql-ws subscription to a shared field writes through (src/realtime/direct-delivery.ts):
// its order, its bounded buffer and its end, against a socket whose flushes the test releases one
// by one (what a slow client's TCP connection does to ws's send callbacks). The whole path over
// real sockets is in test/alerts-shared-execution.test.ts and test/alerts-live.test.ts.

class HeldSocket {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: string[] = [];
  readonly #callbacks: (() => void)[] = [];
  send(data: string, callback: () => void): void {
    this.sent.push(data);
    this.#callbacks.push(callback);
  }
  /** The kernel took the oldest message still held. */
  flushOne(): void {
    this.#callbacks.shift()?.();
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

function delivery(socket: HeldSocket, results: Map<string, ExecutionResult | Promise<ExecutionResult>>, bufferSize = 3) {
  const operations: Record<string, unknown> = { 'op-1': null };
  const sink = new SocketDelivery({
    socket: socket as unknown as WebSocket,
    id: 'op-1',
    operations,
    bufferSize,
    resultOf: (event) => results.get(event as string)!,
    failed: () => ({ errors: [] }),
    ends: (result) => result.errors !== undefined,
  });
  return { sink, operations };
}

const result = (n: number): ExecutionResult => ({ data: { n } });
const message = (n: number) => JSON.stringify({ id: 'op-1', type: 'next', payload: result(n) });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a direct delivery', () => {
  it('writes results in the order it took them, whichever execution finishes first', async () => {
    const socket = new HeldSocket();
    const first = deferred<ExecutionResult>();
    const second = deferred<ExecutionResult>();
    const { sink } = delivery(
      socket,
      new Map<string, ExecutionResult | Promise<ExecutionResult>>([
        ['a', first.promise],
        ['b', second.promise],
        ['c', result(3)],
      ]),
      10,
    );
    expect([sink.offer('a'), sink.offer('b'), sink.offer('c')]).toEqual([true, true, true]);
    second.resolve(result(2));
    await tick();
    expect(socket.sent).toEqual([]);
    first.resolve(result(1));
    await tick();
    expect(socket.sent).toEqual([message(1), message(2), message(3)]);
  });

  it('refuses an event once bufferSize are taken and not flushed, and has room again after a flush', async () => {
    const socket = new HeldSocket();
    const { sink } = delivery(socket, new Map([1, 2, 3, 4, 5].map((n) => [`e${n}`, result(n)])), 3);
    expect([sink.offer('e1'), sink.offer('e2'), sink.offer('e3')]).toEqual([true, true, true]);
    expect(sink.offer('e4')).toBe(false);
    let room = false;
    void sink.room().then(() => (room = true));
    await tick();
    expect(room).toBe(false);
    socket.flushOne();
    await tick();
    expect(room).toBe(true);
    expect(sink.offer('e4')).toBe(true);
    // The last event (the overflow) is taken whatever the room, after the others.
    sink.offerLast('e5');
    expect(socket.sent).toEqual([1, 2, 3, 4, 5].map(message));
  });

  it('is drained once every message it wrote is flushed', async () => {
    const socket = new HeldSocket();
    const { sink } = delivery(
      socket,
      new Map([
        ['e1', result(1)],
        ['e2', result(2)],
      ]),
    );
    sink.offer('e1');
    sink.offer('e2');
    let drained = false;
    void sink.drained().then(() => (drained = true));
    socket.flushOne();
    await tick();
    expect(drained).toBe(false);
    socket.flushOne();
    await tick();
    expect(drained).toBe(true);
  });

  it('writes nothing once its operation is gone (completed by the client) or its socket closed, and is drained at once', async () => {
    const socket = new HeldSocket();
    const pending = deferred<ExecutionResult>();
    const { sink, operations } = delivery(
      socket,
      new Map<string, ExecutionResult | Promise<ExecutionResult>>([
        ['e1', pending.promise],
        ['e2', result(2)],
      ]),
    );
    sink.offer('e1');
    delete operations['op-1'];
    await expect(sink.drained()).resolves.toBeUndefined();
    pending.resolve(result(1));
    sink.offer('e2');
    await tick();
    expect(socket.sent).toEqual([]);

    const closing = new HeldSocket();
    const other = delivery(closing, new Map([['e1', result(1)]]));
    closing.readyState = 3;
    other.sink.offer('e1');
    expect(closing.sent).toEqual([]);
  });

  it('ends its operation after a result that ends the subscription, and writes nothing after it', async () => {
    const socket = new HeldSocket();
    const refusal: ExecutionResult = { errors: [] };
    const { sink, operations } = delivery(
      socket,
      new Map([
        ['e1', result(1)],
        ['big', refusal],
        ['e3', result(3)],
      ]),
      10,
    );
    let returned = false;
    operations['op-1'] = { return: () => (returned = true) };
    sink.offer('e1');
    sink.offer('big');
    sink.offer('e3');
    expect(socket.sent).toEqual([message(1), JSON.stringify({ id: 'op-1', type: 'next', payload: refusal })]);
    expect(returned).toBe(true);
    await expect(sink.drained()).resolves.toBeUndefined();
  });
});
