import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findProgram, giveToServiceUser, runsAsRoot, serviceUser } from './optional-infrastructure.js';
import { freePort } from './server-process.js';

// A PgBouncer of a test's own, in transaction pooling mode, in front of a real PostgreSQL server:
// what a scaled-out deployment puts between many API instances and the database. Its
// configuration, log and pid file live in a temporary folder that stop() removes.
//
// What it changes for a client, as PgBouncer 1.18 does it (found by connecting with pg):
// - Startup parameters other than user, database, application_name and those it tracks
//   (client_encoding, DateStyle, TimeZone, standard_conforming_strings) or is told to ignore
//   (ignore_startup_parameters) are refused:
//   "unsupported startup parameter: statement_timeout" (08P01), likewise for
//   idle_in_transaction_session_timeout, lock_timeout and `options`. node-postgres sends only user
//   and database unless told more (application_name from PGAPPNAME, client_encoding from the
//   URL), so the pg client itself needs nothing ignored. The timeouts are PgBouncer's own instead:
//   query_timeout and idle_transaction_timeout, which end the *server* connection, not just the
//   statement, and report it as a pooler error, not 57014.
// - Each transaction may run on a different server connection: session state (SET, LISTEN,
//   advisory locks, temporary tables) doesn't carry over.

export interface PgBouncerOptions {
  /** The real server, as a postgres:// URL; its user (and password) is what PgBouncer logs in as. */
  upstream: string;
  /** Server connections per database and user (default_pool_size). Default 10. */
  poolSize?: number;
  /** PgBouncer's query_timeout, standing in for statement_timeout. Default 30 s. */
  queryTimeoutMs?: number;
  /** PgBouncer's idle_transaction_timeout, standing in for idle_in_transaction_session_timeout. Default 10 s. */
  idleTransactionTimeoutMs?: number;
  /** More [pgbouncer] settings, overriding the ones made here (e.g. { max_client_conn: '5' }). */
  extra?: Record<string, string>;
}

export type AdminCommand = 'POOLS' | 'STATS' | 'CLIENTS' | 'SERVERS' | 'DATABASES' | 'CONFIG';

