import { getOperationAST, Kind, type FragmentDefinitionNode, type GraphQLObjectType, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { ReadReplica } from '../db/read-replica.js';

/**
 * Sends a query to the read replica (READ_DATABASE_URL) when every root field it selects reads
 * what may lag (marked with `readsFromReplica`: the report, the ledger, alert history, the
 * analysis queries). The whole operation then reads the replica, its nested fields included, so
 * one answer never mixes the two servers' moments. Anything else reads the primary: mutations
 * and what they return (the caller's own write), subscriptions (they follow NOTIFY, sent by the
 * primary), the caller's items, shops and settings.
 */
export function useReadRouting(replica: ReadReplica): Plugin<Context> {
  return {
    onExecute({ args, extendContext }) {
      const operation = getOperationAST(args.document, args.operationName);
      const queryType = args.schema.getQueryType();
      if (operation?.operation !== 'query' || !queryType) return;
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of args.document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      if (everyRootFieldReadsReplica(operation.selectionSet, queryType, fragments, new Set())) extendContext({ db: replica.db });
    },
  };
}

function everyRootFieldReadsReplica(
  selectionSet: SelectionSetNode,
  queryType: GraphQLObjectType,
  fragments: Map<string, FragmentDefinitionNode>,
  visited: Set<string>,
): boolean {
  return selectionSet.selections.every((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        // `extensions: readsFromReplica` on the field (src/db/read-replica.ts).
        return (
          selection.name.value === '__typename' || queryType.getFields()[selection.name.value]?.extensions['readsFromReplica'] === true
        );
      case Kind.INLINE_FRAGMENT:
        return everyRootFieldReadsReplica(selection.selectionSet, queryType, fragments, visited);
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation has refused unknown and cyclic spreads; a fragment seen before adds nothing.
        if (visited.has(name)) return true;
        visited.add(name);
        return fragment !== undefined && everyRootFieldReadsReplica(fragment.selectionSet, queryType, fragments, visited);
      }
    }
  });
}
