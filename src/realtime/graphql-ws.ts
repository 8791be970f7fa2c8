import type { IncomingMessage } from 'node:http';
import {
  createSourceEventStream,
  type ExecutionArgs,
  type GraphQLError,
  type execute as graphqlExecute,
  type subscribe as graphqlSubscribe,
} from 'graphql';
import { isAsyncIterable } from 'graphql-yoga';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { Authenticate } from '../auth/authenticator.js';
import type { Caller } from '../auth/viewer.js';
import type { AppConfig } from '../config/config.js';
import type { Context } from '../context.js';
import { errorForClient, isDatabaseUnavailable } from '../server/errors.js';
import { createCostCheck } from '../server/query-limits.plugin.js';
import { isSizeRefusal } from '../server/response-size.plugin.js';
import { SocketDelivery } from './direct-delivery.js';
import { executeSharedEvent, subscriptionCohort, type SharedEventResults } from './shared-subscriptions.js';
import {
  tokenEndedCloseCode,
  tokenEndedCloseReason,
  tokenEndedError,
  tooManyOperationsError,
  tooManySocketsCloseCode,
  tooManySocketsCloseReason,
  type GraphqlWsServerContext,
  type LiveConnections,
} from './live-connections.js';

/**
 * What yoga hands the context factory: the HTTP request (node's `req`), or for graphql-ws the
 * operation's caller, the upgrade request and the transport.
 */
export type ServerContext = { caller?: Caller | null; req?: IncomingMessage } & Partial<GraphqlWsServerContext>;

export interface GraphqlWsOptions {
  config: AppConfig;
  logger: Logger;
  /** The server's authentication step (src/auth/authenticator.ts): through the caller cache. */
  authenticate: Authenticate;
  liveConnections: LiveConnections;
  /** Subscription events executed once per cohort (src/realtime/shared-subscriptions.ts). */
  subscriptionResults: SharedEventResults;
}

/** 1013 Try Again Later: a connection_init we could not check (the database is down, say); clients retry. */
const tryAgainLaterCloseCode = 1013;

/**
 * graphql-ws (protocol graphql-transport-ws) on the HTTP server's port and path. Queries,
 * mutations and subscriptions are all served, through the same yoga envelope as HTTP (limits,
 * masking, logging), but for subscriptions whose events a cohort of subscribers shares: those are
 * written to their socket directly, with the same limits and masking applied once per event
 * (src/realtime/shared-subscriptions.ts, src/realtime/direct-delivery.ts).
 *
 * - The token comes in connection_init's payload; without a valid account token the socket is
 *   closed with 4403, and over MAX_SOCKETS_PER_CALLER with 4429.
 * - Every operation authenticates that token again (through the caller cache, which sign-out and
 *   revocation empty on every instance): a socket whose token stopped being valid runs nothing
 *   more and is closed with 4403. LiveConnections closes it as soon as that happens anyway.
 * - An operation that fails before it runs (bad syntax, a limit, an unexpected error) gets an
 *   `error` message for that operation only; the socket stays open. Close reasons are always
 *   fixed strings (`isProd`): graphql-ws would otherwise put an internal error's message there.
 * - More than MAX_SUBSCRIPTIONS_PER_SOCKET operations running at once: the new one gets an error.
 */
