import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setOptionalModule } from '../src/accounts/optional-modules.service.js';
import { authInvalidationsChannel } from '../src/auth/auth-invalidations.js';
import { authenticate, findCallerByTokenHash, revokeApiKey, signOut } from '../src/auth/auth.service.js';
import { CallerCache, type FoundCaller } from '../src/auth/caller-cache.js';
import { hashToken } from '../src/auth/tokens.js';
import type { AccountCaller, EmployeeCaller } from '../src/auth/viewer.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { decodeId } from '../src/node/global-id.js';
import { listenerApplicationName } from '../src/realtime/notification-listener.js';
import { graphql } from './gql/index.js';
import { backend, withAdminClient } from './support/database.js';
import { createAccount, createApiKey, createEmployee, revokeApiKeyMutation, signIn, signOutMutation } from './support/fixtures.js';
import { errorCodes, expectTypename, useTestApp, type TestInstance } from './support/harness.js';
import { setOptionalModuleMutation } from './support/inventory.js';

// The in-process cache of token → caller (src/auth/caller-cache.ts): requests with a token seen a
// moment ago skip the database, and sign-out, revocation and the module switch still take effect
// at once, on every instance.

const probeQuery = graphql(`
  query AuthCacheProbe {
    viewer {
      __typename
    }
  }
`);

const t = useTestApp();

/** A server instance on the suite's database that counts the statements reading its token tables. */
interface Instance extends TestInstance {
  /**
   * Asks for `viewer { __typename }`, which reads nothing but the caller: the statements it costs
   * are the token lookup's (0 when the caller came from the cache).
   */
  probe(token: string): Promise<{ codes: unknown[]; tokenStatements: number }>;
}

/** Statements that read or write sessions or api_keys (where tokens are looked up). */
function touchesTokenTables(node: RootOperationNode): boolean {
  // Kysely's operation nodes are plain data (bigint parameters aside); table names appear as
  // identifier nodes.
  const json = JSON.stringify(node, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
  return /"name":"(sessions|api_keys)"/.test(json);
}

async function startInstance(overrides: Partial<AppConfig> = {}): Promise<Instance> {
  let tokenStatements = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      if (touchesTokenTables(args.node)) tokenStatements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  // Its own cache and its own listener (on PostgreSQL a LISTEN connection of its own): another
  // instance in every way that matters here. Only its statements go through the counter.
  const instance = await t.startInstance({ config: overrides, db: t.db.withPlugin(counter) });
  return Object.assign(instance, {
    async probe(token: string) {
      const before = tokenStatements;
      const result = await instance.execute(probeQuery, {}, token);
      return { codes: errorCodes(result), tokenStatements: tokenStatements - before };
    },
  });
}

/** Probes until the token is refused; resolves with how long that took. */
async function refusedWithin(instance: Instance, token: string, timeoutMs: number): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < timeoutMs) {
    if ((await instance.probe(token)).codes.includes('UNAUTHENTICATED')) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`still accepted after ${timeoutMs} ms`);
}

const accepted = { codes: [] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AUTH_CACHE_TTL_MS', () => {
  it('defaults to 5 s, takes 0 (off) to 60 s, and refuses anything else naming the variable', () => {
    expect(loadConfig({}).authCacheTtlMs).toBe(5_000);
    expect(loadConfig({ AUTH_CACHE_TTL_MS: '0' }).authCacheTtlMs).toBe(0);
    expect(loadConfig({ AUTH_CACHE_TTL_MS: '60000' }).authCacheTtlMs).toBe(60_000);
    for (const bad of ['-1', '60001', '1.5', 'soon']) {
      expect(() => loadConfig({ AUTH_CACHE_TTL_MS: bad })).toThrow(/^\s+AUTH_CACHE_TTL_MS: /m);
    }
  });
});

