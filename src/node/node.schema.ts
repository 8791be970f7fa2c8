import { resolveNodes } from '@pothos/plugin-relay';
import type { Caller } from '../auth/viewer.js';
import { builder, callerScopes, type AuthScopes } from '../schema/builder.js';
import { tryDecode } from './global-id.js';

// The relay plugin's own `node` field raises an error for an ID it can't decode; the contract
// wants null for those, as for IDs of other accounts (every type's loader filters by account).
builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    authScopes: { account: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context, info) => {
      const decoded = tryDecode(id);
      if (!decoded || !isNodeType(decoded.typename) || !mayReadType(decoded.typename, context.caller)) return null;
      const [node] = await resolveNodes(builder, context, info, [decoded]);
      return (node ?? null) as never;
    },
  }),
);

function isNodeType(typename: string): boolean {
  if (!builder.configStore.hasConfig(typename)) return false;
  const config = builder.configStore.getTypeConfig(typename);
  return config.kind === 'Object' && config.interfaces.includes(builder.nodeInterfaceRef() as never);
}

/**
 * Whether the caller holds one of the scopes a type requires of every reader (its type-level
 * authScopes, e.g. ApiKey: admins). For the others `node` answers null, as for an ID of another
 * account, rather than FORBIDDEN on each field, which would confirm that the object exists.
 */
function mayReadType(typename: string, caller: Caller | null): boolean {
  const { authScopes } = builder.configStore.getTypeConfig(typename).pothosOptions as { authScopes?: unknown };
  if (authScopes === undefined) return true;
  // Node types use plain scope maps ("any of these"); a function or $all/$any can't be read here,
  // so such a type stays out of `node` rather than being shown unchecked.
  if (typeof authScopes !== 'object' || authScopes === null) return false;
  const held = callerScopes(caller);
  return Object.entries(authScopes).some(([scope, required]) => required === true && held[scope as keyof AuthScopes] === true);
}
