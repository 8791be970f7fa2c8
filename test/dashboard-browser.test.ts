import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey, createAccount, createItem, createShop } from './support/fixtures.js';
import { browserTestsRun, launchBrowser, saveScreenshot, type TestBrowser } from './support/browser.js';
import { backend } from './support/database.js';
import { seedRetailer, type SeededRetailer } from './support/dashboard-seed.js';
import { useTestApp, type TestApp } from './support/harness.js';
import { receiveStockMutation, recordSaleMutation } from './support/inventory.js';

// The dashboard in a real browser (Debian's Chromium) against a real server on a free port. One
// backend only: the page is a client of the API, which every other suite tests on both.

const alertWithinMs = 2000;

async function rowKeys(page: Page): Promise<string[]> {
  return page
    .locator('table.rows > tbody > tr[data-sku]')
    .evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-sku')}@${row.children[2]?.textContent ?? ''}`));
}

async function alertIds(page: Page): Promise<string[]> {
  return page.locator('ol.alerts > li').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('data-alert-id') ?? ''));
}

async function waitForConnection(page: Page, state: 'live' | 'reconnecting', timeout = 10_000): Promise<void> {
  await page.locator(`.connection[data-state="${state}"]`).waitFor({ timeout });
}

async function signInThroughForm(page: Page, email: string, secret: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function waitForRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) =>
      document.querySelectorAll('table.rows > tbody > tr[data-sku]').length === expected &&
      !document.querySelector('.table-region[aria-busy]'),
    count,
    { timeout: 10_000 },
  );
}

