import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { AlertFeed } from './alerts/alerts.feed.js';
import { authenticate } from './auth/auth.service.js';
import { SignInThrottle } from './auth/sign-in-throttle.js';
import type { Caller } from './auth/viewer.js';
import type { AppConfig } from './config/config.js';
import type { Context } from './context.js';
import { useDashboard } from './dashboard/dashboard.plugin.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { useCsvExports } from './reports/csv-exports.plugin.js';
import { createNotificationListener } from './realtime/notification-listener.js';
import { schema } from './schema/schema.js';
import { useReadiness } from './server/health.plugin.js';
import { createLogger } from './server/logger.js';
import { maskError, useUnexpectedErrorLogging } from './server/errors.js';
import { useBodyLimit, useQueryLimits } from './server/query-limits.plugin.js';
import { requestIdOf, useRequestLogging } from './server/request-logging.plugin.js';

/** What yoga hands the context factory: the HTTP request, or our graphql-ws connection's caller. */
type ServerContext = { caller?: Caller | null; req?: IncomingMessage };

export interface App {
  yoga: YogaServerInstance<ServerContext, Context>;
  server: Server;
  database: DatabaseHandle;
  logger: Logger;
  /** This process's live alert stream. */
  alerts: AlertFeed;
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
    options.database ??
    (await openDatabase(config.database, (error) => logger.warn({ err: error }, 'idle database connection failed')));
  const { db } = database;
  await migrateToLatest(db);

  // One listening connection per process fans committed alerts out to this process's
  // subscriptions; LISTEN is in effect before the server takes its first request.
  const notifications = createNotificationListener(database, logger);
  const alerts = new AlertFeed(db, logger, { bufferSize: config.subscriptionBufferSize });
  await alerts.start(notifications);

  const signInThrottle = new SignInThrottle(config.signInThrottle);

  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
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
      useRequestLogging(logger),
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
      useBodyLimit(config.limits.maxBodyBytes),
      ...useQueryLimits(config.limits),
      useUnexpectedErrorLogging(),
      useReadiness(db),
      useCsvExports(db, config, logger),
      useDashboard(logger),
    ],
    context: async ({ request, caller, req }): Promise<Context> => ({
      requestId: requestIdOf(request) ?? randomUUID(),
      clientAddress: req?.socket.remoteAddress ?? null,
      signInThrottle,
      db,
      config,
      logger,
      alerts,
      caller: caller !== undefined ? caller : await authenticate(db, config, request.headers.get('authorization')),
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

  // graphql-ws on the same port and path as HTTP (protocol graphql-transport-ws). The token comes
  // in connection_init's payload; a connection without a valid account token is closed with 4403.
  const webSocketServer = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const callers = new WeakMap<object, Caller>();
  const graphqlWs = useServer(
    {
      onConnect: async (connection) => {
        const authorization = connection.connectionParams?.['authorization'];
        const caller = await authenticate(db, config, typeof authorization === 'string' ? authorization : null);
        if (!caller || caller.kind === 'operator') return false;
        callers.set(connection.extra.socket, caller);
        return true;
      },
      onSubscribe: async (connection, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          caller: callers.get(connection.extra.socket) ?? null,
          request: connection.extra.request,
          params: payload,
        });
        const document = parse(payload.query);
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
    },
    webSocketServer,
  );

  return {
    yoga,
    server,
    database,
    logger,
    alerts,
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
      server.closeIdleConnections();
      await graphqlWs.dispose();
      await closed;
      clearTimeout(cutOff);
      await yoga.dispose();
      await notifications.close();
      if (!options.database) await db.destroy();
    },
  };
}
