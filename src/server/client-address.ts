import type { IncomingMessage } from 'node:http';

/**
 * The address of the client behind a request (HTTP, or a graphql-ws upgrade), as sign-in
 * throttling counts it and the request log shows it.
 *
 * With trustedProxyHops 0 (TRUST_PROXY off, the default) it is the TCP peer: X-Forwarded-For is
 * whatever the client wants it to be. Behind n reverse proxies, each appends the address it was
 * reached from, so the n-th address from the right (counting the peer itself as the rightmost) is
 * the one our first proxy saw; anything further left came from the client and is never believed.
 * A header shorter than that (a request that bypassed a proxy) falls back to its leftmost entry,
 * which is still one a proxy of ours or the peer wrote.
 *
 * (proxy-addr, Express's answer, also takes lists of trusted subnets; a hop count is all our
 * deployments need, in a few lines.)
 */
export function clientAddressOf(request: IncomingMessage | undefined, trustedProxyHops: number): string | null {
  const peer = request?.socket.remoteAddress ?? null;
  if (!request || trustedProxyHops === 0 || peer === null) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const forwardedFor = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
  const chain = [...forwardedFor, peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)] ?? peer;
}
