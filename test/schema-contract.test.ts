import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { printSchemaSdl } from '../src/schema/schema.js';
import { repoRoot } from './support/server-process.js';

const run = promisify(execFile);

// The contract and its checker live beside the repository, not in it: a clone on its own has
// neither, so this test is skipped there. CI (.ci/run) runs the same check directly and fails
// when the checker is missing.
const contractChecker = join(repoRoot, '..', 'shared', 'tools', 'check-contract.mjs');
const contractCheckerHere = existsSync(contractChecker);
if (!contractCheckerHere) {
  console.warn(`Skipping the API contract check: no ${contractChecker} next to this clone (CI runs it in .ci/run).`);
}

describe('schema.graphql', () => {
  it('is what the Pothos schema prints (run `npm run schema` after changing the schema)', async () => {
    const checkedIn = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn, 'schema.graphql is stale: run `npm run schema`').toBe(printSchemaSdl());
  });

  it.skipIf(!contractCheckerHere)('keeps every promise of the public API contract (CI checks it in .ci/run)', async () => {
    // The same check as CI's; it exits 1 and lists each break otherwise.
    const result = await run('node', [contractChecker, 'schema.graphql'], { cwd: repoRoot }).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('contract: ok');
  });
});
