import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Everything the server reads from its environment, validated once at start.
 * A bad value stops the process with a message naming the variable, rather than
 * surfacing later as a confusing runtime failure.
 */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DATA_DIR: z.string().min(1).default('./.data'),
  OPERATOR_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters')
    // Those prefixes mark session and API-key tokens (src/auth/tokens.ts): it would never match.
    .refine((token) => !/^(nis_|nik_)/.test(token), 'must not start with nis_ or nik_')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(12),
  // At most 1000: a stream's Repeater refuses more than 1024 values waiting to be taken.
  SUBSCRIPTION_BUFFER_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  // Browser origins allowed to call the API cross-origin (comma-separated); none by default.
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url('each origin must be a URL such as https://backoffice.example.com')))
    // Browsers send the bare origin: scheme, host and port, no path or trailing slash.
    .transform((origins) => origins.map((origin) => new URL(origin).origin)),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(512 * 1024),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(15),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(20),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  // GraphQL Armor's cost multiplies by page sizes: a 500-row page of ledger rows with their item
  // and shop costs about 10,000.
  GRAPHQL_MAX_COST: z.coerce.number().int().min(100).default(50000),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(1).default(50),
  SIGN_IN_FAILURES_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  SIGN_IN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
});

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number }
  | { kind: 'pglite'; dataDir: string | undefined };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  operatorToken: string;
  /** True when OPERATOR_TOKEN was not given and we made one up for this run. */
  operatorTokenGenerated: boolean;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  /** Alerts a subscription may have waiting to be sent; past that it is ended as too slow. */
  subscriptionBufferSize: number;
  corsOrigins: string[];
  limits: {
    maxBodyBytes: number;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    maxDirectives: number;
  };
  signInThrottle: { failuresPerEmail: number; failuresPerAddress: number; windowSeconds: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings come from `FOO= npm start`; treat them as unset.
  const present = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
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
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: env.DATA_DIR },
    operatorToken: env.OPERATOR_TOKEN ?? randomBytes(32).toString('base64url'),
    operatorTokenGenerated: env.OPERATOR_TOKEN === undefined,
    logLevel: env.LOG_LEVEL,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    subscriptionBufferSize: env.SUBSCRIPTION_BUFFER_SIZE,
    corsOrigins: env.CORS_ORIGINS,
    limits: {
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxCost: env.GRAPHQL_MAX_COST,
      maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
    },
    signInThrottle: {
      failuresPerEmail: env.SIGN_IN_FAILURES_PER_EMAIL,
      failuresPerAddress: env.SIGN_IN_FAILURES_PER_ADDRESS,
      windowSeconds: env.SIGN_IN_FAILURE_WINDOW_SECONDS,
    },
  };
}
