import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../scripts/build.js';

// The server as a separate process, reached over real HTTP. Which code it runs:
// - by default the source, through tsx (as `npm run dev`): these tests are about what the server
//   does, and source can't be stale;
// - `npm start`'s compiled entry when given a build from buildCompiledServer(), which the test
//   makes fresh from the sources in its own setup (test/npm-start.test.ts). Never the
//   repository's dist/: that may be older than the sources, or being rebuilt by an `npm start`.

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Variables the server reads; a spawned server gets only the ones a test gives it. */
const serverVariables = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'DATABASE_POOLER',
  'LISTEN_DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'READ_DATABASE_URL',
  'READ_REPLICA_MAX_LAG_SECONDS',
  'DATA_DIR',
  'OPERATOR_TOKEN',
  'LOG_LEVEL',
  'SESSION_TTL_HOURS',
  'AUTH_CACHE_TTL_MS',
];

export function serverEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of serverVariables) delete environment[name];
  return { ...environment, ...overrides };
}

/** A port that was free a moment ago (the server prints no port when given PORT=0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the process's exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits until stdout (or stderr) matches, failing early if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  /**
   * Sends the signal to the server itself (the node process running src/main.ts, whose pid its
   * log lines carry) and resolves with npx's (or the compiled server's) exit code and how long the
   * exit took.
   *
   * Not to npx: `npm exec` runs the bin through `sh -c`, which dies on SIGTERM without passing it
   * on, orphaning the server. Process managers signal the whole process group (as Ctrl-C does)
   * or run the server's process directly; either way the server gets the signal.
   */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; milliseconds: number }>;
  /** Kills every process of the server's process group, for cleanup after a failure. */
  kill(): Promise<void>;
}

export interface CompiledServer {
  /** The build's src/main.js, as `npm start` runs dist/src/main.js. */
  entry: string;
  /** The build's folder, laid out as dist/ (scripts/build.ts). */
  folder: string;
  remove(): Promise<void>;
}

/** The compiled server, built as `npm run build` does, into a temporary folder of its own. */
export async function buildCompiledServer(): Promise<CompiledServer> {
  const folder = await mkdtemp(join(tmpdir(), 'negative-inventory-build-'));
  await buildServer(folder);
  // The packages left out of the bundles (scripts/build.ts) are found from the build's folder up.
  await symlink(join(repoRoot, 'node_modules'), join(folder, 'node_modules'), 'dir');
  return { entry: join(folder, 'src', 'main.js'), folder, remove: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * From the repository root, with exactly the given server variables: `npx tsx src/main.ts`, or with
 * `compiled`, its entry run by node as package.json's start script runs dist/src/main.js.
 */
export function startServerProcess(variables: Record<string, string>, compiled?: CompiledServer): ServerProcess {
  const [command, args] = compiled ? [process.execPath, ['--enable-source-maps', compiled.entry]] : ['npx', ['tsx', 'src/main.ts']];
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: serverEnvironment(variables),
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so cleanup reaches npx's children as well.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitForOutput(pattern, timeoutMs = 30_000, stream = 'stdout') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = (stream === 'stdout' ? stdout : stderr).match(pattern);
        if (match) return match;
        if (hasExited || Date.now() > deadline) {
          throw new Error(
            `server ${hasExited ? 'exited' : 'timed out'} before printing ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop(signal = 'SIGTERM') {
      const serverPid = /"pid":(\d+)/.exec(stdout)?.[1];
      if (!serverPid) throw new Error(`no log line with the server's pid yet:\n${stdout}`);
      const startedAt = performance.now();
      process.kill(Number(serverPid), signal);
      const code = await exited;
      return { code, milliseconds: performance.now() - startedAt };
    },
    async kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
      await exited;
    },
  };
}
