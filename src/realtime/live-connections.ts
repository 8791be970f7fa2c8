import { GraphQLError, type ExecutionResult } from 'graphql';
import { Repeater, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import {
  formatAuthInvalidation,
  invalidationOf,
  type AuthInvalidation,
  type AuthInvalidationFollower,
} from '../auth/auth-invalidations.js';
import type { Authenticate } from '../auth/authenticator.js';
import type { AccountCaller, Caller } from '../auth/viewer.js';
import type { Context } from '../context.js';

// The graphql-ws sockets and SSE streams open on this process, by the token they were opened with
// (a session or an API key: "per caller" means that, not the account). A token is checked when
// its socket or stream opens; what this registry adds is that one whose token stops being valid
// does not stay open:
//
// - signed out or revoked, on any instance: the auth invalidation reaches every instance
//   (followAuthInvalidations) and ends that token's connections at once;
// - a session's end (expires_at): a timer per connection;
// - invalidations lost while the LISTEN connection was down: on its resync, every token still
//   open is looked up again and the refused ones are ended.
//
// A graphql-ws socket is closed with 4403 and a fixed reason (its subscriptions end with it; the
// client must not reconnect with that token). An SSE stream sends one last result with an
// UNAUTHENTICATED error, then completes: the client learns why, and that resubscribing won't help.
// graphql-ws also re-authenticates every operation (src/realtime/graphql-ws.ts), so a socket
// that somehow outlived its token still can't run anything.
//
// It also holds the per-caller caps: MAX_SOCKETS_PER_CALLER and MAX_SSE_STREAMS_PER_CALLER.

/** graphql-ws close code and reason for a socket whose token stopped being valid (as for a bad token). */
export const tokenEndedCloseCode = 4403;
export const tokenEndedCloseReason = 'Forbidden: token no longer valid';
/** graphql-ws close code and reason for a socket over MAX_SOCKETS_PER_CALLER. */
export const tooManySocketsCloseCode = 4429;
export const tooManySocketsCloseReason = 'Too many connections';

export interface LiveConnectionsOptions {
  maxSocketsPerCaller: number;
  maxSseStreamsPerCaller: number;
  /** The server's authentication step: looks a token (an Authorization value) up again, through the caller cache. */
  authenticate: Authenticate;
  logger: Logger;
}

interface OpenConnection {
  /** The session or API key (formatAuthInvalidation of its invalidation). */
  subject: string;
  /** What the connection authenticated with, to look it up again after a resync. */
  authorization: string;
  /** Closes the socket or ends the stream; called once. */
  end(): void;
  expiryTimer: NodeJS.Timeout | null;
}

type ConnectionsBySubject = Map<string, Set<OpenConnection>>;

/** setTimeout takes at most this (about 24.8 days); a later session end is waited for in steps. */
const longestTimerMs = 2 ** 31 - 1;

export class LiveConnections implements AuthInvalidationFollower {
  readonly #sockets: ConnectionsBySubject = new Map();
  readonly #streams: ConnectionsBySubject = new Map();

  constructor(private readonly options: LiveConnectionsOptions) {}

  get maxSseStreamsPerCaller(): number {
    return this.options.maxSseStreamsPerCaller;
  }

  /** Open graphql-ws sockets of this caller's token. */
  socketCount(caller: AccountCaller): number {
    return this.#sockets.get(subjectOf(caller))?.size ?? 0;
  }

  /** Open SSE streams of this caller's token. */
  streamCount(caller: AccountCaller): number {
    return this.#streams.get(subjectOf(caller))?.size ?? 0;
  }

  /**
   * Registers an acknowledged graphql-ws socket; null when its token has MAX_SOCKETS_PER_CALLER
   * open already (the caller closes it with 4429). Call the returned function when it closes.
   */
  addSocket(caller: AccountCaller, authorization: string, close: () => void): (() => void) | null {
    return this.#add(this.#sockets, this.options.maxSocketsPerCaller, caller, authorization, close);
  }

  /**
   * An SSE subscription's stream, ended by this registry when its token stops being valid. Over
   * MAX_SSE_STREAMS_PER_CALLER (two streams that passed the check in onSubscribe together), it is
   * one RATE_LIMITED result instead.
   */
  trackStream(caller: AccountCaller, authorization: string, source: AsyncIterable<ExecutionResult>): Repeater<ExecutionResult> {
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const iterator = source[Symbol.asyncIterator]();
      const stopped = stop.then(() => null);
      const release = this.#add(this.#streams, this.options.maxSseStreamsPerCaller, caller, authorization, () => {
        void push({ errors: [tokenEndedError()] });
        stop();
      });
      try {
        if (!release) {
          await push({ errors: [tooManyStreamsError(this.options.maxSseStreamsPerCaller)] });
          return;
        }
        // The token was checked before the stream was registered: if it was signed out or revoked
        // in between, that invalidation found nothing to end. Looked up again now (from the cache,
        // which that invalidation emptied), any later one finds the stream.
        void this.#endIfRefused(subjectOf(caller), authorization);
        for (;;) {
          const next = await Promise.race([iterator.next(), stopped]);
          if (next === null || next.done) break;
          await push(next.value);
        }
      } finally {
        release?.();
        stop();
        // Ends the source's own work (the alert subscription's follower); its failure is no one's concern now.
        await Promise.resolve(iterator.return?.()).catch(() => {});
      }
    });
  }

  invalidate(invalidation: AuthInvalidation): void {
    // An account-wide change (the module switch) leaves tokens valid: the next operation reads the
    // current state anyway.
    if (invalidation.kind === 'account') return;
    this.#endSubject(formatAuthInvalidation(invalidation));
  }

  resync(): void {
    void this.#revalidateAll();
  }

  /** Stops the expiry timers (the server is stopping; it closes sockets and streams itself). */
  close(): void {
    for (const connections of [...this.#sockets.values(), ...this.#streams.values()]) {
      for (const connection of connections) if (connection.expiryTimer) clearTimeout(connection.expiryTimer);
    }
  }

  #add(registry: ConnectionsBySubject, limit: number, caller: AccountCaller, authorization: string, end: () => void): (() => void) | null {
    const subject = subjectOf(caller);
    let connections = registry.get(subject);
    if ((connections?.size ?? 0) >= limit) return null;
    if (!connections) registry.set(subject, (connections = new Set()));
    const connection: OpenConnection = { subject, authorization, end, expiryTimer: null };
    connections.add(connection);
    if (caller.kind === 'employee') this.#endAt(connection, caller.sessionExpiresAt);
    return () => this.#remove(registry, connection);
  }

  #remove(registry: ConnectionsBySubject, connection: OpenConnection): boolean {
    if (connection.expiryTimer) clearTimeout(connection.expiryTimer);
    connection.expiryTimer = null;
    const connections = registry.get(connection.subject);
    if (!connections?.delete(connection)) return false;
    if (connections.size === 0) registry.delete(connection.subject);
    return true;
  }

  #end(connection: OpenConnection): void {
    // Whichever registry holds it; ended once.
    if (this.#remove(this.#sockets, connection) || this.#remove(this.#streams, connection)) connection.end();
  }

  #endSubject(subject: string): void {
    for (const registry of [this.#sockets, this.#streams]) {
      for (const connection of [...(registry.get(subject) ?? [])]) this.#end(connection);
    }
  }

  /** Ends the connection when its session ends (the database refuses the token from then on). */
  #endAt(connection: OpenConnection, expiresAt: Date): void {
    const delayMs = expiresAt.getTime() - Date.now();
    const step = Math.max(0, Math.min(delayMs, longestTimerMs));
    connection.expiryTimer = setTimeout(
      () => (delayMs > longestTimerMs ? this.#endAt(connection, expiresAt) : this.#end(connection)),
      step,
    );
    // An open connection keeps the process up by itself; its timer needn't.
    connection.expiryTimer.unref();
  }

  async #endIfRefused(subject: string, authorization: string): Promise<void> {
    let caller: Caller | null;
    try {
      caller = await this.options.authenticate({ authorization });
    } catch (error) {
      // Can't tell now (the database is down?): the connection stays; the next resync asks again.
      this.options.logger.warn({ err: error }, "could not check an open connection's token again");
      return;
    }
    if (!caller || caller.kind === 'operator' || subjectOf(caller) !== subject) this.#endSubject(subject);
  }

  /** After lost invalidations: each token still open is looked up once, one at a time. */
  async #revalidateAll(): Promise<void> {
    const tokens = new Map<string, string>();
    for (const registry of [this.#sockets, this.#streams]) {
      for (const [subject, connections] of registry) {
        const [first] = connections;
        if (first && !tokens.has(subject)) tokens.set(subject, first.authorization);
      }
    }
    for (const [subject, authorization] of tokens) await this.#endIfRefused(subject, authorization);
  }
}

