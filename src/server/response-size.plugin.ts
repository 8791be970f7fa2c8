import { getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * A backstop behind the cost limit: a result larger than maxResponseBytes (as JSON) is replaced by
 * a RESPONSE_TOO_LARGE error, whatever the transport (HTTP, SSE, graphql-ws), and a subscription
 * whose event is that large ends with that error. The cost estimate assumes list lengths (shops per
 * account, a document's lines); an account that outgrows them must not get a response of any size.
 *
 * Results are serialized once here to be measured and again by the transport: small next to
 * executing them, and only results that fit are sent. (A subscription event shared by many
 * subscribers carries the JSON it was serialized to once.)
 */
export function useResponseSizeLimit(maxResponseBytes: number): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const refusal = refusalIfTooLarge(result, payload.args, maxResponseBytes);
            if (refusal) setResult(refusal);
          });
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ args, result, setResult }) {
          if (isAsyncIterable(result)) {
            // An event already refused (executed once for many subscribers) ends the stream too.
            setResult(
              endAtOversizedEvent(result, (event) => (isSizeRefusal(event) ? event : refusalIfTooLarge(event, args, maxResponseBytes))),
            );
            return;
          }
          const refusal = refusalIfTooLarge(result, args, maxResponseBytes);
          if (refusal) setResult(refusal);
        },
      };
    },
  };
}

/** Refusals made here: a subscription that has one to send ends after it. */
const refusals = new WeakSet<ExecutionResult>();

/** Whether a result is this backstop's refusal (a stream that carries one ends with it). */
export function isSizeRefusal(result: ExecutionResult): boolean {
  return refusals.has(result);
}

export function refusalIfTooLarge(result: ExecutionResult, args: ExecutionArgs, maxResponseBytes: number): ExecutionResult | null {
  // A subscription event shared by many subscribers carries the JSON it was serialized to once
  // (yoga's `stringify` convention: src/realtime/shared-subscriptions.ts).
  const { stringify } = result as { stringify?: () => string };
  const json = typeof stringify === 'function' ? stringify() : JSON.stringify(result);
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit: most results are decided without counting bytes.
  if (json.length * 3 <= maxResponseBytes) return null;
  const bytes = json.length > maxResponseBytes ? json.length : Buffer.byteLength(json);
  if (bytes <= maxResponseBytes) return null;
  const operation = getOperationAST(args.document, args.operationName)?.operation;
  const refusal: ExecutionResult = {
    errors: [
      new GraphQLError(
        `The result is ${bytes.toLocaleString('en')} bytes or more, larger than the ${maxResponseBytes.toLocaleString('en')} ` +
          'this server sends. Ask for fewer fields, smaller pages (`first`) or fewer nested lists.' +
          (operation === 'mutation' ? ' The mutation itself was carried out.' : ''),
        { extensions: { code: 'RESPONSE_TOO_LARGE', maxResponseBytes } },
      ),
    ],
  };
  refusals.add(refusal);
  return refusal;
}

/**
 * The events of `source` until one is refused: then that refusal, and the end of the stream (the
 * source is closed, so the subscription stops listening). A hand-written iterator rather than an
 * async generator, so that a client leaving while no event is due closes the source at once.
 */
function endAtOversizedEvent(
  source: AsyncIterable<ExecutionResult>,
  refusalOf: (event: ExecutionResult) => ExecutionResult | null,
): AsyncIterableIterator<ExecutionResult> {
  const events = source[Symbol.asyncIterator]();
  let ended = false;
  const end = async (): Promise<IteratorResult<ExecutionResult>> => {
    ended = true;
    await events.return?.();
    return { done: true, value: undefined };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (ended) return { done: true, value: undefined };
      const step = await events.next();
      if (step.done) return step;
      const refusal = refusalOf(step.value);
      if (!refusal) return step;
      await end();
      return { done: false, value: refusal };
    },
    return: end,
    async throw(error: unknown) {
      ended = true;
      if (events.throw) return events.throw(error);
      throw error;
    },
  };
}
