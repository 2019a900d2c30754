import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';
import { treeHash } from '../support/tree-hash.js';

const CORPUS_OPENAI = join(ROOT, 'corpus/openai.yaml');
const SMALL = 'openapi: 3.1.0\ninfo: {title: TITLE, version: "1"}\npaths:\n  /items:\n    get:\n      operationId: listItems\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}\n';

const CACHE = '.sdkgen-cache';

/** The package's files without the emit record, whose stamps differ from run to run. */
function withoutCache(tree: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).filter(([p]) => !p.startsWith(`${CACHE}/`)));
}

describe('safe writes', () => {
  it('a run killed at any moment leaves the previous output or the new one whole', async () => {
    const dir = tempTree({});
    const spec = join(dir, 'api.yaml');
    const out = join(dir, 'out');
    const source = readFileSync(CORPUS_OPENAI, 'utf8');
    writeFileSync(spec, source);
    expect((await runCli(['generate', '--spec', spec, '--out', out, '--name', 'api'])).code).toBe(0);
    writeFileSync(join(out, 'NOTES.md'), 'kept by hand');
    const before = withoutCache(treeHash(out));
    writeFileSync(spec, source.replace(/title: .*/, 'title: Changed API'));
    const killed: Record<string, string>[] = [];
    let finished = 0;
    for (const delay of [20, 150, 300, 450, 600, 750, 900, 1100]) {
      const child = spawn(process.execPath, [join(ROOT, 'generator/bin/sdkgen.js'), 'generate', '--spec', spec, '--out', out, '--name', 'api'], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill(delay % 300 === 0 ? 'SIGINT' : 'SIGKILL'), delay);
      const code = await new Promise<number | null>((r) => child.on('close', r));
      clearTimeout(timer);
      if (code === 0) {
        finished++;
        break;
      }
      killed.push(existsSync(out) ? treeHash(out) : {});
    }
    // Whatever happened, the next run completes and keeps the hand-made file.
    expect((await runCli(['generate', '--spec', spec, '--out', out, '--name', 'api'])).code).toBe(0);
    expect(readFileSync(join(out, 'NOTES.md'), 'utf8')).toBe('kept by hand');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('Changed API');
    const after = withoutCache(treeHash(out));
    expect(after).not.toEqual(before);
    // The cache beside the package holds its record and nothing half-written.
    for (const tree of killed) {
      const cache = Object.keys(tree).filter((p) => p.startsWith(`${CACHE}/`));
      expect(cache.every((p) => p === `${CACHE}/.gitignore` || p === `${CACHE}/emit.json`), cache.join(', ')).toBe(true);
    }
    const torn = killed.map(withoutCache).filter((tree) => JSON.stringify(tree) !== JSON.stringify(before) && JSON.stringify(tree) !== JSON.stringify(after));
    expect(torn).toEqual([]);
    expect(finished).toBeLessThanOrEqual(1);
  });

  it('keeps files it did not write and refuses to overwrite hand edits without --force', async () => {
    const dir = tempTree({ 'api.yaml': SMALL.replace('TITLE', 'One') });
    const spec = join(dir, 'api.yaml');
    const out = join(dir, 'out');
    expect((await runCli(['generate', '--spec', spec, '--out', out, '--name', 'api'])).code).toBe(0);
    writeFileSync(join(out, 'dist.js'), 'built');
    writeFileSync(join(out, 'src/models.ts'), `${readFileSync(join(out, 'src/models.ts'), 'utf8')}// edited\n`);
    writeFileSync(spec, SMALL.replace('TITLE', 'Two'));
    const before = treeHash(out);
    const refused = await runCli(['generate', '--spec', spec, '--out', out, '--name', 'api']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/edited by hand:\n.*src\/models\.ts/);
    expect(treeHash(out)).toEqual(before);
    const forced = await runCli(['generate', '--spec', spec, '--out', out, '--name', 'api', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, 'src/models.ts'), 'utf8')).not.toContain('// edited');
    expect(readFileSync(join(out, 'dist.js'), 'utf8')).toBe('built');
  });

  it('regenerating an unchanged spec writes nothing', async () => {
    const dir = tempTree({ 'api.yaml': SMALL.replace('TITLE', 'Same') });
    const args = ['generate', '--spec', join(dir, 'api.yaml'), '--out', join(dir, 'out'), '--name', 'api'];
    expect((await runCli(args)).code).toBe(0);
    const before = treeHash(join(dir, 'out'));
    const again = await runCli(args);
    expect(again.stdout).toMatch(/up to date/);
    expect(treeHash(join(dir, 'out'))).toEqual(before);
  });

  it('a docs-only change rewrites only the files whose text changed; the others keep their inode and time', async () => {
    const dir = tempTree({ 'api.yaml': SMALL.replace('TITLE', 'Docs') });
    const spec = join(dir, 'api.yaml');
    const out = join(dir, 'out');
    const args = ['generate', '--spec', spec, '--out', out, '--name', 'api'];
    expect((await runCli(args)).code).toBe(0);
    const files = (d: string, rel = ''): string[] => readdirSync(join(d, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(d, `${rel}${e.name}/`) : [`${rel}${e.name}`]));
    const stats = () => Object.fromEntries(files(out).map((p) => [p, { ino: statSync(join(out, p)).ino, mtime: statSync(join(out, p)).mtimeMs, text: readFileSync(join(out, p), 'utf8') }]));
    const before = stats();
    writeFileSync(spec, SMALL.replace('TITLE', 'Docs').replace('operationId: listItems\n', 'operationId: listItems\n      description: Every item.\n'));
    const run = await runCli(args);
    expect(run.stdout).toMatch(/patch: 1 docs/);
    const after = stats();
    const rewritten = Object.keys(after).filter((p) => after[p]!.ino !== before[p]?.ino || after[p]!.mtime !== before[p]?.mtime).sort();
    const changed = Object.keys(after).filter((p) => after[p]!.text !== before[p]?.text).sort();
    expect(changed).toEqual(expect.arrayContaining(['src/resources/items.ts', 'CHANGELOG.md', 'package.json']));
    expect(rewritten).toEqual(changed);
    expect(rewritten.length).toBeLessThan(Object.keys(after).length / 2);
  });

  it('--watch survives a broken save and recovers on the next good one', async () => {
    const dir = tempTree({ 'api.yaml': SMALL.replace('TITLE', 'Watched') });
    const spec = join(dir, 'api.yaml');
    const out = join(dir, 'out');
    const cli = startCli(['generate', '--watch', '--spec', spec, '--out', out, '--name', 'api']);
    try {
      await cli.until(() => cli.stdout().includes('watching'));
      const good = treeHash(out);
      writeFileSync(spec, `${SMALL.replace('TITLE', 'Watched')}  /broken: b: c\n`);
      await cli.until(() => /api\.yaml:\d+:\d+: error/.test(cli.stderr()));
      expect(treeHash(out)).toEqual(good);
      writeFileSync(spec, SMALL.replace('TITLE', 'Fixed'));
      await cli.until(() => existsSync(join(out, 'README.md')) && readFileSync(join(out, 'README.md'), 'utf8').includes('Fixed'));
      expect(cli.exitCode()).toBe(null);
    } finally {
      cli.stop();
    }
  });
});