describe('a token resolved a moment ago', () => {
  let instance: Instance;
  beforeAll(async () => {
    instance = await startInstance();
  });

  it('answers the next requests without a database query, for sessions and API keys', async () => {
    const account = await createAccount(t);
    const { token: apiKeyToken } = await createApiKey(t, account.adminToken);
    for (const token of [account.adminToken, apiKeyToken]) {
      const first = await instance.probe(token);
      expect(first).toMatchObject(accepted);
      expect(first.tokenStatements).toBeGreaterThan(0);
      expect(await instance.probe(token)).toEqual({ ...accepted, tokenStatements: 0 });
      expect(await instance.probe(token)).toEqual({ ...accepted, tokenStatements: 0 });
    }
  });

  it('is asked of the database again once the TTL has passed, and every time with AUTH_CACHE_TTL_MS=0', async () => {
    const account = await createAccount(t);
    const shortLived = await startInstance({ authCacheTtlMs: 300 });
    expect((await shortLived.probe(account.adminToken)).tokenStatements).toBe(1);
    expect((await shortLived.probe(account.adminToken)).tokenStatements).toBe(0);
    await sleep(400);
    expect(await shortLived.probe(account.adminToken)).toEqual({ ...accepted, tokenStatements: 1 });

    const uncached = await startInstance({ authCacheTtlMs: 0 });
    expect(uncached.app.callerCache).toBeNull();
    for (let request = 0; request < 3; request++) {
      expect(await uncached.probe(account.adminToken)).toEqual({ ...accepted, tokenStatements: 1 });
    }
  });

  it('keeps no unknown token: each one asks the database, and the cache does not grow', async () => {
    const cache = instance.app.callerCache!;
    const sizeBefore = cache.size;
    for (const unknown of ['nis_not-a-session-token', 'nik_not-an-api-key', 'nis_another-one']) {
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await instance.probe(unknown)).toEqual({ codes: ['UNAUTHENTICATED'], tokenStatements: 1 });
      }
    }
    expect(cache.size).toBe(sizeBefore);
  });

  it("is never trusted past its session's expires_at", async () => {
    const account = await createAccount(t);
    const token = await signIn(t, account.adminEmail);
    const expiresAt = Date.now() + 600;
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(expiresAt) })
      .where('token_hash', '=', hashToken(token))
      .execute();
    expect((await instance.probe(token)).codes).toEqual([]);
    expect(await instance.probe(token)).toEqual({ ...accepted, tokenStatements: 0 });
    // Well within the cache's TTL (5 s), but past the session's end.
    await sleep(Math.max(0, expiresAt - Date.now()) + 100);
    expect((await instance.probe(token)).codes).toEqual(['UNAUTHENTICATED']);
  });
});

