// `npm run schema`: write schema.graphql from the Pothos schema (a test fails when it is stale).
import { writeFile } from 'node:fs/promises';
import { printSchemaSdl } from './schema.js';

await writeFile(new URL('../../schema.graphql', import.meta.url), printSchemaSdl());
console.log('schema.graphql written');
