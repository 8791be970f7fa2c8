import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

// A real browser for the dashboard's tests: Debian's Chromium driven by playwright-core (no browser
// download). .ci/run installs the chromium package when it is missing.

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. CI installs Chromium and fails without it; on a
 * developer's machine without it they are skipped (with a note), so `npm test` still works on a
 * fresh clone: `apt-get install chromium` (or CHROMIUM_PATH) brings them back.
 */
export const browserTestsRun = existsSync(chromiumPath) || Boolean(process.env.CI);
if (!browserTestsRun) {
  console.warn(`Skipping the dashboard's browser tests: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).`);
}

export const artifactsDirectory = join(import.meta.dirname, '..', '..', 'test-artifacts');

export interface TestBrowser {
  context: BrowserContext;
  /** Console errors and uncaught exceptions of every page, as text: a test ends expecting none. */
  problems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(options: { width?: number; height?: number } = {}): Promise<TestBrowser> {
  // A fresh profile each time: nothing cached or stored from an earlier run.
  const userDataDir = await mkdtemp(join(tmpdir(), 'dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception on ${page.url()}: ${error.stack ?? error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    problems,
    async newPage() {
      // A persistent context opens with one blank page: use it first.
      const blank = context.pages().find((page) => page.url() === 'about:blank');
      return blank ?? (await context.newPage());
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under test-artifacts/ (git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(artifactsDirectory, { recursive: true });
  const path = join(artifactsDirectory, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}
