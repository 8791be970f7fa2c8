import { pgbouncerMissing, startPgBouncer, type PgBouncer } from '../test/support/pgbouncer.js';
import { startServer, type ServerProcess } from './server-process.js';

// BENCH_POOLER=1: a second server, configured as a scaled-out deployment runs it, behind a
// PgBouncer in transaction pooling mode (README, Performance). Its sales are measured with the
// same driver as the direct server's, in the same run, and set beside them.

/** Why BENCH_POOLER=1 can't run here (with how to install PgBouncer), or undefined when it can. */
export function poolerMissing(): string | undefined {
  const missing = pgbouncerMissing();
  return missing === undefined ? undefined : `BENCH_POOLER=1: ${missing}`;
}

export interface ServerViaPooler {
  server: ServerProcess;
  pgbouncer: PgBouncer;
  /** PgBouncer's warnings and errors so far (its log's WARNING and ERROR lines). */
  complaints(): Promise<string[]>;
  /** The server's stderr and PgBouncer's log, to print when a phase fails. */
  diagnostics(): Promise<string>;
  /** Stops the server, then PgBouncer. */
  stop(): Promise<void>;
}

/**
 * A PgBouncer in transaction mode in front of `databaseUrl`, and the server started through it:
 * DATABASE_URL is the pooler, DATABASE_POOLER=transaction, and LISTEN_DATABASE_URL and
 * MIGRATION_DATABASE_URL are `databaseUrl` itself, as the README's configuration says. `env` is
 * the rest of the direct server's environment (its pool size, operator token), so that the two
 * servers differ only in the pooler. Started on the direct server's build (see startServer).
 */
export async function startServerViaPooler(databaseUrl: string, poolSize: number, env: Record<string, string>): Promise<ServerViaPooler> {
  // default_pool_size = the server's own pool size. In transaction mode each of the server's
  // connections to PgBouncer holds a server connection only for the length of a transaction, so
  // PostgreSQL then sees at most as many concurrent transactions as from the direct server: fewer
  // would queue sales in PgBouncer (a bottleneck of configuration, not of the pooler), more could
  // never be used by one server. What the ratio measures is then PgBouncer's own cost: one more
  // hop on loopback, and its CPU on the cores the others share.
  const pgbouncer = await startPgBouncer({ upstream: databaseUrl, poolSize });
  let server: ServerProcess;
  try {
    server = await startServer(
      {
        ...env,
        DATABASE_URL: pgbouncer.url(),
        DATABASE_POOL_SIZE: String(poolSize),
        DATABASE_POOLER: 'transaction',
        LISTEN_DATABASE_URL: databaseUrl,
        MIGRATION_DATABASE_URL: databaseUrl,
      },
      [],
      { build: false },
    );
  } catch (error) {
    console.error(`PgBouncer's log:\n${await pgbouncer.log()}`);
    await pgbouncer.stop();
    throw error;
  }
  return {
    server,
    pgbouncer,
    async complaints() {
      return (await pgbouncer.log()).split('\n').filter((line) => /\b(WARNING|ERROR|FATAL)\b/.test(line));
    },
    async diagnostics() {
      return `server (through PgBouncer) stderr:\n${server.errorOutput()}\nPgBouncer's log:\n${await pgbouncer.log()}`;
    },
    async stop() {
      try {
        await server.stop();
      } finally {
        await pgbouncer.stop();
      }
    },
  };
}
