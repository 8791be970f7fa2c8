import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl } from '../src/schema/schema.js';
import { repoRoot } from './support/server-process.js';

const run = promisify(execFile);

describe('schema.graphql', () => {
  it('is what the Pothos schema prints (run `npm run schema` after changing the schema)', async () => {
    const checkedIn = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn, 'schema.graphql is stale: run `npm run schema`').toBe(printSchemaSdl());
  });

  it('keeps every promise of the public API contract', async () => {
    // The same check as CI's; it exits 1 and lists each break otherwise.
    const result = await run('node', ['../shared/tools/check-contract.mjs', 'schema.graphql'], { cwd: repoRoot }).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('contract: ok');
  });
});