export interface PgBouncer {
  port: number;
  /** PgBouncer's process (it drops to the service user itself, keeping this pid), e.g. to meter its CPU. */
  pid: number;
  /** A URL through PgBouncer to that database (by default, the upstream URL's). */
  url(database?: string): string;
  /** SHOW <command> on the admin console, e.g. show('POOLS') for pool_mode, cl_active, sv_idle. */
  show(command: AdminCommand): Promise<Record<string, unknown>[]>;
  /** PgBouncer's log so far. */
  log(): Promise<string>;
  /** Stops PgBouncer (cutting its connections) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Where Debian (/usr/sbin), other distributions and Homebrew put it. */
const pgbouncerFolders = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/opt/homebrew/bin'];

/** Why PgBouncer can't be started here (with how to install it), or undefined when it can. */
export function pgbouncerMissing(): string | undefined {
  if (findProgram('pgbouncer', pgbouncerFolders) !== undefined) return undefined;
  return 'PgBouncer is not installed: `apt-get install pgbouncer` (Debian, Ubuntu) or `brew install pgbouncer` (macOS)';
}

export function pgbouncerAvailable(): boolean {
  return pgbouncerMissing() === undefined;
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const program = findProgram('pgbouncer', pgbouncerFolders);
  if (program === undefined) throw new Error(pgbouncerMissing());
  const upstream = new URL(options.upstream);
  const user = decodeURIComponent(upstream.username) || 'postgres';
  const defaultDatabase = decodeURIComponent(upstream.pathname.slice(1)) || user;
  const port = await freePort();

  const folder = await mkdtemp(join(tmpdir(), 'negative-inventory-pgbouncer-'));
  await giveToServiceUser(folder);
  const configFile = join(folder, 'pgbouncer.ini');
  const logFile = join(folder, 'pgbouncer.log');
  // Every database name goes to the same-named database upstream, logged in as the upstream's
  // user: with auth_type = any PgBouncer checks no password and ignores the client's user name,
  // and needs the user forced here ("any" requires it), so that no auth_file is needed.
  const server = [
    `host=${upstream.hostname.replace(/^\[|\]$/g, '')}`,
    `port=${upstream.port || '5432'}`,
    `user=${user}`,
    ...(upstream.password ? [`password=${decodeURIComponent(upstream.password)}`] : []),
  ].join(' ');
  const settings: Record<string, string> = {
    listen_addr: '127.0.0.1',
    listen_port: String(port),
    // No socket in /var/run/postgresql (or /tmp), where it could collide with the machine's server.
    unix_socket_dir: '',
    auth_type: 'any',
    // With auth_type = any anyone reaches the admin console (1.18 logs them in as user pgbouncer,
    // whatever they ask); these matter only if `extra` sets another auth_type.
    admin_users: user,
    stats_users: user,
    pool_mode: 'transaction',
    default_pool_size: String(options.poolSize ?? 10),
    max_client_conn: '1000',
    query_timeout: seconds(options.queryTimeoutMs ?? 30_000),
    idle_transaction_timeout: seconds(options.idleTransactionTimeoutMs ?? 10_000),
    // Sent by psql, JDBC and others, not by node-postgres; harmless to ignore (the usual setting).
    ignore_startup_parameters: 'extra_float_digits',
    logfile: logFile,
    pidfile: join(folder, 'pgbouncer.pid'),
    ...options.extra,
  };
  const config = [
    '[databases]',
    `* = ${server}`,
    '',
    '[pgbouncer]',
    ...Object.entries(settings).map(([key, value]) => `${key} = ${value}`),
    '',
  ].join('\n');
  await writeFile(configFile, config);

  // In the foreground, as our child: its exit is ours to see, and stop() signals it directly.
  // -u: PgBouncer refuses to run as root; it drops to that user itself, keeping its pid.
  const child = spawn(program, [...(runsAsRoot ? ['-u', serviceUser] : []), configFile], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Errors before the log file is opened (a bad setting) only reach stderr; so does everything else.
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let exitCode: number | string | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      resolve();
    }),
  );
  child.once('error', (error) => (output += `\n${error.message}`));
  // A test process that ends without stop() (a crash, a timeout) mustn't leave it running.
  const killOnExit = () => {
    child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  const url = (database = defaultDatabase) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const log = async () => (await readFile(logFile, 'utf8').catch(() => '')) || output;

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      if (exitCode === undefined) {
        // SIGTERM is 1.18's immediate shutdown; SIGINT would wait for every client to leave.
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timeout);
      }
      await rm(folder, { recursive: true, force: true });
    })());

  async function show(command: AdminCommand) {
    // The admin console speaks only the simple query protocol: a query with parameters gets a
    // FATAL "bad packet" and the connection closed.
    const client = new pg.Client({ connectionString: url('pgbouncer') });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(`SHOW ${command}`)).rows;
    } finally {
      await client.end();
    }
  }

  // Accepting connections once the admin console answers; the upstream database may not exist yet.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await show('POOLS');
      break;
    } catch (error) {
      if (exitCode !== undefined || Date.now() > deadline) {
        const why = exitCode !== undefined ? `exited (${exitCode})` : `didn't accept connections in 10 s (${String(error)})`;
        const logged = await log();
        await stop();
        throw new Error(`PgBouncer ${why}\nconfiguration:\n${config}\nlog:\n${logged}\n${logged === output ? '' : output}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  return { port, pid: child.pid!, url, show, log, stop };
}

/** PgBouncer's time settings are in seconds; fractions are allowed. 0 turns one off. */
function seconds(milliseconds: number): string {
  return String(milliseconds / 1000);
}
