import { describe, expect, it } from 'vitest';
import { decodeId } from '../src/node/global-id.js';
import { graphql } from './gql/index.js';
import { createAccount, signIn } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';

const sessionQuery = graphql(`
  query FoundationSessionsSession {
    viewer {
      account {
        optionalModules {
          module
          enabled
        }
      }
      session {
        negativeInventoryEnabled
        settingsOutdated
      }
    }
  }
`);

const t = useTestApp();

/** Changes the account's setting behind the API's back, as another server instance would. */
async function setNegativeInventory(accountGlobalId: string, enabled: boolean) {
  const accountId = decodeId(accountGlobalId, 'Account');
  if (!accountId) throw new Error(`not an account ID: ${accountGlobalId}`);
  const result = await t.db
    .updateTable('account_modules')
    .set({ enabled, updated_at: new Date() })
    .where('account_id', '=', accountId)
    .where('module', '=', 'NEGATIVE_INVENTORY')
    .executeTakeFirst();
  expect(result.numUpdatedRows).toBe(1n);
}

describe('viewer.session.settingsOutdated', () => {
  it('tells a session that the account changed its setting, while the session keeps its own', async () => {
    const account = await createAccount(t, { legacy: true });
    const before = await t.run(sessionQuery, {}, account.adminToken);
    expect(before.viewer.session).toEqual({ negativeInventoryEnabled: false, settingsOutdated: false });

    await setNegativeInventory(account.accountId, true);

    const existing = await t.run(sessionQuery, {}, account.adminToken);
    expect(existing.viewer.account.optionalModules).toEqual([{ module: 'NEGATIVE_INVENTORY', enabled: true }]);
    expect(existing.viewer.session).toEqual({ negativeInventoryEnabled: false, settingsOutdated: true });

    // Signing in again picks up the new setting.
    const newToken = await signIn(t, account.adminEmail);
    const fresh = await t.run(sessionQuery, {}, newToken);
    expect(fresh.viewer.session).toEqual({ negativeInventoryEnabled: true, settingsOutdated: false });

    // Changed back: the old session is current again and the new one outdated.
    await setNegativeInventory(account.accountId, false);
    expect((await t.run(sessionQuery, {}, account.adminToken)).viewer.session).toEqual({
      negativeInventoryEnabled: false,
      settingsOutdated: false,
    });
    expect((await t.run(sessionQuery, {}, newToken)).viewer.session).toEqual({
      negativeInventoryEnabled: true,
      settingsOutdated: true,
    });
  });

  it("is about the caller's own account only", async () => {
    const changed = await createAccount(t, { legacy: true });
    const unchanged = await createAccount(t, { legacy: true });
    await setNegativeInventory(changed.accountId, true);
    expect((await t.run(sessionQuery, {}, unchanged.adminToken)).viewer.session?.settingsOutdated).toBe(false);
    expect((await t.run(sessionQuery, {}, changed.adminToken)).viewer.session?.settingsOutdated).toBe(true);
  });
});