export function useGraphqlWs(
  yoga: YogaServerInstance<ServerContext, Context>,
  webSocketServer: WebSocketServer,
  { config, logger, authenticate, liveConnections, subscriptionResults }: GraphqlWsOptions,
) {
  const authorizations = new WeakMap<object, string>();
  const maxOperations = config.connections.maxSubscriptionsPerSocket;
  const eventOptions = { logger, maxResponseBytes: config.limits.maxResponseBytes };
  const costRefusal = createCostCheck(config.limits.maxCost);
  /**
   * A directly written subscription's start: its source stream, or the result that refuses it (as
   * the envelope answers: one `next` with the errors, then `complete`).
   */
  const subscribeDirect = async (args: ExecutionArgs) => {
    const refusal = costRefusal(args);
    if (refusal) return { errors: [refusal] };
    // On a copy of the context: what resolvers cache by context while the stream starts (scope
    // checks, loaders) is then dropped with it, rather than kept for the subscription's life.
    const source = await createSourceEventStream({ ...args, contextValue: { ...(args.contextValue as Context) } });
    return isAsyncIterable(source) ? source : { ...source, errors: source.errors?.map(operationError) };
  };

  /** An error to send as one operation's `error` message: ours as they are, anything else masked and logged. */
  const operationError = (error: unknown): GraphQLError => errorForClient(error, logger);

  const server = useServer(
    {
      isProd: true,
      connectionInitWaitTimeout: config.connections.wsConnectionInitTimeoutMs,
      onConnect: async (connection) => {
        const { socket } = connection.extra;
        const authorization = connection.connectionParams?.['authorization'];
        if (typeof authorization !== 'string') return false;
        let caller: Caller | null;
        try {
          // No operator-token throttle: the operator token is refused here like any wrong token.
          caller = await authenticate({ authorization });
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            socket.close(tryAgainLaterCloseCode, 'Service unavailable');
          } else {
            logger.error({ err: error }, 'unexpected error authenticating a graphql-ws connection');
            socket.close(CloseCode.InternalServerError, 'Internal server error');
          }
          // (graphql-ws then closes with 4403, which a socket already closing ignores.)
          return false;
        }
        if (!caller || caller.kind === 'operator') return false;
        // The client went away while we looked the token up.
        if (socket.readyState !== socket.OPEN) return false;
        const release = liveConnections.addSocket(caller, authorization, () => socket.close(tokenEndedCloseCode, tokenEndedCloseReason));
        if (!release) {
          socket.close(tooManySocketsCloseCode, tooManySocketsCloseReason);
          return false;
        }
        socket.once('close', release);
        authorizations.set(socket, authorization);
        return true;
      },
      onSubscribe: async (connection, id, payload) => {
        try {
          const { socket, request } = connection.extra;
          // graphql-ws has registered this operation already, so it counts itself.
          if (Object.keys(connection.subscriptions).length > maxOperations) return [tooManyOperationsError(maxOperations)];
          const caller = await authenticate({ authorization: authorizations.get(socket) });
          if (!caller || caller.kind === 'operator') {
            socket.close(tokenEndedCloseCode, tokenEndedCloseReason);
            return [tokenEndedError()];
          }
          // No fetch `request` (this is not one): yoga would take the upgrade's GET for the
          // operation's method and refuse mutations. `req`, the upgrade request, gives the context
          // its client address, which signIn's throttle counts by.
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            caller,
            req: request,
            params: payload,
            transport: 'graphql-ws',
          });
          const document = parse(payload.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return errors;
          const args = {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          };
          // A subscription whose events a cohort shares: its stream hands them to a sink that
          // writes the cohort's result (executed once) to this socket. It starts outside yoga's
          // envelope, which would keep a chain of per-operation wrappers for the subscription's
          // whole life around a stream that yields nothing: the cost check is run here, and the
          // rest of what the envelope does to results is done once per event, for the cohort
          // (executeSharedEvent).
          const cohort = subscriptionCohort(args);
          if (cohort === null) return args;
          const sharedArgs = { ...args, rootValue: { subscribe: subscribeDirect } };
          sharedArgs.contextValue.liveDelivery = new SocketDelivery({
            socket,
            id,
            operations: connection.subscriptions,
            bufferSize: config.subscriptionBufferSize,
            resultOf: (event) => subscriptionResults.resultFor(event, cohort, () => executeSharedEvent(sharedArgs, event, eventOptions)),
            failed: (error) => ({ errors: [operationError(error)] }),
            ends: isSizeRefusal,
          });
          return sharedArgs;
        } catch (error) {
          return [operationError(error)];
        }
      },
      execute: (args) => (args.rootValue as { execute: typeof graphqlExecute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof graphqlSubscribe }).subscribe(args),
      // A stream that failed while running: graphql-ws would send its message as it is.
      onError: (_connection, _id, _payload, errors) => errors.map((error) => operationError(error).toJSON()),
    },
    webSocketServer,
  );

  // A socket's 'error' is a client breaking the protocol at the frame level (a message over
  // WS_MAX_PAYLOAD_BYTES, invalid UTF-8...), and ws has already closed it with the matching code
  // (1009, 1007...). graphql-ws would print each one to stderr, outside our log and at any
  // client's will: a line in our log instead. (Added after useServer's own 'connection' listener,
  // so its 'error' listener is there to replace.)
  webSocketServer.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => logger.debug({ err: error }, 'graphql-ws socket closed for a protocol error'));
  });
  return server;
}