function subjectOf(caller: AccountCaller): string {
  return formatAuthInvalidation(invalidationOf(caller));
}

export function tokenEndedError(): GraphQLError {
  return new GraphQLError('This token is no longer valid (signed out, revoked or expired): sign in again, or use another key.', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

/** The same code as the sign-in throttle's refusals (src/auth/sign-in-throttle.ts). */
export function tooManyStreamsError(limit: number): GraphQLError {
  return new GraphQLError(`Too many open streams for this token (at most ${limit}): close one first.`, {
    extensions: { code: 'RATE_LIMITED', limit, http: { status: 200 } },
  });
}

export function tooManyOperationsError(limit: number): GraphQLError {
  return new GraphQLError(
    `Too many operations running on this connection (at most ${limit} at once): complete one first, or open another connection.`,
    { extensions: { code: 'RATE_LIMITED', limit } },
  );
}

/** Marks operations that come over graphql-ws (its own limits and endings apply, not the SSE ones). */
export interface GraphqlWsServerContext {
  transport: 'graphql-ws';
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Subscriptions over HTTP (SSE, or yoga's other streaming responses): at most
 * MAX_SSE_STREAMS_PER_CALLER open per token, each ended when its token stops being valid.
 */
export function useLiveStreams(connections: LiveConnections): Plugin<Context> {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Context & Partial<GraphqlWsServerContext> & { request?: Request };
      if (context.transport === 'graphql-ws') return;
      const { caller } = context;
      // No account token: the subscription's own authorization refuses it.
      if (!caller || caller.kind === 'operator') return;
      const authorization = context.request?.headers.get('authorization');
      if (!authorization) return;
      const limit = connections.maxSseStreamsPerCaller;
      if (connections.streamCount(caller) >= limit) {
        setResultAndStopExecution({ errors: [tooManyStreamsError(limit)] });
        return;
      }
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable<ExecutionResult>(result)) setResult(connections.trackStream(caller, authorization, result));
        },
      };
    },
  };
}
