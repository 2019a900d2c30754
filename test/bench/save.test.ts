import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';

const RESULTS = ['bench/results/latest.md', 'bench/results/latest.json'].map((p) => join(ROOT, p));

describe('npm run bench', () => {
  it('prints its results and leaves the committed ones alone unless asked to --save', () => {
    const before = RESULTS.map((p) => ({ text: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs }));
    // The smallest run there is: one spec, one tool, one run. Its figures are not looked at.
    const run = spawnSync(process.execPath, [join(ROOT, 'bench/run.js'), '--runs', '1', '--spec', 'simple-example', '--tool', 'sdkgen'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('| simple-example | sdkgen |');
    expect(run.stdout).toContain('Not saved; run with --save');
    expect(RESULTS.map((p) => ({ text: readFileSync(p, 'utf8'), mtime: statSync(p).mtimeMs }))).toEqual(before);
  });
});
