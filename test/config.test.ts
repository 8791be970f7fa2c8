import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { startServerProcess } from './support/server-process.js';

/** The ConfigError that loadConfig throws for this environment. */
function configError(environment: Record<string, string>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(environment)}`);
}

describe('connections for scaling out (README, Scaling out)', () => {
  const primary = 'postgres://app@db-primary.internal:5432/inventory';
  const pooler = 'postgres://app@pgbouncer.internal:6432/inventory';
  const replica = 'postgres://app@db-replica.internal:5432/inventory';

  it('default LISTEN and migrations to DATABASE_URL, with no pooler and no replica', () => {
    expect(loadConfig({ DATABASE_URL: primary }).database).toMatchObject({
      pooler: 'none',
      listenUrl: primary,
      migrationUrl: primary,
    });
    expect(loadConfig({ DATABASE_URL: primary }).database).not.toHaveProperty('readReplica');
  });

  it('read the pooler, the direct connections and the replica with its allowed lag', () => {
    const { database } = loadConfig({
      DATABASE_URL: pooler,
      DATABASE_POOLER: 'transaction',
      LISTEN_DATABASE_URL: primary,
      MIGRATION_DATABASE_URL: primary,
      READ_DATABASE_URL: replica,
      READ_REPLICA_MAX_LAG_SECONDS: '2.5',
    });
    expect(database).toMatchObject({
      url: pooler,
      pooler: 'transaction',
      listenUrl: primary,
      migrationUrl: primary,
      readReplica: { url: replica, maxLagMs: 2_500 },
    });
  });

  it('refuse a transaction pooler without a direct LISTEN connection: notifications would never arrive', () => {
    for (const listen of [{}, { LISTEN_DATABASE_URL: pooler }] as Record<string, string>[]) {
      expect(configError({ DATABASE_URL: pooler, DATABASE_POOLER: 'transaction', ...listen }).message).toMatch(
        /LISTEN_DATABASE_URL: must be a direct connection to PostgreSQL \(not the pooler\) when DATABASE_POOLER=transaction/,
      );
    }
  });

  it('refuse connection settings on the embedded database, and URLs that are not postgres:// ones', () => {
    const message = configError({ READ_DATABASE_URL: replica, DATABASE_POOLER: 'transaction' }).message;
    expect(message).toMatch(/READ_DATABASE_URL: needs DATABASE_URL/);
    expect(message).toMatch(/DATABASE_POOLER: needs DATABASE_URL/);
    expect(configError({ DATABASE_URL: primary, READ_DATABASE_URL: 'mysql://replica' }).message).toMatch(
      /READ_DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
    expect(configError({ DATABASE_URL: primary, READ_REPLICA_MAX_LAG_SECONDS: '0' }).message).toMatch(/READ_REPLICA_MAX_LAG_SECONDS/);
  });
});

describe('loadConfig', () => {
  it('has defaults that need no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      database: { kind: 'pglite', dataDir: './.data' },
      logLevel: 'info',
      sessionTtlMs: 12 * 3_600_000,
      operatorTokenGenerated: true,
    });
    // A generated operator token is long and differs on every start.
    expect(config.operatorToken.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).operatorToken).not.toBe(config.operatorToken);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://app@db.internal:5432/inventory',
      DATABASE_POOL_SIZE: '7',
      OPERATOR_TOKEN: 'a-long-enough-operator-token-0123456789',
      LOG_LEVEL: 'warn',
      SESSION_TTL_HOURS: '2',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'postgres', url: 'postgresql://app@db.internal:5432/inventory', poolSize: 7 },
      operatorToken: 'a-long-enough-operator-token-0123456789',
      operatorTokenGenerated: false,
      logLevel: 'warn',
      sessionTtlMs: 2 * 3_600_000,
    });
    expect(loadConfig({ DATA_DIR: '/var/lib/inventory' }).database).toEqual({ kind: 'pglite', dataDir: '/var/lib/inventory' });
  });

  it('takes an operator token of 32 characters or more', () => {
    expect(loadConfig({ OPERATOR_TOKEN: 'x'.repeat(32) }).operatorToken).toBe('x'.repeat(32));
    expect(configError({ OPERATOR_TOKEN: 'x'.repeat(31) }).message).toContain('OPERATOR_TOKEN: must be at least 32 characters');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', OPERATOR_TOKEN: '' })).toMatchObject({
      port: 4000,
      database: { kind: 'pglite' },
      operatorTokenGenerated: true,
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_POOL_SIZE', '0'],
    ['LOG_LEVEL', 'loud'],
    ['OPERATOR_TOKEN', 'short'],
    ['OPERATOR_TOKEN', 'x'.repeat(31)],
    ['SESSION_TTL_HOURS', 'forever'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    // Only the variable at fault is named.
    expect(error.message.match(/^\s+[A-Z_]+: /gm)).toHaveLength(1);
  });

  it('names every bad variable at once', () => {
    const error = configError({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(error.message).toContain('PORT: ');
    expect(error.message).toContain('LOG_LEVEL: ');
  });
});

describe('npm start with a bad configuration', () => {
  it('exits non-zero with a message naming the variable, before opening anything', async () => {
    const server = startServerProcess({ PORT: 'abc' });
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(server.stderr()).toMatch(/Invalid configuration:\n\s+PORT: /);
    // A clear message, not a stack trace.
    expect(server.stderr()).not.toMatch(/\n\s+at /);
    expect(server.stdout()).toBe('');
  });
});
