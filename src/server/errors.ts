import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { BadUserInputError, RateLimitedError } from '../errors/domain-errors.js';

// Unexpected errors never reach clients: yoga masks them to "Unexpected error."
// (INTERNAL_SERVER_ERROR). We log each one with the request id and put the same id in the masked
// error, so a user's report leads to the log line. A database that can't be reached is a failure
// clients can act on (retry later), so it gets its own code instead.

const connectionFailureCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (terminated by an administrator)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** True for errors that mean "the database can't be reached now", not "the query is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: string }).code;
    if (code && connectionFailureCodes.has(code)) return true;
    // (pg's own wording: a connection cut, a pool that couldn't connect in time, a statement that
    // got no answer within query_timeout: see src/db/database.ts.)
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout/i.test(
        current.message,
      )
    ) {
      return true;
    }
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

export function databaseUnavailableError(requestId?: string): GraphQLError {
  return new GraphQLError('The database is unavailable right now. Try again in a moment.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 }, ...(requestId ? { requestId } : {}) },
  });
}

/**
 * The GraphQL error a client gets for a domain error that no error union answers: the one place
 * those refusals get their extensions.code (union members are typed results instead; see
 * src/errors/errors.schema.ts). Null for any other error. `located` is the execution error that
 * carried it, for its path and locations. The result has no originalError: it is an error of ours,
 * so neither the unexpected-error logging nor yoga's masking touches it.
 */
export function domainErrorToGraphQL(error: unknown, located?: GraphQLError): GraphQLError | null {
  const location = located ? { nodes: located.nodes, source: located.source, positions: located.positions, path: located.path } : {};
  if (error instanceof BadUserInputError) {
    return new GraphQLError(error.message, {
      ...location,
      extensions: {
        code: 'BAD_USER_INPUT',
        ...(error.argument !== null ? { argument: error.argument } : {}),
        ...(error.id !== null ? { id: error.id } : {}),
        http: { status: 200 },
      },
    });
  }
  if (error instanceof RateLimitedError) {
    return new GraphQLError(error.message, {
      ...location,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: error.retryAfterSeconds, http: { status: 200 } },
    });
  }
  return null;
}

/**
 * Gives domain errors that no union answers their GraphQL codes (domainErrorToGraphQL) wherever
 * yoga meets them: execution results (HTTP, SSE and graphql-ws alike), subscription results, and
 * building a request's context (authentication: RATE_LIMITED for wrong operator tokens). Runs
 * before the unexpected-error logging and yoga's masking (plugins listed after it), which would
 * otherwise take them for bugs.
 */
export function useDomainErrors(): Plugin<Context> {
  return {
    onPluginInit({ registerContextErrorHandler }) {
      registerContextErrorHandler(({ error, setError }) => {
        const mapped = domainErrorToGraphQL(error);
        if (mapped) setError(mapped);
      });
    },
    onExecute() {
      return { onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, handleDomainErrors) };
    },
    onSubscribe() {
      return {
        onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, handleDomainErrors),
        onSubscribeError({ error, setError }) {
          const mapped = domainErrorToGraphQL(error);
          if (mapped) setError(mapped);
        },
      };
    },
  };
}

function handleDomainErrors({
  result,
  setResult,
}: {
  result: { errors?: readonly GraphQLError[] | undefined };
  setResult: (result: ExecutionResult) => void;
}): void {
  const { errors } = result;
  if (!errors) return;
  const mapped = errors.map((error) => domainErrorToGraphQL(error.originalError, error) ?? error);
  if (mapped.some((error, index) => error !== errors[index])) setResult({ ...result, errors: mapped });
}

/** yoga's masking, keeping the request id and naming database outages. */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const requestId = error instanceof GraphQLError ? error.extensions['requestId'] : undefined;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isDatabaseUnavailable(original)) return databaseUnavailableError(typeof requestId === 'string' ? requestId : undefined);
  // useDomainErrors maps these first; this only catches one that reached yoga another way.
  const refusal = domainErrorToGraphQL(original, error instanceof GraphQLError ? error : undefined);
  if (refusal) return refusal;
  const masked = yogaMaskError(error, message, isDev);
  if (typeof requestId !== 'string' || !(masked instanceof GraphQLError) || masked === error) return masked;
  return new GraphQLError(masked.message, {
    nodes: masked.nodes,
    source: masked.source,
    positions: masked.positions,
    path: masked.path,
    extensions: { ...masked.extensions, requestId },
  });
}

/** An error a resolver did not mean to raise: not a GraphQLError of ours (auth, bad input). */
function isUnexpected(error: GraphQLError): boolean {
  return error.originalError !== undefined && !(error.originalError instanceof GraphQLError);
}

/**
 * Logs every unexpected execution error with its request id, and tags the error with that id
 * (maskError carries it into the masked error the client sees).
 */
export function useUnexpectedErrorLogging(): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!result.errors?.some(isUnexpected)) return;
            const context = payload.args.contextValue as Context;
            setResult({
              ...result,
              errors: result.errors.map((error) => {
                if (!isUnexpected(error)) return error;
                if (!isDatabaseUnavailable(error.originalError)) {
                  context.logger.error(
                    { requestId: context.requestId, err: error.originalError, path: error.path?.join('.') },
                    'unexpected error',
                  );
                }
                return new GraphQLError(error.message, {
                  nodes: error.nodes,
                  source: error.source,
                  positions: error.positions,
                  path: error.path,
                  originalError: error.originalError,
                  extensions: { ...error.extensions, requestId: context.requestId },
                });
              }),
            });
          });
        },
      };
    },
  };
}

/**
 * An error as a client may see it, outside yoga's request pipeline (a graphql-ws operation's
 * `error`, a live event executed once for many subscribers): GraphQL errors of ours as they are,
 * domain refusals with their codes, an unreachable database as SERVICE_UNAVAILABLE, anything else
 * logged and masked with the request id that leads to the log line.
 */
export function errorForClient(error: unknown, logger: Logger): GraphQLError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (error instanceof GraphQLError && (original === undefined || original instanceof GraphQLError)) return error;
  const refusal = domainErrorToGraphQL(original, error instanceof GraphQLError ? error : undefined);
  if (refusal) return refusal;
  if (isDatabaseUnavailable(original)) return databaseUnavailableError();
  const requestId = randomUUID();
  logger.error({ requestId, err: original }, 'unexpected error in a live operation');
  return new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
}
