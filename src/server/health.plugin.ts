import type { Plugin } from 'graphql-yoga';
import type { HorizonMonitor } from '../inventory/horizon-monitor.js';

/**
 * `GET /ready`: 200 only while the database answers, so a load balancer stops sending traffic to
 * an instance that can't serve it. (`GET /health`, yoga's own, answers while the process is up.)
 * The body also says how far the ledger horizon lags (see HorizonMonitor): not a reason to take
 * the instance out (every instance sees the same horizon), but what an operator looks at first
 * when live alerts are late.
 */
export function useReadiness(horizon: HorizonMonitor, timeoutMs = 2000): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      const ready = await Promise.race([
        horizon.measure().then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
      ]);
      endResponse(
        new fetchAPI.Response(JSON.stringify({ ready, ledgerHorizonLagSeconds: ready ? horizon.last.seconds : null }), {
          status: ready ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}
