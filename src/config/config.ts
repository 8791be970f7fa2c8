import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL');

/**
 * Everything the server reads from its environment, validated once at start.
 * A bad value stops the process with a message naming the variable, rather than
 * surfacing later as a confusing runtime failure.
 */
const environmentSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    // What DATABASE_URL reaches: PostgreSQL itself (`none`), or a pooler in transaction mode such as
    // PgBouncer's pool_mode=transaction (`transaction`): then the server keeps no state on those
    // connections beyond a transaction, and what needs a session of its own (LISTEN, the migrations'
    // lock) goes to LISTEN_DATABASE_URL and MIGRATION_DATABASE_URL.
    DATABASE_POOLER: z.enum(['none', 'transaction']).default('none'),
    // A direct connection (not through a transaction pooler) for LISTEN; default DATABASE_URL.
    LISTEN_DATABASE_URL: postgresUrl.optional(),
    // A direct connection for migrations at start; default DATABASE_URL.
    MIGRATION_DATABASE_URL: postgresUrl.optional(),
    // A streaming replica for reports, the ledger, alert history and the analysis queries
    // (src/db/read-replica.ts); unset, they read DATABASE_URL.
    READ_DATABASE_URL: postgresUrl.optional(),
    // How far behind the primary the replica may be before reads go to the primary instead.
    READ_REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(10),
    // Bounds on every pooled connection. The ledger's readers wait for the oldest write transaction
    // on the server (src/inventory/ledger-order.ts), so none of ours may run or sit idle for long.
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
    // The ledger horizon's lag (seconds) past which the server logs a warning.
    LEDGER_HORIZON_WARN_SECONDS: z.coerce.number().positive().default(5),
    DATA_DIR: z.string().min(1).default('./.data'),
    OPERATOR_TOKEN: z
      .string()
      // Long enough not to be guessed, however slowly wrong ones are let through (a generated one
      // has 43 characters: 32 random bytes).
      .min(32, 'must be at least 32 characters')
      // Those prefixes mark session and API-key tokens (src/auth/tokens.ts): it would never match.
      .refine((token) => !/^(nis_|nik_)/.test(token), 'must not start with nis_ or nik_')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 365)
      .default(12),
    // How long a process trusts a token it resolved without asking the database again (0: always
    // ask). Sign-out and revocation reach every instance at once regardless; this bounds how stale
    // a caller can get only when an instance missed that notification. At most a minute.
    AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    // At most 1000: a stream's Repeater refuses more than 1024 values waiting to be taken.
    SUBSCRIPTION_BUFFER_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
    // Browser origins allowed to call the API cross-origin (comma-separated); none by default.
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url('each origin must be a URL such as https://backoffice.example.com')))
      // Browsers send the bare origin: scheme, host and port, no path or trailing slash.
      .transform((origins) => origins.map((origin) => new URL(origin).origin)),
    // GraphiQL on GET /graphql for browsers (src/server/graphiql.ts); `false` leaves only the API.
    GRAPHIQL: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(512 * 1024),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(15),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(20),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
    // The estimated cost of an operation (src/schema/complexity.ts), with its variables: every field
    // costs 1 and a list multiplies what is selected under it by its length (page sizes from
    // `first`/`last`). A page of 500 with one list under it fits: 500 ledger rows with their item and
    // shop cost about 4,500, 500 items with their level at every shop or 500 report rows with their
    // adjustments about 45,000. A list nested under that doesn't: 500 items' levels' items' levels
    // cost about 220,000.
    GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(150_000),
    // How many shops the cost estimate assumes an account has: an item's `inventory` and `shops` list
    // one entry per shop, and their real length isn't known before the operation runs.
    GRAPHQL_COST_ASSUMED_SHOPS: z.coerce.number().int().min(1).max(10_000).default(20),
    GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(1).default(50),
    // A backstop behind the cost estimate: a result (or one subscription event) larger than this is
    // replaced by an error rather than sent.
    MAX_RESPONSE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
    SIGN_IN_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
    SIGN_IN_FAILURE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(15 * 60),
    // Whether the client address (sign-in throttling, logs) comes from X-Forwarded-For: `false` (the
    // TCP peer's address), `true` (one reverse proxy in front) or the number of proxies in front.
    // Only the entries our own proxies appended are believed; anything left of them is the client's
    // to make up.
    TRUST_PROXY: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^(true|false|\d{1,2})$/, 'must be true, false or the number of proxies in front of the server')
      .default('false')
      .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value))),
    // graphql-ws: the largest message a client may send (default: MAX_BODY_BYTES, as for HTTP); a
    // larger frame closes that socket (1009) before it is read.
    WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).optional(),
    // graphql-ws: how long a socket may stay open before sending connection_init (then 4408).
    WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
    // Per caller: per session or API key (each sign-in is its own), counted by each instance.
    MAX_SOCKETS_PER_CALLER: z.coerce.number().int().min(1).default(20),
    MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(20),
    MAX_SSE_STREAMS_PER_CALLER: z.coerce.number().int().min(1).default(10),
    // The contract keeps an idempotency key at least 24 h: a client may retry a write that long.
    IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce
      .number()
      .min(24, 'must be at least 24 (the API contract)')
      .max(24 * 365)
      .default(24),
    // How often expired sessions and old idempotency keys are purged (src/maintenance/purge-job.ts).
    PURGE_INTERVAL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(600),
  })
  .superRefine((env, context) => {
    // The embedded database has no connections to route: these would be silently ignored.
    if (!env.DATABASE_URL) {
      for (const name of ['DATABASE_POOLER', 'LISTEN_DATABASE_URL', 'MIGRATION_DATABASE_URL', 'READ_DATABASE_URL'] as const) {
        if (name === 'DATABASE_POOLER' ? env.DATABASE_POOLER !== 'none' : env[name] !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: 'needs DATABASE_URL (the embedded database takes no connection settings)',
          });
        }
      }
    }
    // A transaction pooler hands LISTEN's connection to other clients between transactions: the
    // server would start, and never hear a notification.
    if (env.DATABASE_POOLER === 'transaction' && (env.LISTEN_DATABASE_URL === undefined || env.LISTEN_DATABASE_URL === env.DATABASE_URL)) {
      context.addIssue({
        code: 'custom',
        path: ['LISTEN_DATABASE_URL'],
        message: 'must be a direct connection to PostgreSQL (not the pooler) when DATABASE_POOLER=transaction',
      });
    }
  });

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      poolSize: number;
      /** Milliseconds; 0 turns one off. Defaults: see DATABASE_*_TIMEOUT_MS. */
      timeouts?: { statementMs: number; idleInTransactionMs: number; connectMs: number };
      /** `transaction` when `url` is a transaction-mode pooler (DATABASE_POOLER). */
      pooler?: 'none' | 'transaction';
      /** Direct connections for LISTEN and for migrations; default `url`. */
      listenUrl?: string;
      migrationUrl?: string;
      /** A streaming replica for reads that may lag (READ_DATABASE_URL), and how far it may. */
      readReplica?: { url: string; maxLagMs: number };
    }
  | { kind: 'pglite'; dataDir: string | undefined };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** The ledger horizon's lag past which the server warns (src/inventory/horizon-monitor.ts). */
  ledgerHorizonWarnSeconds: number;
  operatorToken: string;
  /** True when OPERATOR_TOKEN was not given and we made one up for this run. */
  operatorTokenGenerated: boolean;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  /** How long a resolved token is kept in this process's caller cache; 0 turns the cache off. */
  authCacheTtlMs: number;
  /** Alerts a subscription may have waiting to be sent; past that it is ended as too slow. */
  subscriptionBufferSize: number;
  corsOrigins: string[];
  /** Whether GET /graphql serves GraphiQL to browsers. */
  graphiql: boolean;
  limits: {
    maxBodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    /** The shop count the cost estimate assumes for lists with one entry per shop. */
    costAssumedShops: number;
    maxDirectives: number;
    /** Largest result (or subscription event) sent, as JSON bytes. */
    maxResponseBytes: number;
  };
  signInThrottle: { failuresPerEmail: number; failuresPerAddress: number; windowSeconds: number };
  /** How many reverse proxies' X-Forwarded-For entries to believe (0: none; src/server/client-address.ts). */
  trustProxyHops: number;
  /** Limits on graphql-ws sockets and SSE streams; "per caller" is per session or API key. */
  connections: {
    wsMaxPayloadBytes: number;
    wsConnectionInitTimeoutMs: number;
    maxSocketsPerCaller: number;
    maxSubscriptionsPerSocket: number;
    maxSseStreamsPerCaller: number;
  };
  /** The periodic purge of expired sessions and idempotency keys past their retention. */
  purge: { intervalMs: number; idempotencyKeyRetentionMs: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings come from `FOO= npm start`; treat them as unset.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.DATABASE_POOL_SIZE,
          timeouts: {
            statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
            idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
            connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
          },
          pooler: env.DATABASE_POOLER,
          listenUrl: env.LISTEN_DATABASE_URL ?? env.DATABASE_URL,
          migrationUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
          ...(env.READ_DATABASE_URL
            ? { readReplica: { url: env.READ_DATABASE_URL, maxLagMs: env.READ_REPLICA_MAX_LAG_SECONDS * 1000 } }
            : {}),
        }
      : { kind: 'pglite', dataDir: env.DATA_DIR },
    ledgerHorizonWarnSeconds: env.LEDGER_HORIZON_WARN_SECONDS,
    operatorToken: env.OPERATOR_TOKEN ?? randomBytes(32).toString('base64url'),
    operatorTokenGenerated: env.OPERATOR_TOKEN === undefined,
    logLevel: env.LOG_LEVEL,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    authCacheTtlMs: env.AUTH_CACHE_TTL_MS,
    subscriptionBufferSize: env.SUBSCRIPTION_BUFFER_SIZE,
    corsOrigins: env.CORS_ORIGINS,
    graphiql: env.GRAPHIQL,
    limits: {
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxCost: env.GRAPHQL_MAX_COST,
      costAssumedShops: env.GRAPHQL_COST_ASSUMED_SHOPS,
      maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
      maxResponseBytes: env.MAX_RESPONSE_BYTES,
    },
    signInThrottle: {
      failuresPerEmail: env.SIGN_IN_FAILURES_PER_EMAIL,
      failuresPerAddress: env.SIGN_IN_FAILURES_PER_ADDRESS,
      windowSeconds: env.SIGN_IN_FAILURE_WINDOW_SECONDS,
    },
    trustProxyHops: env.TRUST_PROXY,
    connections: {
      wsMaxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES ?? env.MAX_BODY_BYTES,
      wsConnectionInitTimeoutMs: env.WS_CONNECTION_INIT_TIMEOUT_MS,
      maxSocketsPerCaller: env.MAX_SOCKETS_PER_CALLER,
      maxSubscriptionsPerSocket: env.MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSseStreamsPerCaller: env.MAX_SSE_STREAMS_PER_CALLER,
    },
    purge: {
      intervalMs: env.PURGE_INTERVAL_SECONDS * 1000,
      idempotencyKeyRetentionMs: env.IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000,
    },
  };
}
