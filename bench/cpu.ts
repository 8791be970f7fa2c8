import { readdirSync, readFileSync } from 'node:fs';

// Where a scenario's CPU goes. The bench's client, the server and PostgreSQL share the machine's
// cores, so a throughput ratio against a baseline is also a ratio of CPU spent per operation:
// these figures say whose CPU it is. Linux only (/proc); elsewhere the figures are absent.

/** CPU time consumed so far, in clock ticks. */
export interface CpuTicks {
  /** This process: the bench's load generator. */
  client: number;
  /** The API server's process. */
  server: number;
  /** A connection pooler's process between the server and PostgreSQL (BENCH_POOLER), when metered. */
  pooler?: number;
  /** Every CPU of the machine, busy time (user, nice, system, irq, softirq, steal). */
  machine: number;
}

/** Microseconds of CPU per operation; `database` is the rest of the machine, PostgreSQL mostly. */
export interface CpuPerOperation {
  clientUs: number;
  serverUs: number;
  /** PgBouncer's, when the meter was given its pid; not counted in `databaseUs`. */
  poolerUs?: number;
  databaseUs: number;
  totalUs: number;
}

export type CpuMeter = () => CpuTicks | null;

export const ticksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

/** A process's CPU time so far, in clock ticks (1/100 s); Linux only. */
export function processTicks(pid: number): number {
  // Fields after the command name: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function machineTicks(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

/** A meter of this process, the server's (and a pooler's) and the machine's CPU; null off Linux. */
export function cpuMeter(serverPid: number, poolerPid?: number): CpuMeter {
  const available = (() => {
    try {
      return readdirSync('/proc').length > 0 && processTicks(process.pid) >= 0;
    } catch {
      return false;
    }
  })();
  return () =>
    available
      ? {
          client: processTicks(process.pid),
          server: processTicks(serverPid),
          ...(poolerPid === undefined ? {} : { pooler: processTicks(poolerPid) }),
          machine: machineTicks(),
        }
      : null;
}

export function cpuPerOperation(before: CpuTicks, after: CpuTicks, operations: number): CpuPerOperation {
  const us = (ticks: number) => Math.round((ticks * 1_000_000) / ticksPerSecond / Math.max(1, operations));
  const client = after.client - before.client;
  const server = after.server - before.server;
  const pooler = after.pooler !== undefined && before.pooler !== undefined ? after.pooler - before.pooler : undefined;
  const machine = after.machine - before.machine;
  return {
    clientUs: us(client),
    serverUs: us(server),
    ...(pooler === undefined ? {} : { poolerUs: us(pooler) }),
    databaseUs: us(machine - client - server - (pooler ?? 0)),
    totalUs: us(machine),
  };
}
