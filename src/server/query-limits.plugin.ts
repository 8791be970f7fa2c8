import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';
import type { AppConfig } from '../config/config.js';

/**
 * Limits on the shape of an operation, checked before it runs (GraphQL Armor): a partner's
 * runaway query or a hostile one can't make the server do unbounded work. Page sizes are capped
 * separately by each connection field (`first` ≤ 500), and request bodies by useBodyLimit.
 */
export function useQueryLimits(limits: AppConfig['limits']): Plugin[] {
  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.maxAliases }),
    maxDirectivesPlugin({ n: limits.maxDirectives }),
    costLimitPlugin({ maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true }),
  ] as Plugin[];
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
