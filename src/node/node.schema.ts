import { resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../schema/builder.js';
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
      if (!decoded || !isNodeType(decoded.typename)) return null;
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
