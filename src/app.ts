import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { AlertReader } from './alerts/alerts.reader.js';
import { cacheFollower, followAuthInvalidations } from './auth/auth-invalidations.js';
import { createAuthenticator } from './auth/authenticator.js';
import { CallerCache } from './auth/caller-cache.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import type { AppConfig } from './config/config.js';
import type { Context } from './context.js';
import { useDashboard } from './dashboard/dashboard.plugin.js';
import { openDatabase, openReadReplica, type DatabaseHandle } from './db/database.js';
import type { ReadReplica } from './db/read-replica.js';
import { migrateDatabase, migrateToLatest } from './db/migrate.js';
import { useCsvExports } from './reports/csv-exports.plugin.js';
import { useGraphqlWs, type ServerContext } from './realtime/graphql-ws.js';
import { LiveConnections, useLiveStreams } from './realtime/live-connections.js';
import { createNotificationListener } from './realtime/notification-listener.js';
import { SharedEventResults, useSharedSubscriptions } from './realtime/shared-subscriptions.js';
import { schema } from './schema/schema.js';
import { HorizonMonitor } from './inventory/horizon-monitor.js';
import { PurgeJob } from './maintenance/purge-job.js';
import { clientAddressOf } from './server/client-address.js';
import { createGraphiQL } from './server/graphiql.js';
import { useReadiness } from './server/health.plugin.js';
import { createLogger } from './server/logger.js';
import { maskError, useDomainErrors, useUnexpectedErrorLogging } from './server/errors.js';
import { useBodyLimit, useQueryLimits } from './server/query-limits.plugin.js';
import { useReadRouting } from './server/read-routing.plugin.js';
import { requestIdOf, useRequestLogging } from './server/request-logging.plugin.js';
import { useResponseSizeLimit } from './server/response-size.plugin.js';

export interface App {
  yoga: YogaServerInstance<ServerContext, Context>;
  server: Server;
  database: DatabaseHandle;
  logger: Logger;
  /** This process's reader of live alerts (src/alerts/alerts.reader.ts). */
  alerts: AlertReader;
  /** Subscription events executed once per cohort of subscribers (src/realtime/shared-subscriptions.ts). */
  subscriptionResults: SharedEventResults;
  /** Where reads that may lag go (READ_DATABASE_URL, src/db/read-replica.ts); null without a replica. */
  readReplica: ReadReplica | null;
  /** This process's callers by token hash; null when AUTH_CACHE_TTL_MS is 0. */
  callerCache: CallerCache | null;
  /** This process's graphql-ws sockets and SSE streams by token (ended when it stops being valid). */
  liveConnections: LiveConnections;
  /** Listens on config.host:config.port (0 picks a free port). */
  start(): Promise<{ port: number; url: string }>;
  /**
   * Stops accepting connections, closes WebSockets with 1001, ends live streams, lets requests in
   * flight finish (cut off after graceMs), then closes the listener and the database.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  /** An already open database (tests share one per suite); otherwise opened from config. */
  database?: DatabaseHandle;
}

