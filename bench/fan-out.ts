import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess } from './server-process.js';
import { processTicks, ticksPerSecond } from './cpu.js';
import { percentile, round } from './stats.js';

export interface FanOutResult {
  transport: 'graphql-ws' | 'sse';
  subscribers: number;
  alerts: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  serverKbPerSubscriber: number;
  /**
   * CPU per alert over the measured rounds (ms, from /proc; null off Linux): the server's, and the
   * subscribers' process's (receiving and parsing every message), which share the machine's cores.
   */
  serverCpuMsPerAlert: number | null;
  subscribersCpuMsPerAlert: number | null;
}

type Message =
  | { type: 'connected' }
  | { type: 'all-received'; cursor: string }
  | { type: 'times'; times: Record<string, number[]> }
  | { type: 'error'; message: string };

/**
 * `count` graphql-ws (or SSE) subscribers in a separate process; each `raiseAlert()` makes one sale that
 * takes an item below zero. Latency: from the mutation's response to each subscriber's receipt.
 */
export async function measureFanOut(
  server: ServerProcess,
  token: string,
  count: number,
  raiseAlert: () => Promise<void>,
  { rounds = 5, transport = 'graphql-ws' }: { rounds?: number; transport?: 'graphql-ws' | 'sse' } = {},
): Promise<FanOutResult> {
  const child = fork(fileURLToPath(new URL('./subscribers.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: ((message: Message) => boolean)[] = [];
  child.on('message', (message: Message) => {
    if (message.type === 'error') throw new Error(`subscriber: ${message.message}`);
    const index = waiters.findIndex((waiter) => waiter(message));
    if (index >= 0) waiters.splice(index, 1);
  });
  const next = <T extends Message['type']>(type: T, timeoutMs = 60_000) =>
    new Promise<Extract<Message, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      waiters.push((message) => {
        if (message.type !== type) return false;
        clearTimeout(timer);
        resolve(message as Extract<Message, { type: T }>);
        return true;
      });
    });

  const rssBefore = await server.rssKb();
  child.send({ type: 'start', url: `${server.url}/graphql`, token, count, transport });
  await next('connected');
  // The subscriptions start right after their connections are acknowledged; a warm-up alert
  // that every subscriber receives proves they are all live before we measure. Two more let the
  // server compile its delivery path, as a server that has been up a while has: measured, the
  // first delivery to thousands of subscribers is mostly that.
  let rssAfter = 0;
  for (let warmUp = 0; warmUp < 3; warmUp++) {
    const allReceived = next('all-received');
    await raiseAlert();
    await allReceived;
    if (warmUp === 0) rssAfter = await server.rssKb();
    child.send({ type: 'collect' });
    await next('times');
  }

  const cpuNow = () => {
    try {
      return { server: processTicks(server.pid), subscribers: processTicks(child.pid!) };
    } catch {
      return null;
    }
  };
  const cpuBefore = cpuNow();
  const latencies: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const allReceived = next('all-received');
    await raiseAlert();
    const respondedAt = performance.timeOrigin + performance.now();
    await allReceived;
    child.send({ type: 'collect' });
    const { times } = await next('times');
    for (const receipts of Object.values(times)) {
      for (const receivedAt of receipts) latencies.push(Math.max(0, receivedAt - respondedAt));
    }
  }
  const cpuAfter = cpuNow();
  const cpuMsPerAlert = (key: 'server' | 'subscribers') =>
    cpuBefore && cpuAfter ? round(((cpuAfter[key] - cpuBefore[key]) * 1000) / ticksPerSecond / rounds) : null;
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  return {
    transport,
    subscribers: count,
    alerts: rounds,
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(Math.max(...latencies)),
    serverKbPerSubscriber: round((rssAfter - rssBefore) / count),
    serverCpuMsPerAlert: cpuMsPerAlert('server'),
    subscribersCpuMsPerAlert: cpuMsPerAlert('subscribers'),
  };
}
