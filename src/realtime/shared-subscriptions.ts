import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.js';
import { errorForClient } from '../server/errors.js';
import { refusalIfTooLarge } from '../server/response-size.plugin.js';

// Execute once, send to many.
//
// Every subscriber of a live stream used to run its own GraphQL execution of each event, its own
// JSON.stringify, its own error masking: a delay that grew with every subscriber. Subscribers
// whose operations produce the same result for an event form a cohort: the same document, the
// same variables (but for the arguments that only choose where the stream starts, which the field
// declares), the same account, role and session setting (all a resolver reads of the caller). The
// first subscriber of a cohort to take an event executes it and serializes the result; the others
// take that result and its JSON. The transports send the JSON as it is: SSE through yoga's
// `result.stringify`, graphql-ws inside each subscriber's own `next` message, written straight to
// its socket (src/realtime/direct-delivery.ts).
//
// Only events shared between subscribers are shared results: the stream hands the same event
// object to every subscriber that gets it (src/alerts/alerts.reader.ts), and results are kept per
// event object (weakly: gone with the event). Each subscriber keeps its own stream (its cursor, its
// filter, its bounded buffer), so resuming, filtering and the slow-consumer rule don't change.

/** A subscription field's `extensions`: its events may be executed once for many subscribers. */
export function sharedExecution(options: {
  /**
   * Arguments that only choose where the stream starts or what it skips, never what an event's
   * result holds (`after`): subscribers that differ only in them share results.
   */
  streamArgs: readonly string[];
}) {
  return { sharedExecution: { streamArgs: options.streamArgs } };
}

interface SharedExecutionExtension {
  streamArgs: readonly string[];
}

const serialized = Symbol('serialized result');

/** A result serialized once for every subscriber that receives it. */
type SharedResult = ExecutionResult & { [serialized]: string };

/** The JSON of a shared result, or null for one that isn't (serialize it yourself). */
export function serializedResult(result: ExecutionResult): string | null {
  return (result as Partial<SharedResult>)[serialized] ?? null;
}

function share(result: ExecutionResult): ExecutionResult {
  // A result with errors is serialized by each transport, which has its own way with errors
  // (yoga leaves internal fields out on SSE). Such results are rare: a field refused to the cohort.
  if (result.errors?.length) return result;
  const json = JSON.stringify(result);
  Object.defineProperty(result, serialized, { value: json });
  // yoga's SSE responses serialize a result with its own `stringify` when it has one.
  Object.defineProperty(result, 'stringify', { value: () => json });
  return result;
}

/** Results of shared events, per event object and cohort. */
export class SharedEventResults {
  readonly #byEvent = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>();
  /** Executions run (for tests and the bench: one per event and cohort). */
  executions = 0;

  /**
   * The cohort's result for the event: executed by the first subscriber to ask, then the same
   * result (a promise until it is done, the result itself after) for every other.
   */
  resultFor(
    event: unknown,
    cohort: string,
    run: () => PromiseLike<ExecutionResult> | ExecutionResult,
  ): Promise<ExecutionResult> | ExecutionResult {
    // Only objects can be shared (and kept weakly); anything else is executed per subscriber.
    if (typeof event !== 'object' || event === null) return this.#execute(run, () => {});
    let results = this.#byEvent.get(event);
    if (!results) {
      results = new Map();
      this.#byEvent.set(event, results);
    }
    const cohortResults = results;
    return cohortResults.get(cohort) ?? this.#execute(run, (result) => cohortResults.set(cohort, result));
  }

  #execute(
    run: () => PromiseLike<ExecutionResult> | ExecutionResult,
    keep: (result: Promise<ExecutionResult> | ExecutionResult) => void,
  ): Promise<ExecutionResult> | ExecutionResult {
    this.executions++;
    const running = run();
    if (typeof (running as PromiseLike<ExecutionResult>).then !== 'function') {
      const result = share(running as ExecutionResult);
      keep(result);
      return result;
    }
    const result = Promise.resolve(running).then((done) => {
      const shared = share(done);
      // Done: later subscribers take the result itself, without waiting on a promise.
      keep(shared);
      return shared;
    });
    keep(result);
    return result;
  }
}

/** The shared field an operation subscribes to, with its stream arguments; null when it isn't one. */
function sharedField(args: ExecutionArgs): { field: FieldNode; extension: SharedExecutionExtension } | null {
  const operation = getOperationAST(args.document, args.operationName);
  const subscriptionType = args.schema.getSubscriptionType();
  // A subscription has exactly one root field (validation); fragments at the root are rare
  // enough to go unshared.
  const [selection] = operation?.selectionSet.selections ?? [];
  if (operation?.operation !== 'subscription' || !subscriptionType || selection?.kind !== Kind.FIELD) return null;
  const extension = subscriptionType.getFields()[selection.name.value]?.extensions['sharedExecution'] as
    SharedExecutionExtension | undefined;
  return extension ? { field: selection, extension } : null;
}

/** Variables of a document used anywhere but the stream arguments of its root field. */
const resultVariablesByDocument = new WeakMap<DocumentNode, Map<FieldNode, Set<string>>>();