/** The breakdown table once it shows `dimension`: each row's cells as text, in the order shown. */
async function breakdownRows(page: Page, dimension: 'SHOP' | 'REASON' | 'EMPLOYEE'): Promise<string[][]> {
  await page.waitForFunction(
    (expected) =>
      document.querySelector(`table.breakdown-rows[data-group-by="${expected}"]`) !== null &&
      !document.querySelector('.breakdown .table-region[aria-busy]'),
    dimension,
    { timeout: 10_000 },
  );
  return page
    .locator('table.breakdown-rows > tbody > tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
}

function alertEntry(page: Page, sku: string) {
  return page.locator('ol.alerts > li').filter({ has: page.locator('.alert-title .sku', { hasText: sku }) });
}

describe.skipIf(backend !== 'pglite' || !browserTestsRun)('the dashboard in a browser', () => {
  const t = useTestApp({ listen: true });
  let baseUrl: string;
  let browser: TestBrowser;
  /** Sockets of WebSocket upgrades, to cut them from the server's side. */
  const upgradedSockets: Socket[] = [];

  beforeAll(async () => {
    baseUrl = new URL(t.url).origin;
    t.app.server.on('upgrade', (_request, socket: Socket) => upgradedSockets.push(socket));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe('a signed-in admin of a retailer with items below zero', () => {
    let retailer: SeededRetailer;
    let page: Page;

    beforeAll(async () => {
      retailer = await seedRetailer(t);
      page = await browser.newPage();
      await page.goto(`${baseUrl}/dashboard`);
      await signInThroughForm(page, retailer.adminEmail, retailer.password);
      await waitForRows(page, retailer.negativeRows.length);
      await waitForConnection(page, 'live');
    });

    it('keeps the token in sessionStorage and shows who is signed in', async () => {
      const stored = await page.evaluate(() => Object.entries(sessionStorage));
      expect(stored.map(([key]) => key).sort()).toEqual(['negative-inventory-dashboard.token', 'negative-inventory-dashboard.token-kind']);
      await expect(page.getByTestId('account-name').textContent()).resolves.toBe('Corner Hardware');
      await expect(page.locator('.who').textContent()).resolves.toBe('Ada Admin · Admin');
    });

    it('shows the report: every row with its reason, totals and a chart by shop and by reason', async () => {
      expect((await rowKeys(page)).sort()).toEqual([...retailer.negativeRows].sort());
      await expect(page.getByTestId('total-rows').textContent()).resolves.toBe('5');
      // -3 -1 (sales), -2 (transfer 7 of 5), -4 (vendor return 9 of 5), -3 (6+2 of 5).
      await expect(page.getByTestId('total-units').textContent()).resolves.toBe('13');

      const knife = page.locator('tr[data-sku="HW-1003"]');
      await expect(knife.locator('td').allTextContents()).resolves.toEqual([
        'HW-1003',
        'Utility knife',
        'Harbour Road',
        '\u22122',
        expect.stringMatching(/\d{4}/),
        'Removed for transfer',
        '0',
        'Show 1',
      ]);
      // Two hammers are on their way to the second shop, where the hammer is below zero.
      await expect(page.locator('tr[data-sku="HW-1001"] td').nth(6).textContent()).resolves.toBe('2');
      await expect(page.locator('tr[data-sku="HW-1004"] td').nth(5).textContent()).resolves.toBe('Returned to vendor');

      const charts = page.locator('section.report figure.chart svg[role="img"]');
      await expect(charts.count()).resolves.toBe(2);
      await expect(charts.nth(0).getAttribute('aria-label')).resolves.toBe(
        'Negative units by shop. Harbour Road: 9 units; Station Square: 4 units.',
      );
      await expect(charts.nth(1).getAttribute('aria-label')).resolves.toBe(
        'Negative units by reason. Sale: 7 units; Returned to vendor: 4 units; Removed for transfer: 2 units.',
      );
    });

    it('breaks the episodes down by shop, reason and employee, with the median time to resolve', async () => {
      const panel = page.locator('section.breakdown');
      await expect(panel.getByLabel('Group by').inputValue()).resolves.toBe('SHOP');
      await expect(panel.getByLabel('Began in').inputValue()).resolves.toBe('30');
      // Harbour Road: knife (2 below), drill (4), screws (1 below at first). Station Square: hammer
      // (3), tape (1) and the paint roller kit (1), which a receipt brought back: resolved.
      const byShop = await breakdownRows(page, 'SHOP');
      expect([...byShop].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))).toEqual([
        ['Harbour Road', '3', '0', '7', '—'],
        ['Station Square', '3', '1', '5', expect.stringMatching(/^(< 1 s|\d+ s)$/)],
      ]);
      await expect(panel.locator('figure.chart svg[role="img"]').getAttribute('aria-label')).resolves.toBe(
        'Episodes by shop, last 30 days. Harbour Road: 3 episodes; Station Square: 3 episodes.',
      );

      await panel.getByLabel('Group by').selectOption({ label: 'Reason' });
      expect(await breakdownRows(page, 'REASON')).toEqual([
        ['Sale', '4', '1', '6', expect.stringMatching(/ s$/)],
        ['Removed for transfer', '1', '0', '2', '—'],
        ['Returned to vendor', '1', '0', '4', '—'],
      ]);
      await expect(panel.locator('figure.chart svg[role="img"]').getAttribute('aria-label')).resolves.toBe(
        'Episodes by reason, last 30 days. Sale: 4 episodes; Removed for transfer: 1 episode; Returned to vendor: 1 episode.',
      );

      await panel.getByLabel('Group by').selectOption({ label: 'Employee' });
      expect(await breakdownRows(page, 'EMPLOYEE')).toEqual([
        ['Ada Admin', '5', '0', '11', '—'],
        ['CASHIER person', '1', '1', '1', expect.stringMatching(/ s$/)],
      ]);
      await page.locator('section.breakdown').scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'dashboard-breakdown', { fullPage: false });

      await panel.getByLabel('Group by').selectOption({ label: 'Shop' });
      await breakdownRows(page, 'SHOP');
    });

    it("shows which alerts were resolved: the paint roller kit's, by a receipt", async () => {
      await expect(alertEntry(page, 'HW-1006').locator('.alert-resolution').getAttribute('data-resolved')).resolves.toBe('true');
      await expect(alertEntry(page, 'HW-1006').locator('.alert-resolution').textContent()).resolves.toMatch(/^Resolved \d/);
      await expect(alertEntry(page, 'HW-1002').locator('.alert-resolution').textContent()).resolves.toBe('Still below zero');
    });

    it('expands a row to its negative adjustments', async () => {
      const screws = page.locator('tr[data-sku="HW-1005"]');
      await screws.getByRole('button', { name: 'Show 2' }).click();
      const details = page.locator('tr.details table.adjustments tbody tr');
      await expect(details.count()).resolves.toBe(2);
      await expect(details.nth(0).locator('td').nth(1).textContent()).resolves.toBe('Sale');
      await expect(details.nth(0).locator('td').nth(3).textContent()).resolves.toBe('\u22121');
      await expect(details.nth(1).locator('td').nth(2).textContent()).resolves.toBe('\u22122');
      await expect(details.nth(1).locator('td').nth(4).textContent()).resolves.toBe('Ada Admin');
      await screws.getByRole('button', { name: 'Hide' }).click();
      await expect(page.locator('tr.details').count()).resolves.toBe(0);
    });

    it('filters by shop, search and reason, and downloads the same rows as CSV', async () => {
      await page.getByLabel('Shop', { exact: true }).selectOption({ label: 'Station Square' });
      await waitForRows(page, 2);
      expect((await rowKeys(page)).sort()).toEqual(['HW-1001@Station Square', 'HW-1002@Station Square']);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^negative-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toMatch(/^Adjustment ID,Date,SKU,Item,Shop,Reason/);
      expect(
        lines
          .slice(1)
          .map((line) => line.split(',')[2])
          .sort(),
      ).toEqual(['HW-1001', 'HW-1002']);
      await page.getByText(/^Downloaded negative-inventory-/).waitFor();

      await page.getByLabel('Shop', { exact: true }).selectOption({ label: 'All shops' });
      await page.getByRole('checkbox', { name: 'Returned to vendor' }).check();
      await waitForRows(page, 1);
      expect(await rowKeys(page)).toEqual(['HW-1004@Harbour Road']);
      await page.getByRole('checkbox', { name: 'Returned to vendor' }).uncheck();

      await page.getByLabel('Search', { exact: true }).fill('tape');
      await waitForRows(page, 1);
      expect(await rowKeys(page)).toEqual(['HW-1002@Station Square']);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await waitForRows(page, retailer.negativeRows.length);
    });

    it('shows a new alert within 2 s, highlighted, and updates the report', async () => {
      const before = await alertIds(page);
      const gloves = retailer.items.find((item) => item.sku === 'HW-1007')!;
      const [alertId] = await retailer.sell(retailer.shops.second.id, gloves.id, 2);
      const sold = Date.now();
      const entry = page.locator(`ol.alerts > li[data-alert-id="${alertId}"]`);
      await entry.waitFor({ timeout: alertWithinMs });
      expect(Date.now() - sold).toBeLessThan(alertWithinMs);
      await expect(entry.getAttribute('class')).resolves.toContain('is-new');
      await expect(entry.textContent()).resolves.toContain('HW-1007');
      expect(await alertIds(page)).toEqual([alertId, ...before]);

      // The report follows: a sixth row, highlighted, and new totals.
      await waitForRows(page, 6);
      await expect(page.locator('tr[data-sku="HW-1007"]').getAttribute('class')).resolves.toBe('is-new');
      await expect(page.getByTestId('total-units').textContent()).resolves.toBe('15');
    });

    it('after a dropped connection resumes from its last alert: exactly the missed ones, none twice', async () => {
      const before = await alertIds(page);
      const cursorBefore = (await page.evaluate(() => window.__dashboard!.state())).cursor;
      expect(cursorBefore).not.toBeNull();

      await page.evaluate(() => window.__dashboard!.dropConnection());
      await waitForConnection(page, 'reconnecting');

      // Written while the page is offline: three items go below zero (three alerts), and one that
      // is below zero already goes further (no alert).
      const missed: string[] = [];
      for (const sku of ['HW-1008', 'HW-1009', 'HW-1010']) {
        const item = retailer.items.find((candidate) => candidate.sku === sku)!;
        missed.push(...(await retailer.sell(retailer.shops.second.id, item.id, 1)));
      }
      const hammer = retailer.items.find((item) => item.sku === 'HW-1001')!;
      expect(await retailer.sell(retailer.shops.second.id, hammer.id, 1)).toEqual([]);
      expect(missed).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await alertIds(page)).toEqual(before);

      await page.evaluate(() => window.__dashboard!.resumeConnection());
      await waitForConnection(page, 'live');
      await page.waitForFunction((count) => document.querySelectorAll('ol.alerts > li').length === count, before.length + 3, {
        timeout: 5000,
      });
      expect(await alertIds(page)).toEqual([...[...missed].reverse(), ...before]);

      // A live one after the reconnection comes once too.
      const padlock = retailer.items.find((item) => item.sku === 'HW-1011')!;
      const [live] = await retailer.sell(retailer.shops.second.id, padlock.id, 1);
      await page.locator(`ol.alerts > li[data-alert-id="${live}"]`).waitFor({ timeout: alertWithinMs });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = await alertIds(page);
      expect(ids).toEqual([live, ...[...missed].reverse(), ...before]);
      expect(new Set(ids).size).toBe(ids.length);

      const state = await page.evaluate(() => window.__dashboard!.state());
      expect(state.duplicatesDropped).toBe(0);
      // The second connection resumed after the last alert the page had before the drop.
      expect(state.resumedFrom.at(-1)).toBe(cursorBefore);
      await waitForRows(page, 10);
    });

    it('reconnects by itself when the server side of the connection is cut', async () => {
      const before = await alertIds(page);
      const open = upgradedSockets.filter((socket) => !socket.destroyed);
      expect(open.length).toBeGreaterThan(0);
      for (const socket of open) socket.destroy();
      await waitForConnection(page, 'reconnecting');

      const tape = retailer.items.find((item) => item.sku === 'HW-1012')!;
      const [alertId] = await retailer.sell(retailer.shops.second.id, tape.id, 1);
      await waitForConnection(page, 'live');
      await page.locator(`ol.alerts > li[data-alert-id="${alertId}"]`).waitFor({ timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await alertIds(page)).toEqual([alertId, ...before]);
      expect((await page.evaluate(() => window.__dashboard!.state())).duplicatesDropped).toBe(0);
    });

    it("won't turn the module off while items are below zero, and says so in plain words", async () => {
      await expect(page.getByTestId('module-state').textContent()).resolves.toBe('On');
      const toggle = page.getByRole('switch', { name: 'Allow negative inventory' });
      await expect(toggle.isChecked()).resolves.toBe(true);
      await toggle.uncheck();
      await page.getByRole('button', { name: 'Save changes' }).click();
      const outcome = page.getByTestId('settings-outcome');
      await outcome.waitFor();
      await expect(outcome.locator('p').first().textContent()).resolves.toBe(
        "Negative inventory can't be turned off while 11 items are below zero: correct them first.",
      );
      await expect(page.getByTestId('module-state').textContent()).resolves.toBe('On');
      // The blockers, as the report orders them: lowest quantity first, then SKU.
      const blockers = page.getByTestId('blockers').locator('li');
      await expect(blockers.count()).resolves.toBe(11);
      await expect(blockers.nth(0).textContent()).resolves.toBe('HW-1001 Claw hammer 16 oz at Station Square: \u22124');
      await expect(blockers.nth(1).textContent()).resolves.toBe('HW-1004 Cordless drill 18 V at Harbour Road: \u22124');
      await page.locator('section.settings-panel').scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'dashboard-blockers', { fullPage: false });
    });

    it('fits a laptop and a tablet, and is saved as a screenshot', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, 'dashboard', { fullPage: false });
      for (const viewport of [
        { width: 1280, height: 800 },
        { width: 1024, height: 768 },
        { width: 768, height: 1024 },
      ]) {
        await page.setViewportSize(viewport);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow at ${viewport.width} px`).toBeLessThanOrEqual(0);
      }
      await saveScreenshot(page, 'dashboard-tablet');
      await page.setViewportSize({ width: 1366, height: 900 });
    });

    it('signs out: the token is forgotten, and a reload stays signed out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      // Signing out closed the live connection too.
      await vi.waitFor(() => expect(upgradedSockets.filter((socket) => !socket.destroyed)).toEqual([]), { timeout: 5000 });
    });
  });

  it('an alert resolved by a receipt shows as resolved once the page refreshes, and after a reload', async () => {
    const retailer = await seedRetailer(t, { name: 'Quay Hardware' });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/dashboard`);
    await signInThroughForm(page, retailer.adminEmail, retailer.password);
    await waitForRows(page, retailer.negativeRows.length);
    await waitForConnection(page, 'live');
    const tapeAlert = alertEntry(page, 'HW-1002').locator('.alert-resolution');
    await expect(tapeAlert.textContent()).resolves.toBe('Still below zero');

    // The tape measure back at zero at Station Square: its episode ends, with no alert of its own.
    const tape = retailer.items.find((item) => item.sku === 'HW-1002')!;
    const received = await t.run(
      receiveStockMutation,
      { input: { shopId: retailer.shops.second.id, lines: [{ itemId: tape.id, quantity: 1 }] } },
      retailer.token,
    );
    expect(received.receiveStock.__typename).toBe('ReceiveStockPayload');

    // The next alert refreshes the page: the report, the breakdown and the alerts' resolution.
    const gloves = retailer.items.find((item) => item.sku === 'HW-1007')!;
    const [alertId] = await retailer.sell(retailer.shops.second.id, gloves.id, 1);
    await page.locator(`ol.alerts > li[data-alert-id="${alertId}"]`).waitFor({ timeout: alertWithinMs });
    await page
      .locator('.alert-resolution[data-resolved="true"]', { hasText: /^Resolved / })
      .nth(1)
      .waitFor({ timeout: 5000 });
    await expect(tapeAlert.getAttribute('data-resolved')).resolves.toBe('true');
    await expect(page.locator(`ol.alerts > li[data-alert-id="${alertId}"] .alert-resolution`).textContent()).resolves.toBe(
      'Still below zero',
    );
    await vi.waitFor(
      async () =>
        expect((await breakdownRows(page, 'SHOP')).find((row) => row[0] === 'Station Square')?.slice(0, 3)).toEqual([
          'Station Square',
          '4',
          '2',
        ]),
      { timeout: 5000 },
    );

    await page.reload();
    await waitForRows(page, retailer.negativeRows.length);
    await expect(alertEntry(page, 'HW-1002').locator('.alert-resolution').textContent()).resolves.toMatch(/^Resolved \d/);
    await expect(alertEntry(page, 'HW-1007').locator('.alert-resolution').textContent()).resolves.toBe('Still below zero');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('a legacy admin turns the module on and is told to sign in again to apply it', async () => {
    const account = await createAccount(t, { legacy: true, name: 'Oldtown Outfitters' });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/dashboard`);

    await signInThroughForm(page, account.adminEmail, 'not the password');
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      "That e-mail and password don't match an employee. Check them and try again.",
    );
    await signInThroughForm(page, account.adminEmail, 'correct horse battery');
    await expect(page.getByTestId('module-state').textContent()).resolves.toBe('Off');
    await page.getByText('No item is below zero. Nothing to correct.').waitFor();

    await page.getByRole('switch', { name: 'Allow negative inventory' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const outcome = page.getByTestId('settings-outcome');
    await outcome.waitFor();
    // This page's session and the one the fixture signed in with both still have it off.
    await expect(outcome.textContent()).resolves.toBe(
      'Saved: negative inventory is now on.2 signed-in sessions keep the old setting until their employees sign out and sign in again.',
    );
    await expect(page.getByTestId('module-state').textContent()).resolves.toBe('On');
    await page.getByTestId('settings-outdated').waitFor();
    await expect(page.locator('.session-state').textContent()).resolves.toMatch(/has negative inventory off\.$/);

    await page.getByRole('button', { name: 'Sign out to apply it' }).click();
    await signInThroughForm(page, account.adminEmail, 'correct horse battery');
    await expect(page.locator('.session-state').textContent()).resolves.toMatch(/has negative inventory on\.$/);
    await expect(page.getByTestId('settings-outdated').count()).resolves.toBe(0);
    await page.close();
  });

  it('a partner API key opens a read-only view: report and alerts, no switch', async () => {
    const account = await createAccount(t, { name: 'Harbour Hardware' });
    const shop = await createShop(t, account.adminToken, 'Quay Street');
    const item = await createItem(t, account.adminToken, 'HW-2001', 'Spirit level 60 cm');
    await t.run(receiveStockMutation, { input: { shopId: shop.id, lines: [{ itemId: item.id, quantity: 1 }] } }, account.adminToken);
    const key = await createApiKey(t, account.adminToken);

    const page = await browser.newPage();
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByText('Use a partner API key instead').click();
    await page.getByLabel('API key', { exact: true }).fill('not-a-key');
    await page.getByRole('button', { name: 'Open the read-only view' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe("That key isn't valid, or it was revoked.");
    await expect(page.evaluate(() => sessionStorage.length)).resolves.toBe(0);
    await page.getByLabel('API key', { exact: true }).fill(key.token);
    await page.getByRole('button', { name: 'Open the read-only view' }).click();
    await expect(page.locator('.who').textContent()).resolves.toBe('Partner API key · read-only');
    await expect(page.getByTestId('module-state').textContent()).resolves.toBe('Always on');
    await expect(page.getByRole('switch').count()).resolves.toBe(0);
    await waitForConnection(page, 'live');

    const alertId = await sellBelowZero(t, account.adminToken, shop.id, item.id);
    await page.locator(`ol.alerts > li[data-alert-id="${alertId}"]`).waitFor({ timeout: alertWithinMs });
    await waitForRows(page, 1);
    expect(await rowKeys(page)).toEqual(['HW-2001@Quay Street']);
    await page.getByRole('button', { name: 'Forget the key' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  });

  it('logged no console error and no uncaught exception', () => {
    expect(browser.problems).toEqual([]);
  });
});

async function sellBelowZero(t: TestApp, token: string, shopId: string, itemId: string): Promise<string> {
  const result = await t.run(recordSaleMutation, { input: { shopId, lines: [{ itemId, quantity: 3 }] } }, token);
  if (result.recordSale.__typename !== 'RecordSalePayload') throw new Error(JSON.stringify(result.recordSale));
  const [alert] = result.recordSale.alerts;
  if (!alert) throw new Error('the sale raised no alert');
  return alert.id;
}
