/** The dashboard's HTML shell: the bundle renders everything else. */
export function dashboardPage(version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Negative inventory</title>
<link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/app.css?v=${version}">
<script type="module" src="/dashboard/app.js?v=${version}"></script>
</head>
<body>
<div id="app"><p class="loading">Loading the dashboard…</p></div>
<noscript><p>The negative inventory dashboard needs JavaScript.</p></noscript>
</body>
</html>
`;
}

/** A minus sign in a box: the tab's icon (and no 404 for /favicon.ico in the console). */
export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b42318"/><rect x="8" y="14" width="16" height="4" rx="1" fill="#fff"/></svg>`;
