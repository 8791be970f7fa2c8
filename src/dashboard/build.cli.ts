// `npm run build:dashboard`: writes the dashboard bundle the server serves from memory to
// dist/dashboard/, to inspect it (size, source map) or to serve it from somewhere else.
import { mkdir, writeFile } from 'node:fs/promises';
import { bundleDashboard } from './bundle.js';
import { dashboardPage } from './page.js';

const bundle = await bundleDashboard();
const directory = new URL('../../dist/dashboard/', import.meta.url);
await mkdir(directory, { recursive: true });
await writeFile(new URL('index.html', directory), dashboardPage(bundle.version));
await writeFile(new URL('app.js', directory), bundle.js);
await writeFile(new URL('app.js.map', directory), bundle.jsMap);
await writeFile(new URL('app.css', directory), bundle.css);
console.log(`dist/dashboard/: app.js ${Math.round(bundle.js.length / 1024)} KiB, app.css ${Math.round(bundle.css.length / 1024)} KiB`);
