import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AppConfig } from '../config/config.js';

/**
 * Limits on the shape of an operation, checked before it runs: a partner's runaway query or a
 * hostile one can't make the server do unbounded work. GraphQL Armor bounds the text (tokens,
 * depth, aliases, directives) while it is validated; useCostLimit bounds the work it asks for.
 * Introspection keeps graphql-js's own bound (MaxIntrospectionDepthRule, in the standard rules).
 * Page sizes are capped separately by each connection field (`first` ≤ 500), request bodies by
 * useBodyLimit, and what is sent back by useResponseSizeLimit.
 */
export function useQueryLimits(limits: AppConfig['limits']): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases }),
    maxDirectivesPlugin({ n: limits.maxDirectives }),
    useCostLimit(limits.maxCost),
  ] as Plugin[];
}

/**
 * Refuses an operation whose estimated cost (src/schema/complexity.ts) is over maxCost, before it
 * executes: queries and mutations (HTTP and graphql-ws) in onExecute, subscriptions (SSE and
 * graphql-ws) in onSubscribe, before they start listening.
 *
 * The estimate depends on the request's variables (`first: $n`), so it can't be a rule of the
 * validation step: yoga caches validation results by document, and a page of 5 would let the same
 * document through with 500. It runs the plugin's rule on its own instead, with the variables.
 */
export function useCostLimit(maxCost: number): Plugin {
  const costRefusal = createCostCheck(maxCost);
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/**
 * The cost check on its own: an operation's COST_LIMIT_EXCEEDED refusal, or null. For operations
 * that start outside yoga's pipeline (graphql-ws subscriptions written to their socket directly,
 * src/realtime/graphql-ws.ts).
 */
export function createCostCheck(maxCost: number): (args: ExecutionArgs) => GraphQLError | null {
  // The refusal (or none) of operations whose cost can't depend on their variables, by parsed
  // document (yoga reuses one DocumentNode per query text) and operation name: a point of sale
  // sends the same few documents all day, and estimating one costs about a tenth of a sale.
  const fixedCostRefusals = new WeakMap<DocumentNode, Map<string | null, GraphQLError | null>>();

  function costRefusal(args: ExecutionArgs): GraphQLError | null {
    const operationName = args.operationName ?? null;
    const known = fixedCostRefusals.get(args.document)?.get(operationName);
    if (known !== undefined) return known;
    const refusal = estimateCostRefusal(args);
    const operation = getOperationAST(args.document, operationName);
    if (operation && isCostFixed(args.schema, args.document, operation)) {
      let byName = fixedCostRefusals.get(args.document);
      if (!byName) fixedCostRefusals.set(args.document, (byName = new Map()));
      // Only the estimate's own answer: any other error is about this request's variables.
      if (refusal === null || refusal.extensions['code'] === 'COST_LIMIT_EXCEEDED') byName.set(operationName, refusal);
    }
    return refusal;
  }

  function estimateCostRefusal(args: ExecutionArgs): GraphQLError | null {
    let refusal: GraphQLError | null = null;
    const costRule = createComplexityRule({
      context: args.contextValue as object,
      variableValues: (args.variableValues ?? {}) as Record<string, unknown>,
      operationName: args.operationName ?? null,
      validate: ({ complexity }, report) => {
        if (complexity > maxCost) report(costLimitExceeded(complexity, maxCost));
      },
      // Only our own refusal: the rule also reports variables that don't coerce and unknown
      // operation names, which execution reports in its own words.
      onResult: (_measured, errors) => {
        refusal ??= errors[0] ?? null;
      },
    });
    validate(args.schema, args.document, [costRule]);
    return refusal;
  }
  return costRefusal;
}

/**
 * Whether an operation's estimated cost is the same whatever its variables: no field it selects
 * (through fragments too) has a cost computed from its arguments (src/schema/complexity.ts).
 */
export function isCostFixed(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const visited = new Set<SelectionSetNode>();
  const fixed = (selectionSet: SelectionSetNode, type: GraphQLNamedType | null | undefined): boolean => {
    if (visited.has(selectionSet)) return true;
    visited.add(selectionSet);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field || typeof field.extensions?.['complexity'] === 'function') return false;
        if (selection.selectionSet && !fixed(selection.selectionSet, getNamedType(field.type))) return false;
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) return false;
        const fragmentType = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!fixed(fragment.selectionSet, fragmentType)) return false;
      }
    }
    return true;
  };
  return fixed(operation.selectionSet, schema.getRootType(operation.operation));
}

function costLimitExceeded(estimatedCost: number, maxCost: number): GraphQLError {
  return new GraphQLError(
    `This operation's estimated cost is ${estimatedCost.toLocaleString('en')}, more than the ` +
      `${maxCost.toLocaleString('en')} allowed. A list multiplies the cost of what is selected under it by its ` +
      'length (a page by its `first`, 50 by default): ask for smaller pages or fewer nested lists.',
    {
      // Like a validation error: 400 for application/graphql-response+json, 200 for application/json.
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { estimated: estimatedCost, max: maxCost }, http: { spec: true, status: 400 } },
    },
  );
}

/**
 * Refuses a request body larger than the limit before it is read. Clients send a Content-Length
 * with every GraphQL request (fetch does for string bodies); a body without one is refused, since
 * its size can't be known without reading it.
 */
export function useBodyLimit(maxBodyBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
      const declared = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (declared === null) {
        if (request.headers.get('transfer-encoding')) refuse(411, 'Send a Content-Length with the request body.');
        return;
      }
      const size = Number(declared);
      if (!Number.isSafeInteger(size) || size > maxBodyBytes) {
        refuse(413, `The request body is larger than ${maxBodyBytes} bytes.`);
      }
    },
  };
}
