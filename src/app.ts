import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { authenticate } from './auth/auth.service.js';
import type { Caller } from './auth/viewer.js';
import type { AppConfig } from './config/config.js';
import type { Context } from './context.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { useCsvExports } from './reports/csv-exports.plugin.js';
import { schema } from './schema/schema.js';
import { useReadiness } from './server/health.plugin.js';
import { createLogger } from './server/logger.js';
import { useRequestLogging } from './server/request-logging.plugin.js';

/** What yoga hands the context factory: the HTTP request, or our graphql-ws connection's caller. */
type ServerContext = { caller?: Caller | null };

export interface App {
  yoga: YogaServerInstance<ServerContext, Context>;
  server: Server;
  database: DatabaseHandle;
  logger: Logger;
  /** Listens on config.host:config.port (0 picks a free port). */
  start(): Promise<{ port: number; url: string }>;
  /** Stops accepting, lets requests in flight finish, closes sockets and the database. */
  stop(): Promise<void>;
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

  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: logger,
    // Unexpected errors reach clients as "Unexpected error." only; details stay in our logs.
    maskedErrors: true,
    plugins: [useRequestLogging(logger), useReadiness(db), useCsvExports(db, config, logger)],
    context: async ({ request, caller }): Promise<Context> => ({
      db,
      config,
      logger,
      caller: caller !== undefined ? caller : await authenticate(db, config, request.headers.get('authorization')),
    }),
  });

  const server = createServer(yoga);

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
    async stop() {
      // 1001 "going away": clients know to reconnect (to another instance) rather than give up.
      for (const socket of webSocketServer.clients) socket.close(1001, 'Server shutting down');
      await graphqlWs.dispose();
      await new Promise<void>((resolve) => {
        webSocketServer.close(() => resolve());
      });
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await yoga.dispose();
      if (!options.database) await db.destroy();
    },
  };
}
