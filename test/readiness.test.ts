import { describe, expect, it } from 'vitest';
import { backend, withAdminClient } from './support/database.js';
import { useTestApp } from './support/harness.js';

// /health says the process is up, /ready that it can serve: that its database answers.
const t = useTestApp({ poolSize: 2, listen: true });

describe('health and readiness', () => {
  it('answers /health while the process is up', async () => {
    const response = await fetch(new URL('/health', t.url));
    expect(response.status).toBe(200);
  });

  it('answers /ready with 200 while the database answers', async () => {
    const response = await fetch(new URL('/ready', t.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, ledgerHorizonLagSeconds: expect.any(Number) });
  });

  // Last: it takes the server's database away.
  it('answers /ready with 503 once the database is gone, and /health still with 200', async () => {
    expect((await fetch(new URL('/ready', t.url))).status).toBe(200);

    if (backend === 'postgres') {
      // The server's connections are cut and its database no longer exists to reconnect to.
      const name = new URL(t.database.url!).pathname.slice(1);
      await withAdminClient((client) => client.query(`drop database ${name} with (force)`));
    } else {
      await t.database.handle.pglite!.close();
    }

    const ready = await fetch(new URL('/ready', t.url));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ready: false, ledgerHorizonLagSeconds: null });
    expect((await fetch(new URL('/health', t.url))).status).toBe(200);
  });
});
