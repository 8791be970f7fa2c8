import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { Caller } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { ValidationError } from '../errors/domain-errors.js';
import { connectionEdgesComplexity, otherListMultiplier } from './complexity.js';

export interface AuthScopes {
  /** Any valid token of an account: employee session or partner API key. */
  account: boolean;
  /** A signed-in employee of any role (API keys are read-only and never pass). */
  employee: boolean;
  managerOrAdmin: boolean;
  admin: boolean;
  /** The server's OPERATOR_TOKEN: createAccount only. */
  operator: boolean;
}

/** The scopes a caller holds (also read by `node`, to leave out types a role may not see). */
export function callerScopes(caller: Caller | null): AuthScopes {
  return {
    account: caller !== null && caller.kind !== 'operator',
    employee: caller?.kind === 'employee',
    managerOrAdmin: caller?.kind === 'employee' && (caller.role === 'ADMIN' || caller.role === 'MANAGER'),
    admin: caller?.kind === 'employee' && caller.role === 'ADMIN',
    operator: caller?.kind === 'operator',
  };
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
}>({
  // scope-auth first, so authorization wraps every other plugin's work on a field.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Subscriptions are authorized once, when they start, rather than again for every event.
    authorizeOnSubscribe: true,
    authScopes: ({ caller }) => callerScopes(caller),
    // No valid token: UNAUTHENTICATED. A valid token without the role: FORBIDDEN (the contract).
    unauthorizedError: (_parent, context) =>
      context.caller === null
        ? new GraphQLError('Sign in, or send a valid token in the Authorization header.', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 200 } },
          })
        : new GraphQLError('Your role may not do this.', { extensions: { code: 'FORBIDDEN', http: { status: 200 } } }),
  },
  errors: {
    // Input validation failures become ValidationError results rather than GraphQL errors.
    // They are checked before authorization, so their messages never include stored data.
    unsafelyHandleInputErrors: true,
    directResult: true,
  },
  validation: {
    validationError: (result) => {
      const [issue] = result.issues;
      // Paths start at the argument (`input.lines.0.quantity`); the contract's field is the path
      // inside the input.
      const path = (issue?.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part));
      const field = path[0] === 'input' ? path.slice(1) : path;
      return new ValidationError(issue?.message ?? 'Invalid input.', field.length > 0 ? field.join('.') : null);
    },
  },
  complexity: {
    // Every field costs 1 and a list multiplies what is under it by 10, unless the field says
    // otherwise (connections, per-shop lists: src/schema/complexity.ts). The limit is checked by
    // useCostLimit (src/server/query-limits.plugin.ts) before anything executes, with the request's
    // variables, on every transport. The plugin's own check runs inside root resolvers instead,
    // and for a subscription only once its first event arrives, so it is off.
    defaultComplexity: 1,
    defaultListMultiplier: otherListMultiplier,
    disabled: true,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // `node` is defined in src/node/node.schema.ts: the contract wants null, not an error, for an
    // ID that does not decode or belongs to another account.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false, complexity: connectionEdgesComplexity },
    nodeFieldOptions: { nullable: false },
    edgeCursorType: 'String',
    pageInfoCursorType: 'String',
  },
});