function resultVariables(document: DocumentNode, field: FieldNode, streamArgs: readonly string[]): Set<string> {
  let byField = resultVariablesByDocument.get(document);
  if (!byField) {
    byField = new Map();
    resultVariablesByDocument.set(document, byField);
  }
  let names = byField.get(field);
  if (!names) {
    const streamOnly = new Set(
      field.arguments?.filter((argument) => streamArgs.includes(argument.name.value)).map((argument) => argument.value),
    );
    const used = new Set<string>();
    visit(document, {
      Argument(node) {
        // A variable passed to a stream argument doesn't change results: skip it (and its subtree).
        if (streamOnly.has(node.value)) return false;
        return undefined;
      },
      Variable(node) {
        used.add(node.name.value);
      },
      VariableDefinition() {
        // A variable's definition is not a use of it.
        return false;
      },
    });
    names = used;
    byField.set(field, names);
  }
  return names;
}

/** Distinct documents by identity: yoga's parser cache hands out one DocumentNode per query text. */
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) {
    id = nextDocumentId++;
    documentIds.set(document, id);
  }
  return id;
}

/**
 * The cohort of a subscription: what its result for an event can depend on. Of the caller: the
 * account, the kind of token, and for an employee who they are (fields may show a person their
 * own details and not others': a cashier sees their own e-mail address only), their role and
 * their session's setting. An API key's identity changes nothing a field shows: all of an
 * account's partner keys share.
 */
function cohortOf(args: ExecutionArgs, field: FieldNode, extension: SharedExecutionExtension): string | null {
  const { caller } = args.contextValue as Context;
  if (!caller || caller.kind === 'operator') return null;
  const variables = args.variableValues ?? {};
  const used = [...resultVariables(args.document, field, extension.streamArgs)].sort();
  return JSON.stringify([
    documentId(args.document),
    args.operationName ?? null,
    used.map((name) => [name, variables[name] ?? null]),
    caller.accountId,
    caller.kind,
    caller.kind === 'employee' ? [caller.employeeId, caller.role, caller.negativeInventoryEnabled] : null,
  ]);
}

/**
 * An iterator of `source`'s events, each mapped; return() reaches the source at once, even while a
 * next() is pending (an async generator would wait for the next event before returning).
 */
function mapEvents<T, U>(source: AsyncIterable<T>, map: (value: T) => Promise<U> | U): AsyncGenerator<U, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  const done = { value: undefined, done: true } as const;
  const mapped = async (result: IteratorResult<T>): Promise<IteratorResult<U, undefined>> =>
    result.done ? done : { value: await map(result.value), done: false };
  const generator: AsyncGenerator<U, undefined> = {
    next: () => iterator.next().then(mapped),
    return: async () => {
      await iterator.return?.();
      return done;
    },
    throw: async (error: unknown) => {
      if (iterator.throw) return mapped(await iterator.throw(error));
      throw error;
    },
    [Symbol.asyncIterator]: () => generator,
  };
  return generator;
}

/** The cohort of a subscription to a field marked with sharedExecution(); null for any other operation. */
export function subscriptionCohort(args: ExecutionArgs): string | null {
  const shared = sharedField(args);
  return shared ? cohortOf(args, shared.field, shared.extension) : null;
}

export interface SharedEventOptions {
  logger: Logger;
  /** MAX_RESPONSE_BYTES: an event larger than this is refused, and ends the subscriptions that get it. */
  maxResponseBytes: number;
}

/**
 * One event of a shared subscription, as graphql-js executes a subscription's events (the field's
 * resolve, with the event as the root), on a copy of the context (per-request loaders last this
 * event). What a stream's results go through on their way to a client is done here once, for
 * every subscriber of the cohort whichever transport it uses: errors given their codes or masked
 * (and logged), and the size backstop, whose refusal ends each subscription it reaches.
 */
export async function executeSharedEvent(args: ExecutionArgs, event: unknown, options: SharedEventOptions): Promise<ExecutionResult> {
  const { liveDelivery: _ownSink, ...context } = args.contextValue as Context;
  const result = await execute({ ...args, rootValue: event, contextValue: context });
  const masked = result.errors?.length
    ? { ...result, errors: result.errors.map((error) => errorForClient(error, options.logger)) }
    : result;
  return refusalIfTooLarge(masked, args, options.maxResponseBytes) ?? masked;
}

/**
 * Subscriptions to a field marked with sharedExecution() (but those written to a socket directly,
 * src/realtime/direct-delivery.ts): each subscriber's stream of source events as before, each
 * event executed once per cohort.
 */
export function useSharedSubscriptions(results: SharedEventResults, options: SharedEventOptions): Plugin<Context> {
  return {
    onSubscribe({ args, setSubscribeFn }) {
      if ((args.contextValue as Context).liveDelivery) return;
      const cohort = subscriptionCohort(args);
      if (cohort === null) return;
      setSubscribeFn(async (subscribeArgs: ExecutionArgs) => {
        const source = await createSourceEventStream(subscribeArgs);
        if (!isAsyncIterable(source)) return source;
        return mapEvents(source, (event) => results.resultFor(event, cohort, () => executeSharedEvent(subscribeArgs, event, options)));
      });
    },
  };
}
