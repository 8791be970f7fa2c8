import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { GraphQLResponse } from './harness.js';

// The server as `npm start` runs it: a separate process, reached over real HTTP.

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Variables the server reads; a spawned server gets only the ones a test gives it. */
const serverVariables = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
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
   * log lines carry) and resolves with npx's exit code and how long the exit took.
   *
   * Not to npx: `npm exec` runs the bin through `sh -c`, which dies on SIGTERM without passing it
   * on, orphaning the server. Process managers signal the whole process group (as Ctrl-C does)
   * or run the server's process directly; either way the server gets the signal.
   */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; milliseconds: number }>;
  /** Kills every process of the server's process group, for cleanup after a failure. */
  kill(): Promise<void>;
}

/** `npx tsx src/main.ts` from the repository root, with exactly the given server variables. */
export function startServerProcess(variables: Record<string, string>): ServerProcess {
  const child = spawn('npx', ['tsx', 'src/main.ts'], {
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
          throw new Error(`server ${hasExited ? 'exited' : 'timed out'} before printing ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
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

/** One GraphQL request over real HTTP. */
export async function postGraphQL<Data, Variables>(
  url: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  token?: string,
): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}