describe('sign-out, revocation and the module switch', () => {
  let here: Instance;
  let elsewhere: Instance;
  beforeAll(async () => {
    [here, elsewhere] = [await startInstance(), await startInstance()];
  });

  /** Resolves the token on both instances, and checks that both now answer it from memory. */
  async function cacheOnBoth(token: string) {
    for (const instance of [here, elsewhere]) {
      expect((await instance.probe(token)).codes).toEqual([]);
      expect(await instance.probe(token)).toEqual({ ...accepted, tokenStatements: 0 });
    }
  }

  it('sign-out: UNAUTHENTICATED at once on the instance that did it, within a second on another', async () => {
    const account = await createAccount(t);
    const token = await signIn(t, account.adminEmail);
    await cacheOnBoth(token);

    expect((await here.execute(signOutMutation, {}, token)).data).toEqual({ signOut: true });
    expect((await here.probe(token)).codes).toEqual(['UNAUTHENTICATED']);
    expect(await refusedWithin(elsewhere, token, 1_000)).toBeLessThan(1_000);
    // The employee's other session is untouched.
    expect(await elsewhere.probe(account.adminToken)).toMatchObject(accepted);
  });

  it('revocation: UNAUTHENTICATED at once on the instance that did it, within a second on another', async () => {
    const account = await createAccount(t);
    const revoked = await createApiKey(t, account.adminToken, 'Old integration');
    const kept = await createApiKey(t, account.adminToken, 'New integration');
    await cacheOnBoth(revoked.token);
    await cacheOnBoth(kept.token);

    const result = await here.execute(revokeApiKeyMutation, { input: { apiKeyId: revoked.apiKey.id } }, account.adminToken);
    expectTypename(result.data!.revokeApiKey, 'RevokeApiKeyPayload');
    expect((await here.probe(revoked.token)).codes).toEqual(['UNAUTHENTICATED']);
    expect(await refusedWithin(elsewhere, revoked.token, 1_000)).toBeLessThan(1_000);
    // The other key is still answered from memory.
    expect(await elsewhere.probe(kept.token)).toEqual({ ...accepted, tokenStatements: 0 });
    expect(await here.probe(kept.token)).toEqual({ ...accepted, tokenStatements: 0 });
  });

  it("the module switch drops every caller of that account, and only that account's, on every instance", async () => {
    const account = await createAccount(t, { legacy: true });
    const cashier = await createEmployee(t, account.adminToken, 'CASHIER');
    const { token: apiKeyToken } = await createApiKey(t, account.adminToken);
    const other = await createAccount(t, { legacy: true });
    const tokens = [account.adminToken, cashier.token, apiKeyToken];
    for (const token of [...tokens, other.adminToken]) await cacheOnBoth(token);

    const switched = await here.execute(
      setOptionalModuleMutation,
      { input: { module: 'NEGATIVE_INVENTORY', enabled: true } },
      account.adminToken,
    );
    expectTypename(switched.data!.setOptionalModule, 'SetOptionalModulePayload');

    // Here at once; elsewhere as soon as the notification is in (a lookup again is the sign).
    for (const token of tokens) expect((await here.probe(token)).tokenStatements).toBeGreaterThan(0);
    const startedAt = performance.now();
    while ((await elsewhere.probe(cashier.token)).tokenStatements === 0) {
      expect(performance.now() - startedAt).toBeLessThan(1_000);
      await sleep(10);
    }
    for (const token of [account.adminToken, apiKeyToken]) expect((await elsewhere.probe(token)).tokenStatements).toBeGreaterThan(0);
    for (const instance of [here, elsewhere]) {
      expect(await instance.probe(other.adminToken)).toEqual({ ...accepted, tokenStatements: 0 });
    }
  });

  it("drop this process's entries as soon as they commit, without waiting for the notification", async () => {
    // A cache no listener feeds: only the service itself can drop its entries.
    const cache = new CallerCache({ ttlMs: 60_000 });
    const bearer = (token: string) => `Bearer ${token}`;
    const account = await createAccount(t, { legacy: true });
    const other = await createAccount(t, { legacy: true });
    const apiKey = await createApiKey(t, account.adminToken);
    const sessionToken = await signIn(t, account.adminEmail);
    const admin = (await authenticate(t.db, t.config, bearer(account.adminToken), cache)) as AccountCaller;
    const session = await authenticate(t.db, t.config, bearer(sessionToken), cache);
    const keyCaller = await authenticate(t.db, t.config, bearer(apiKey.token), cache);
    const otherAdmin = await authenticate(t.db, t.config, bearer(other.adminToken), cache);
    expect([admin, session, keyCaller, otherAdmin].every((caller) => caller !== null)).toBe(true);
    expect(cache.size).toBe(4);

    expect(await signOut(t.db, session as EmployeeCaller, cache)).toBe(true);
    expect(await authenticate(t.db, t.config, bearer(sessionToken), cache)).toBeNull();

    await revokeApiKey(t.db, admin, apiKey.apiKey.id, decodeId(apiKey.apiKey.id, 'ApiKey'), cache);
    expect(await authenticate(t.db, t.config, bearer(apiKey.token), cache)).toBeNull();

    const lookUp = vi.fn(async (): Promise<FoundCaller | null> => null);
    expect(cache.size).toBe(2);
    await setOptionalModule(t.db, admin, 'NEGATIVE_INVENTORY', true, cache);
    expect(cache.size).toBe(1);
    expect(await cache.getOrLoad(hashToken(other.adminToken), lookUp)).toEqual(otherAdmin);
    expect(lookUp).not.toHaveBeenCalled();
    expect(await cache.getOrLoad(hashToken(account.adminToken), lookUp)).toBeNull();
    expect(lookUp).toHaveBeenCalledOnce();
  });
});

