import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/config.js';
import { browserTestsRun, launchBrowser, saveScreenshot, type TestBrowser } from './support/browser.js';
import { backend } from './support/database.js';
import { testConfig, useTestApp } from './support/harness.js';

// GraphiQL on GET /graphql: served from the installed packages (nothing from a CDN, so it works
// offline) under a Content-Security-Policy, and off with GRAPHIQL=false.

const asBrowser = { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } };

/** The page's one inline script, as the browser hashes it for script-src. */
function inlineScriptOf(html: string): string {
  return html.slice(html.indexOf('<script>') + '<script>'.length, html.lastIndexOf('</script>'));
}

describe('GraphiQL', () => {
  const t = useTestApp();

  it('is served to browsers on GET /graphql with a Content-Security-Policy that allows only its own script', async () => {
    const response = await t.fetch('/graphql', asBrowser);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Negative inventory API</title>');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');

    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    const scriptHash = createHash('sha256').update(inlineScriptOf(html)).digest('base64');
    expect(policy.get('script-src')).toBe(`'sha256-${scriptHash}'`);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('loads nothing from another host: no script, stylesheet, icon or font by URL', async () => {
    const html = await (await t.fetch('/graphql', asBrowser)).text();
    // GraphiQL's code mentions documentation links in strings; what the page loads is in its markup
    // and its styles.
    const styles = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    const markup = html.replace(inlineScriptOf(html), '').replace(styles, '');
    expect(markup.match(/https?:\/\/[^\s"'<>]*/g) ?? []).toEqual([]);
    expect(markup).not.toMatch(/<script[^>]+src=/);
    expect(styles.match(/url\(\s*['"]?(?!data:)[^)]*\)/g) ?? []).toEqual([]);
    expect(styles).not.toMatch(/@import/);
  });

  it('leaves the API as it is: POST /graphql and GET with a query answer GraphQL, without the page', async () => {
    const post = await t.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
    expect(post.headers.get('content-security-policy')).toBeNull();

    const get = await t.fetch('/graphql?query=%7B__typename%7D', { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('GRAPHIQL=false', () => {
  const t = useTestApp({ env: { GRAPHIQL: 'false' } });

  it('serves no GraphiQL: a browser on GET /graphql gets an ordinary GraphQL answer', async () => {
    const response = await t.fetch('/graphql', asBrowser);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await response.text()).not.toContain('GraphiQL');
    expect(response.status).not.toBe(200);

    const post = await t.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('takes only true or false', () => {
    expect(testConfig().graphiql).toBe(true);
    expect(testConfig({ GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(() => testConfig({ GRAPHIQL: 'no' })).toThrow(ConfigError);
    expect(() => testConfig({ GRAPHIQL: 'no' })).toThrow(/GRAPHIQL/);
  });
});

// A real browser that can reach nothing but the test server, as on a machine offline. One backend
// only: the page is a client of the API, which the other suites test on both.
describe.skipIf(backend !== 'pglite' || !browserTestsRun)('GraphiQL in a browser, offline', () => {
  const t = useTestApp({ listen: true });
  let browser: TestBrowser;
  let origin: string;
  /** Requests to anywhere but the test server, refused. */
  const refused: string[] = [];

  beforeAll(async () => {
    origin = new URL(t.url).origin;
    browser = await launchBrowser();
    await browser.context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      refused.push(route.request().url());
      return route.abort('internetdisconnected');
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders its editor, runs a query and shows the result, within its Content-Security-Policy', async () => {
    const page = await browser.newPage();
    // Violations are reported as console errors too (and fail the last check), but the event names
    // the directive.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await queryEditor.waitFor({ timeout: 30_000 });

    await queryEditor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // Typed as one insertion, so that the editor doesn't close the brace for us as well.
    await page.keyboard.insertText('{ __typename }');
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.locator('.graphiql-response').getByText('"Query"').waitFor({ timeout: 15_000 });
    await saveScreenshot(page, 'graphiql', { fullPage: false });

    expect(refused).toEqual([]);
  });

  it('logged no console error (CSP violations included) and no uncaught exception', () => {
    expect(browser.problems).toEqual([]);
  });
});
