import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const requestIds = new WeakMap<Request, { id: string; startedAt: number }>();

/** The request id of a request, as logged and as sent back in `x-request-id`. */
export function requestIdOf(request: Request): string | undefined {
  return requestIds.get(request)?.id;
}

/**
 * One log line per HTTP request, with its duration and a request id that is also returned to
 * the client (and used by masked errors), so a report from a user can be found in the logs.
 */
export function useRequestLogging(logger: Logger): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      const id = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      requestIds.set(request, { id, startedAt: performance.now() });
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
          durationMs: Math.round((performance.now() - started.startedAt) * 100) / 100,
        },
        'request',
      );
    },
  };
}
