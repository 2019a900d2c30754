import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempTree } from '../support/tmp.js';
import { treeHash } from '../support/tree-hash.js';
import { BROKEN } from './broken-cases.js';

/** A package generated earlier from a good spec, which a broken one must leave exactly as it is. */
const GOOD = 'openapi: 3.1.0\ninfo: {title: Good, version: "1"}\npaths:\n  /items:\n    get:\n      operationId: listItems\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}\n';

describe('broken specs', () => {
  it('the suite is as large as promised', () => {
    expect(BROKEN.length).toBeGreaterThanOrEqual(40);
  });

  it.each(BROKEN.map((c) => [c.name, c] as const))('%s: exit 2, positioned message, output untouched', async (_name, c) => {
    const dir = tempTree({ 'good.yaml': GOOD });
    const first = await runCli(['generate', '--spec', join(dir, 'good.yaml'), '--out', join(dir, 'out'), '--name', 'good']);
    expect(first.code, first.stderr).toBe(0);
    const before = treeHash(join(dir, 'out'));
    const caseDir = tempTree(c.files as Record<string, string>);
    const entry = c.entry ?? 'api.yaml';
    cpSync(caseDir, join(dir, 'case'), { recursive: true });

    const result = await runCli(['generate', '--spec', join(dir, 'case', entry), '--out', join(dir, 'out'), '--name', 'good', ...(c.flags ?? [])]);

    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^\S+:\d+:\d+: error: \S.*$/);
    expect(treeHash(join(dir, 'out'))).toEqual(before);
    expect(lines.map((l) => l.replaceAll(dir, '<dir>')).join('\n')).toMatchSnapshot();
  });
});
