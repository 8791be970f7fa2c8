import { cpuPerOperation, type CpuMeter, type CpuPerOperation } from './cpu.js';

/** Latency percentiles (ms) of a list of samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** How long a scenario runs, and whose CPU to measure while it does. */
export interface LoadOptions {
  durationMs: number;
  /** Before the measured window; operations in it count for nothing. */
  warmUpMs?: number;
  cpu?: CpuMeter;
}

export interface LoadResult {
  operations: number;
  /** CPU per completed operation in the measured window, when a meter was given. */
  cpu?: CpuPerOperation;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs `operation` from `concurrency` loops for `durationMs` (after a short warm-up) and reports
 * the throughput and latencies of the operations that completed in the measured window.
 */
export async function runLoad(
  operation: (worker: number, iteration: number) => Promise<boolean>,
  { concurrency, durationMs, warmUpMs = 1000, cpu }: LoadOptions & { concurrency: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let running = true;
  const loops = Array.from({ length: concurrency }, async (_, worker) => {
    for (let iteration = 0; running; iteration++) {
      const started = performance.now();
      let ok: boolean;
      try {
        ok = await operation(worker, iteration);
      } catch {
        ok = false;
      }
      if (!measuring) continue;
      if (ok) latencies.push(performance.now() - started);
      else errors++;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, warmUpMs));
  measuring = true;
  const started = performance.now();
  const cpuBefore = cpu?.() ?? null;
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  measuring = false;
  const cpuAfter = cpu?.() ?? null;
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await Promise.all(loops);
  return {
    operations: latencies.length,
    errors,
    seconds: round(seconds),
    perSecond: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    ...(cpuBefore && cpuAfter ? { cpu: cpuPerOperation(cpuBefore, cpuAfter, latencies.length) } : {}),
  };
}
