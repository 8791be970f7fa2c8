import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../src/demo/demo-catalogue.js';
import { loadDemoData, type DemoAccountResult } from '../src/demo/load-demo.js';
import { graphql } from './gql/index.js';
import { useServerDatabase } from './support/database.js';
import { signIn } from './support/fixtures.js';
import { useTestApp } from './support/harness.js';
import { repoRoot, serverEnvironment } from './support/server-process.js';

const demoAccountQuery = graphql(`
  query FoundationDemoAccount {
    viewer {
      account {
        name
        legacy
        optionalModules {
          enabled
        }
      }
      employee {
        role
      }
    }
    shops {
      name
    }
    items(first: 500) {
      edges {
        node {
          sku
          inventory {
            shop {
              name
            }
            quantityOnHand
          }
        }
      }
    }
  }
`);

const t = useTestApp();
let firstRun: DemoAccountResult[];
let sessionsAfterLoading: number;
beforeAll(async () => {
  firstRun = await loadDemoData(t.db, t.config);
  sessionsAfterLoading = (await t.db.selectFrom('sessions').select('id').execute()).length;
});

describe('npm run demo', () => {
  it('creates a newer and a legacy account whose people can sign in', async () => {
    expect(firstRun.map((account) => [account.legacy, account.created])).toEqual([
      [false, true],
      [true, true],
    ]);
    for (const account of firstRun) {
      const [admin, cashier] = account.logins;
      expect(admin!.role).toBe('ADMIN');
      expect(cashier!.role).toBe('CASHIER');
      const adminView = await t.run(demoAccountQuery, {}, await signIn(t, admin!.email, admin!.password));
      expect(adminView.viewer.account).toEqual({
        name: account.name,
        legacy: account.legacy,
        optionalModules: [{ enabled: !account.legacy }],
      });
      expect(adminView.viewer.employee?.role).toBe('ADMIN');
      const cashierView = await t.run(demoAccountQuery, {}, await signIn(t, cashier!.email, cashier!.password));
      expect(cashierView.viewer.employee?.role).toBe('CASHIER');
    }
  });

  it('gives each account two shops and about thirty items with stock received', async () => {
    for (const account of firstRun) {
      const { shops, items } = await t.run(demoAccountQuery, {}, await signIn(t, account.logins[0]!.email, account.logins[0]!.password));
      expect(shops).toHaveLength(2);
      expect(items.edges.length).toBeGreaterThanOrEqual(25);
      const levels = items.edges.flatMap((edge) => edge.node.inventory);
      expect(levels).toHaveLength(items.edges.length * 2);
      // Never negative to start with; most items in stock at both shops, some at none yet.
      expect(levels.every((level) => level.quantityOnHand >= 0)).toBe(true);
      expect(levels.filter((level) => level.quantityOnHand > 0).length).toBeGreaterThan(levels.length / 2);
      expect(levels.some((level) => level.quantityOnHand === 0)).toBe(true);
    }
  });

  it('leaves existing demo accounts alone when run again', async () => {
    const before = await t.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    const secondRun = await loadDemoData(t.db, t.config);
    expect(secondRun.map((account) => account.created)).toEqual(demoAccounts.map(() => false));
    expect(secondRun.map((account) => account.logins)).toEqual(firstRun.map((account) => account.logins));
    const after = await t.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(after.count).toBe(before.count);
    const accounts = await t.db.selectFrom('accounts').select('name').execute();
    expect(accounts.map((account) => account.name).sort()).toEqual(demoAccounts.map((account) => account.name).sort());
  });

  it('leaves no session behind', async () => {
    // The loader signs in as each admin to act as them, and out again.
    expect(sessionsAfterLoading).toBe(0);
  });
});

describe('the npm run demo command', () => {
  // A fresh database of the suite's backend, as `npm run demo` would use with DATA_DIR or DATABASE_URL.
  const database = useServerDatabase();

  it('prints the sign-ins, and only prints them when run again', async () => {
    const env = serverEnvironment(database.variables);
    const runDemo = () => promisify(execFile)('npx', ['tsx', 'src/demo/demo.cli.ts'], { cwd: repoRoot, env });
    const first = await runDemo();
    for (const account of demoAccounts) {
      expect(first.stdout).toContain(`${account.name} (`);
      expect(first.stdout).toMatch(new RegExp(`${account.admin.email.replace(/\./g, '\\.')} +password: demo-password`));
      expect(first.stdout).toContain(account.cashier.email);
    }
    expect(first.stdout).not.toContain('already loaded');
    const second = await runDemo();
    expect(second.stdout.match(/already loaded/g)).toHaveLength(demoAccounts.length);
    expect(second.stdout).toContain(demoAccounts[0]!.admin.email);
  });
});
