import { createHash } from 'node:crypto';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

// GraphiQL on GET /graphql (Accept: text/html), from the installed @graphql-yoga/render-graphiql
// rather than yoga's default page, which loads GraphiQL from a CDN: this one inlines GraphiQL, its
// styles and its editor's workers, so it works offline and under a strict policy of what it may
// load. GRAPHIQL=false turns it off.

export interface GraphiQL {
  /** For yoga's renderGraphiQL: the page, rendered once, when first asked for. */
  render: () => Promise<string>;
  /** Sends the page with its Content-Security-Policy. */
  plugin: Plugin;
}

const options: GraphiQLOptions = {
  title: 'Negative inventory API',
  // Every request but signIn needs an Authorization header: show where it goes.
  defaultEditorToolsVisibility: 'headers',
};

interface Page {
  html: string;
  contentSecurityPolicy: string;
}

// The same for every app in the process, and costly to make (9 MB to load, render and hash): made
// once, when a browser first asks for it. Not at start-up, where it was a third of the CPU of a
// start on PostgreSQL (~0.2 s of ~0.7 s).
let page: Promise<Page> | undefined;
let rendered: Page | undefined;

async function renderPage(): Promise<Page> {
  // Imported only when GraphiQL is asked for: the package is 9 MB of JavaScript.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const html = renderGraphiQL(options);
  rendered = { html, contentSecurityPolicy: policyFor(html) };
  return rendered;
}

export function createGraphiQL(): GraphiQL {
  // Where yoga answers with the page: its GraphQL endpoint, with or without a trailing slash.
  let paths = new Set<string>();

  return {
    render: async () => (await (page ??= renderPage())).html,
    plugin: {
      onYogaInit({ yoga }) {
        paths = new Set([yoga.graphqlEndpoint, `${yoga.graphqlEndpoint}/`]);
      },
      onResponse({ request, response }) {
        if (request.method !== 'GET' || !response.headers.get('content-type')?.startsWith('text/html')) return;
        if (!paths.has(new URL(request.url).pathname)) return;
        // Yoga awaited render() for this response, so the page's policy is known; should rendering
        // have failed, nothing at all may run.
        response.headers.set('content-security-policy', rendered?.contentSecurityPolicy ?? "default-src 'none'");
        response.headers.set('x-content-type-options', 'nosniff');
        response.headers.set('referrer-policy', 'no-referrer');
      },
    },
  };
}

/**
 * The page's one inline script (GraphiQL, with the options in it) is allowed by its hash, so no
 * other inline script runs, injected or not. Styles can't be pinned that way: GraphiQL's editor
 * (Monaco) and its components add <style> elements and style attributes as they render.
 */
function policyFor(html: string): string {
  const scriptStart = html.indexOf('<script>') + '<script>'.length;
  const scriptEnd = html.lastIndexOf('</script>');
  if (scriptStart < '<script>'.length || scriptEnd < scriptStart) throw new Error('GraphiQL page without its inline script');
  const scriptHash = createHash('sha256').update(html.slice(scriptStart, scriptEnd)).digest('base64');
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    // The editor's language workers are made from blobs of the page's own script.
    'worker-src blob:',
    "style-src 'unsafe-inline'",
    // Icons and fonts are data: URLs in the inlined styles.
    'img-src data:',
    'font-src data:',
    // Queries, mutations, introspection and subscriptions (server-sent events) all go to this server.
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