describe('a lookup that read the database before an invalidation and finishes after it', () => {
  let here: Instance;
  let elsewhere: Instance;
  beforeAll(async () => {
    [here, elsewhere] = [await startInstance(), await startInstance()];
  });

  /**
   * Starts resolving the token on `instance` the way authenticate does, and holds the lookup
   * between its database read and storing what it read.
   */
  async function heldLookup(instance: Instance, token: string) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let readDone!: () => void;
    const hasRead = new Promise<void>((resolve) => (readDone = resolve));
    const tokenHash = hashToken(token);
    const kind = token.startsWith('nik_') ? 'apiKey' : 'session';
    const result = instance.app.callerCache!.getOrLoad(tokenHash, async () => {
      const found = await findCallerByTokenHash(instance.app.database.db, kind, tokenHash);
      readDone();
      await released;
      return found;
    });
    await hasRead;
    return { release, result };
  }

  it('does not store the caller it read when the sign-out was on this instance', async () => {
    const account = await createAccount(t);
    const token = await signIn(t, account.adminEmail);
    const lookup = await heldLookup(here, token);
    expect((await here.execute(signOutMutation, {}, token)).data).toEqual({ signOut: true });
    lookup.release();
    // The held request itself started before the sign-out and may go ahead...
    expect(await lookup.result).toMatchObject({ kind: 'employee' });
    // ...but no later request gets its caller.
    expect(await here.probe(token)).toEqual({ codes: ['UNAUTHENTICATED'], tokenStatements: 1 });
  });

  it('does not store the caller it read when the revocation came from another instance', async () => {
    const account = await createAccount(t);
    const apiKey = await createApiKey(t, account.adminToken);
    const invalidate = vi.spyOn(here.app.callerCache!, 'invalidate');
    try {
      const lookup = await heldLookup(here, apiKey.token);
      const result = await elsewhere.execute(revokeApiKeyMutation, { input: { apiKeyId: apiKey.apiKey.id } }, account.adminToken);
      expectTypename(result.data!.revokeApiKey, 'RevokeApiKeyPayload');
      // The notification has reached this instance while its lookup still holds the old answer.
      const apiKeyId = decodeId(apiKey.apiKey.id, 'ApiKey');
      await vi.waitFor(() => expect(invalidate).toHaveBeenCalledWith(expect.objectContaining({ kind: 'apiKey', apiKeyId })), {
        timeout: 1_000,
        interval: 10,
      });
      lookup.release();
      expect(await lookup.result).toMatchObject({ kind: 'apiKey' });
      expect(await here.probe(apiKey.token)).toEqual({ codes: ['UNAUTHENTICATED'], tokenStatements: 1 });
    } finally {
      invalidate.mockRestore();
    }
  });

  it('does not store the caller it read when the whole cache was cleared meanwhile (a resync)', async () => {
    const cache = new CallerCache({ ttlMs: 60_000 });
    const found: FoundCaller = { caller: { kind: 'apiKey', accountId: '1', apiKeyId: '2' }, expiresAt: null };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = cache.getOrLoad(Buffer.from('a token hash'), async () => {
      await released;
      return found;
    });
    cache.clear();
    release();
    expect(await held).toEqual(found.caller);
    expect(cache.size).toBe(0);
    // Undisturbed, the same lookup is kept.
    expect(await cache.getOrLoad(Buffer.from('a token hash'), async () => found)).toEqual(found.caller);
    expect(cache.size).toBe(1);
  });
});

describe('notifications', () => {
  it("clear the whole cache when one can't be read (whatever a newer instance may send)", async () => {
    const instance = await startInstance({ authCacheTtlMs: 60_000 });
    const account = await createAccount(t);
    expect((await instance.probe(account.adminToken)).codes).toEqual([]);
    expect(await instance.probe(account.adminToken)).toEqual({ ...accepted, tokenStatements: 0 });
    await sql`select pg_notify(${authInvalidationsChannel}, 'employee:1:not-a-number')`.execute(t.db);
    await vi.waitFor(async () => expect((await instance.probe(account.adminToken)).tokenStatements).toBe(1), {
      timeout: 1_000,
      interval: 10,
    });
  });
});

describe.skipIf(backend !== 'postgres')('the listening connection', () => {
  it('forgets every caller when it comes back, since invalidations may have been lost meanwhile', async () => {
    // A TTL far longer than the test: only the resync can make the token be looked up again.
    const instance = await startInstance({ authCacheTtlMs: 60_000 });
    const account = await createAccount(t);
    expect((await instance.probe(account.adminToken)).codes).toEqual([]);
    expect(await instance.probe(account.adminToken)).toEqual({ ...accepted, tokenStatements: 0 });

    const databaseName = new URL(t.database.url!).pathname.slice(1);
    await withAdminClient((admin) =>
      admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = $2', [
        listenerApplicationName,
        databaseName,
      ]),
    );
    await vi.waitFor(async () => expect((await instance.probe(account.adminToken)).tokenStatements).toBe(1), {
      timeout: 10_000,
      interval: 50,
    });
  });
});
