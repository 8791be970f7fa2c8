import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { clientAddressOf } from './client-address.js';

const requestIds = new WeakMap<Request, { id: string; startedAt: number; clientAddress: string | null }>();

/** The request id of a request, as logged and as sent back in `x-request-id`. */
export function requestIdOf(request: Request): string | undefined {
  return requestIds.get(request)?.id;
}

/**
 * One log line per HTTP request, with its duration and a request id that is also returned to
 * the client (and used by masked errors), so a report from a user can be found in the logs. The
 * client address is the one sign-in throttling counts (X-Forwarded-For only with TRUST_PROXY).
 */
export function useRequestLogging(logger: Logger, trustedProxyHops = 0): Plugin {
  return {
    onRequest({ request, serverContext }) {
      const given = request.headers.get('x-request-id');
      const id = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      const { req } = serverContext as { req?: IncomingMessage };
      requestIds.set(request, { id, startedAt: performance.now(), clientAddress: clientAddressOf(req, trustedProxyHops) });
    },
    onResponse({ request, response }) {
      const started = requestIds.get(request);
      if (!started) return;
      response.headers.set('x-request-id', started.id);
      const url = new URL(request.url);
      logger.info(
        {
          requestId: started.id,
          method: request.method,
          path: url.pathname,
          status: response.status,
          clientAddress: started.clientAddress,
          durationMs: Math.round((performance.now() - started.startedAt) * 100) / 100,
        },
        'request',
      );
    },
  };
}
