import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { treeHash } from '../support/tree-hash.js';
import { BROKEN } from './broken-cases.js';

/** A package generated earlier from a good spec, which a broken one must leave exactly as it is. */
const GOOD = 'openapi: 3.1.0\ninfo: {title: Good, version: "1"}\npaths:\n  /items:\n    get:\n      operationId: listItems\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}\n';

describe('broken specs', () => {
  // Cases run concurrently, so they share one folder made here rather than per-test temporary trees.
  let base = '';
  let good = '';
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'sdkgen-broken-'));
    good = join(base, 'good');
    mkdirSync(good);
    writeFileSync(join(good, 'good.yaml'), GOOD);
    const first = await runCli(['generate', '--spec', join(good, 'good.yaml'), '--out', join(good, 'out'), '--name', 'good']);
    expect(first.code, first.stderr).toBe(0);
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('the suite is as large as promised', () => {
    expect(BROKEN.length).toBeGreaterThanOrEqual(40);
  });

  it.concurrent.for(BROKEN.map((c) => [c.name, c] as const))('%s: exit 2, positioned message, output untouched', async ([, c], { expect }) => {
    const dir = join(base, String(BROKEN.indexOf(c)));
    cpSync(good, dir, { recursive: true });
    const before = treeHash(join(dir, 'out'));
    mkdirSync(join(dir, 'case'));
    for (const [name, content] of Object.entries(c.files)) writeFileSync(join(dir, 'case', name), content);
    const entry = c.entry ?? 'api.yaml';

    const result = await runCli(['generate', '--spec', join(dir, 'case', entry), '--out', join(dir, 'out'), '--name', 'good', ...(c.flags ?? [])]);

    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^\S+:\d+:\d+: error: \S.*$/);
    expect(treeHash(join(dir, 'out'))).toEqual(before);
    expect(lines.map((l) => l.replaceAll(dir, '<dir>')).join('\n')).toMatchSnapshot();
  });
});