export async function buildApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config);
  const database =
    options.database ?? (await openDatabase(config.database, (error) => logger.warn({ err: error }, 'idle database connection failed')));
  const { db } = database;
  // A database handed in (tests) is migrated through itself; our own through MIGRATION_DATABASE_URL.
  await (options.database ? migrateToLatest(db) : migrateDatabase(database, config.database));

  // One listening connection per process fans committed alerts out to this process's
  // subscriptions; LISTEN is in effect before the server takes its first request.
  const notifications = createNotificationListener(database, logger);
  const alerts = new AlertReader(db, logger);
  await alerts.start(notifications);

  // Reads that may lag go to READ_DATABASE_URL while it keeps up (src/db/read-replica.ts).
  const readReplica = await openReadReplica(config.database, db, logger);

  const horizon = new HorizonMonitor(db, logger, config.ledgerHorizonWarnSeconds);
  horizon.start();
  const purgeJob = new PurgeJob(db, logger, config.purge);
  purgeJob.start();

  // Requests authenticate from memory when their token was resolved a moment ago; sign-outs,
  // revocations and module switches on any instance reach it through the same listener.
  const callerCache = config.authCacheTtlMs > 0 ? new CallerCache({ ttlMs: config.authCacheTtlMs }) : null;
  const signInThrottle = new SignInThrottle(config.signInThrottle);
  // Every transport turns credentials into a caller through this one step (src/auth/authenticator.ts).
  const authenticate = createAuthenticator(db, config, { callerCache, signInThrottle });
  // Sockets and SSE streams whose token is signed out, revoked or expires are ended, on every
  // instance (src/realtime/live-connections.ts). Told after the cache, so that what they look up
  // again comes from the database.
  const liveConnections = new LiveConnections({
    maxSocketsPerCaller: config.connections.maxSocketsPerCaller,
    maxSseStreamsPerCaller: config.connections.maxSseStreamsPerCaller,
    authenticate,
    logger,
  });
  await followAuthInvalidations(notifications, [...(callerCache ? [cacheFollower(callerCache)] : []), liveConnections], logger);

  const graphiql = config.graphiql ? createGraphiQL() : undefined;
  const subscriptionResults = new SharedEventResults();

  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // GraphiQL from the installed packages under a Content-Security-Policy, not yoga's default page
    // from a CDN (src/server/graphiql.ts); none when GRAPHIQL=false.
    ...(graphiql ? { renderGraphiQL: graphiql.render } : { graphiql: false }),
    // useBodyLimit refuses a body over MAX_BODY_BYTES by its Content-Length, and one without a
    // Content-Length, before it is read; Node's parser never reads past a Content-Length. Yoga's
    // own limit would pipe every body through a counting stream as well (a tenth of a sale's
    // server CPU), to catch what useBodyLimit already refuses.
    maxRequestBodySize: false,
    logging: logger,
    // Unexpected errors reach clients as "Unexpected error." with a request id; details stay in
    // our logs (src/server/errors.ts).
    maskedErrors: { maskError },
    // Browsers may call the API cross-origin only from the configured origins (CORS_ORIGINS).
    // Tokens travel in the Authorization header, never in cookies; csrfPrevention still refuses
    // "simple" requests a page on another site could send without a preflight.
    // An origin not on the list gets no CORS headers at all (not even `null`, which sandboxed
    // frames would match).
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && config.corsOrigins.includes(origin) ? { origin: [origin], methods: ['GET', 'POST'] } : false;
    },
    plugins: [
      useRequestLogging(logger, config.trustProxyHops),
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
      useBodyLimit(config.limits.maxBodyBytes),
      ...useQueryLimits(config.limits),
      // Live alerts: each event executed once per cohort of subscribers, on SSE and graphql-ws.
      useSharedSubscriptions(subscriptionResults, { logger, maxResponseBytes: config.limits.maxResponseBytes }),
      // Before the logging and yoga's masking: domain errors no union answers get their codes.
      useDomainErrors(),
      useUnexpectedErrorLogging(),
      // After the error logging, so a result it replaces has had its unexpected errors logged.
      useResponseSizeLimit(config.limits.maxResponseBytes),
      useReadiness(horizon),
      useLiveStreams(liveConnections),
      ...(readReplica ? [useReadRouting(readReplica)] : []),
      useCsvExports(() => readReplica?.db ?? db, config, logger, authenticate),
      useDashboard(logger),
      ...(graphiql ? [graphiql.plugin] : []),
    ],
    context: async ({ request, caller, req }): Promise<Context> => ({
      requestId: requestIdOf(request) ?? randomUUID(),
      clientAddress: clientAddressOf(req, config.trustProxyHops),
      signInThrottle,
      db,
      config,
      logger,
      alerts,
      callerCache,
      caller:
        caller !== undefined
          ? caller
          : await authenticate({
              authorization: request.headers.get('authorization'),
              operatorTokenAttempt: { clientAddress: clientAddressOf(req, config.trustProxyHops) },
            }),
    }),
  });

  const server = createServer(yoga);
  // While stopping, a keep-alive connection is closed as soon as its response is done, rather
  // than when it times out, so that server.close() finishes once requests in flight have.
  let stopping = false;
  server.on('request', (_request, response) => {
    response.once('finish', () => {
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });

  // graphql-ws on the same port and path as HTTP (protocol graphql-transport-ws): see
  // src/realtime/graphql-ws.ts. A message larger than WS_MAX_PAYLOAD_BYTES closes its socket (1009)
  // before it is read, as MAX_BODY_BYTES refuses an HTTP body.
  const webSocketServer = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: config.connections.wsMaxPayloadBytes,
  });
  const graphqlWs = useGraphqlWs(yoga, webSocketServer, { config, logger, authenticate, liveConnections, subscriptionResults });

  return {
    yoga,
    server,
    database,
    logger,
    alerts,
    subscriptionResults,
    readReplica,
    callerCache,
    liveConnections,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      return { port, url: `http://${host}:${port}${yoga.graphqlEndpoint}` };
    },
    async stop({ graceMs = 8_000 } = {}) {
      stopping = true;
      // Stop accepting: the listening socket closes now; `closed` resolves once every connection
      // (requests in flight included) has ended.
      const closed = new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      });
      // Whatever is still open when the grace period ends is cut off, so the process can exit.
      const cutOff = setTimeout(() => {
        logger.warn('connections still open at the end of the shutdown grace period: closing them');
        for (const socket of webSocketServer.clients) socket.terminate();
        server.closeAllConnections();
      }, graceMs);
      // 1001 "going away": clients know to reconnect (to another instance) rather than give up.
      // Closed before the streams end, so graphql-ws clients get no "complete" that would make
      // them drop their subscriptions instead of resubscribing.
      for (const socket of webSocketServer.clients) socket.close(1001, 'Server shutting down');
      // SSE streams complete (after what they have queued), so their connections can close.
      alerts.close();
      liveConnections.close();
      horizon.stop();
      await purgeJob.stop();
      server.closeIdleConnections();
      await graphqlWs.dispose();
      await closed;
      clearTimeout(cutOff);
      await yoga.dispose();
      await notifications.close();
      if (readReplica) {
        await readReplica.close();
        await readReplica.replica.destroy();
      }
      if (!options.database) await db.destroy();
    },
  };
}
