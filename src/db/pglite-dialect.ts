import { types as pgliteTypes, type PGlite, type Results } from '@electric-sql/pglite';
import { Mutex } from 'async-mutex';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * A Kysely dialect for PGlite (embedded PostgreSQL in WebAssembly).
 *
 * PGlite is a single session. Kysely assumes a pool: it acquires a connection, runs a whole
 * transaction on it, then releases it. If two transactions shared the session their statements
 * would interleave and one's ROLLBACK would undo the other's writes. So acquiring the one
 * connection takes a mutex that is held until Kysely releases it: requests queue, and a
 * transaction owns the session from BEGIN to COMMIT. (kysely-pglite 0.6 has no such lock, and
 * kysely-pglite-dialect only supports PGlite 0.4 or older; see STACK-NOTES.)
 *
 * int8 and numeric come back as strings, like node-postgres, so code and types are the same on
 * both backends.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's Dialect interface
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** Same text representation node-postgres returns for these types. */
export const pgliteParsers = {
  [pgliteTypes.INT8]: (value: string) => value,
  [pgliteTypes.NUMERIC]: (value: string) => value,
};

class PGliteDriver implements Driver {
  readonly #sessionLock = new Mutex();
  readonly #connection: PGliteConnection;

  constructor(private readonly pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#sessionLock.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#sessionLock.release();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : undefined, settings.accessMode].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(`start transaction ${modes.join(', ')}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }

  async destroy(): Promise<void> {
    // Wait for whoever holds the session to finish before closing it under them.
    await this.#sessionLock.runExclusive(async () => {
      if (!this.pglite.closed) await this.pglite.close();
    });
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Like node-postgres, a query without parameters goes over the simple protocol, which also
    // accepts several statements (migrations); one with parameters is prepared.
    const result =
      compiledQuery.parameters.length === 0
        ? lastOf(await this.pglite.exec(compiledQuery.sql, { parsers: pgliteParsers }))
        : await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
            parsers: pgliteParsers,
          });
    const isWrite = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(result.command ?? '');
    return {
      rows: result.rows as R[],
      ...(isWrite && result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // PGlite has no server-side cursors over this interface: run the query and hand the rows out
  // in chunks. The embedded database is for development-sized data; production uses `pg`.
  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let start = 0; start < rows.length; start += chunkSize) {
      yield { rows: rows.slice(start, start + chunkSize) };
    }
  }
}

function lastOf(results: Results[]): Results {
  return results.at(-1) ?? { rows: [], fields: [] };
}
