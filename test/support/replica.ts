import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findProgram, giveToServiceUser, runsAsRoot, serviceUser } from './optional-infrastructure.js';
import { freePort } from './server-process.js';

// A throw-away PostgreSQL primary with a streaming replica, for tests about reading from a replica:
// what a read sees while the replica lags (pauseReplay), and once it has caught up (waitForReplay).
// Both servers live in one temporary folder: their data directories, logs and sockets (not in
// /var/run/postgresql, where the machine's own server has its socket). stop() removes it.
//
// Made for speed over safety: fsync off, initdb and pg_basebackup without syncing, a fast
// checkpoint for the base backup. Both start in one to two seconds.

export interface PrimaryWithReplica {
  primaryUrl(database?: string): string;
  replicaUrl(database?: string): string;
  /** Creates the database on the primary and waits until the replica has it too. */
  createDatabase(name: string): Promise<void>;
  /** The replica stops applying WAL (it still receives it): reads there see the past. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary had written when called. */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Stops both servers at once (no shutdown checkpoint) and removes their folder. Safe to call twice. */
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** Debian and Ubuntu keep the server binaries out of PATH, in a folder per major version. */
function postgresBinaries(): string | undefined {
  const has = (folder: string | undefined) =>
    folder !== undefined && ['initdb', 'pg_ctl', 'pg_basebackup'].every((name) => existsSync(join(folder, name)));
  const candidates: (string | undefined)[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config (it comes with libpq-dev, not always with the server).
  }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  candidates.push(...versions.map((version) => join('/usr/lib/postgresql', version, 'bin')));
  const initdb = findProgram('initdb', ['/opt/homebrew/bin']);
  if (initdb !== undefined) candidates.push(join(initdb, '..'));
  return candidates.find(has);
}

/** Why the primary and replica can't be started here (with how to install them), or undefined. */
export function postgresBinariesMissing(): string | undefined {
  if (postgresBinaries() !== undefined) return undefined;
  return "PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup) were not found: `apt-get install postgresql` (Debian, Ubuntu) or `brew install postgresql@15` (macOS)";
}

export async function startPrimaryWithReplica(): Promise<PrimaryWithReplica> {
  const bin = postgresBinaries();
  if (bin === undefined) throw new Error(postgresBinariesMissing());
  const folder = await mkdtemp(join(tmpdir(), 'negative-inventory-replica-'));
  await giveToServiceUser(folder);
  const primary = { dir: join(folder, 'primary'), log: join(folder, 'primary.log'), port: await freePort() };
  const replica = { dir: join(folder, 'replica'), log: join(folder, 'replica.log'), port: await freePort() };

  // Every binary as the service user when we're root (PostgreSQL refuses root), from the folder
  // (the service user may not be allowed into our working directory).
  const postgresCommand = async (program: string, args: string[]) => {
    const [command, commandArgs] = runsAsRoot
      ? ['runuser', ['-u', serviceUser, '--', join(bin, program), ...args]]
      : [join(bin, program), args];
    try {
      await run(command, commandArgs, { cwd: folder, timeout: 60_000 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${String(error)}\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
    }
  };
  const url =
    (port: number) =>
    (database = 'postgres') =>
      `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const primaryUrl = url(primary.port);
  const replicaUrl = url(replica.port);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      for (const server of [replica, primary]) {
        if (existsSync(join(server.dir, 'postmaster.pid')))
          await postgresCommand('pg_ctl', ['-D', server.dir, '-m', 'immediate', 'stop']).catch(() => {});
      }
      await rm(folder, { recursive: true, force: true });
    })());
  // pg_ctl leaves the servers running on their own: a test process that ends without stop() (a
  // crash, a timeout) mustn't leave them behind. SIGQUIT is an immediate shutdown.
  const killOnExit = () => {
    for (const server of [replica, primary]) {
      try {
        const pid = Number(readFileSync(join(server.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        // Not running.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  try {
    // Trust, for the postgres user: no passwords anywhere. initdb's pg_hba.conf then also trusts
    // replication connections from 127.0.0.1, which pg_basebackup and the replica make.
    await postgresCommand('initdb', [
      '-D',
      primary.dir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    await appendFile(
      join(primary.dir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `port = ${primary.port}`,
        `unix_socket_directories = '${folder}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        'shared_buffers = 16MB',
        'max_connections = 50',
        // Throw-away: nothing needs to survive a crash of the machine.
        'fsync = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );
    await postgresCommand('pg_ctl', ['-D', primary.dir, '-l', primary.log, '-w', '-t', '30', 'start']);

    // -R writes primary_conninfo and standby.signal: the copy starts as a streaming standby. -c fast:
    // the backup's checkpoint at once rather than spread out. The copy's postgresql.conf is the
    // primary's; the later port line wins.
    await postgresCommand('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      replica.dir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await appendFile(join(replica.dir, 'postgresql.conf'), `\nport = ${replica.port}\n`);
    await postgresCommand('pg_ctl', ['-D', replica.dir, '-l', replica.log, '-w', '-t', '30', 'start']);

    // pg_ctl -w returned once it accepts connections; make sure it is the standby, streaming.
    const deadline = Date.now() + 10_000;
    while (!(await inRecoveryAndStreaming(replicaUrl()))) {
      if (Date.now() > deadline) throw new Error('the replica is not a streaming standby after 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    const logs = await Promise.all(
      [primary, replica].map(async (server) => `${server.log}:\n${await readFile(server.log, 'utf8').catch(() => '(none)')}`),
    );
    await stop();
    throw new Error(
      `starting a primary with a replica failed: ${error instanceof Error ? error.message : String(error)}\n${logs.join('\n')}`,
      { cause: error },
    );
  }

  const onReplica = <T>(work: (client: pg.Client) => Promise<T>) => withClient(replicaUrl(), work);

  async function waitForReplay(timeoutMs = 10_000) {
    const { lsn } = await withClient(
      primaryUrl(),
      async (client) => (await client.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!,
    );
    await onReplica(async (client) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await client.query<{ replayed: boolean; at: string | null; state: string }>(
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as replayed, pg_last_wal_replay_lsn()::text as at, pg_get_wal_replay_pause_state() as state',
          [lsn],
        );
        if (rows[0]!.replayed) return;
        if (Date.now() > deadline) {
          throw new Error(`the replica hasn't replayed up to ${lsn} in ${timeoutMs} ms: it is at ${rows[0]!.at}, replay ${rows[0]!.state}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
  }

  return {
    primaryUrl,
    replicaUrl,
    async createDatabase(name) {
      await withClient(primaryUrl(), (client) => client.query(`create database ${pg.escapeIdentifier(name)}`));
      await waitForReplay();
    },
    // Once asked, the replica applies no further WAL record (pg_get_wal_replay_pause_state() says
    // "pause requested" until it reaches one, then "paused"): what it shows from then on stays.
    pauseReplay: () => onReplica((client) => client.query('select pg_wal_replay_pause()')).then(() => {}),
    resumeReplay: () => onReplica((client) => client.query('select pg_wal_replay_resume()')).then(() => {}),
    waitForReplay,
    stop,
  };
}

async function inRecoveryAndStreaming(url: string): Promise<boolean> {
  try {
    return await withClient(url, async (client) => {
      const { rows } = await client.query<{ ok: boolean }>(
        "select pg_is_in_recovery() and exists (select from pg_stat_wal_receiver where status = 'streaming') as ok",
      );
      return rows[0]!.ok;
    });
  } catch {
    return false;
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
