import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../scripts/build.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** The last of what the server wrote to stderr. */
  errorOutput(): string;
  /** Resident memory of the server process, in KiB (Linux /proc). */
  rssKb(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The real server as a separate process, as in production: compiled as `npm start` runs it, built
 * first from the current sources into dist/ (a few seconds of a run of minutes), so the figures are
 * never those of stale code. `nodeArgs` are extra node flags, e.g. `--cpu-prof` to profile the
 * server under load. `build: false` starts a second server on the build the first one's start
 * made in the same run: building again would empty dist/ under the server already running.
 */
export async function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  { build = true }: { build?: boolean } = {},
): Promise<ServerProcess> {
  if (build) await buildServer(fileURLToPath(new URL('../dist', import.meta.url)));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', 'dist/src/main.js'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    // The server's warnings and errors are kept, to print if the run fails.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const errorOutput: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    errorOutput.push(chunk.toString('utf8'));
    if (errorOutput.length > 200) errorOutput.shift();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${errorOutput.join('')}`);
    const ready = await fetch(`${url}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('server did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    errorOutput: () => errorOutput.join(''),
    async rssKb() {
      const { readFile } = await import('node:fs/promises');
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
