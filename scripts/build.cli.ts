// `npm run build`: the compiled server in dist/ (scripts/build.ts says what goes there and why).
import { fileURLToPath } from 'node:url';
import { buildServer } from './build.js';

const startedAt = performance.now();
await buildServer(fileURLToPath(new URL('../dist', import.meta.url)));
console.log(`dist/: built in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
