import { sql } from 'kysely';
import type { Plugin } from 'graphql-yoga';
import type { DB } from '../db/database.js';

/**
 * `GET /ready`: 200 only while the database answers, so a load balancer stops sending traffic to
 * an instance that can't serve it. (`GET /health`, yoga's own, answers while the process is up.)
 */
export function useReadiness(db: DB, timeoutMs = 2000): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      const ready = await Promise.race([
        sql`select 1`.execute(db).then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]);
      endResponse(
        new fetchAPI.Response(JSON.stringify({ ready }), {
          status: ready ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}
