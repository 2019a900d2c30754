import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { readEmitRecord } from '../../generator/src/write/emit-record.js';
import { readManifest } from '../../generator/src/write/manifest.js';
import { recoverInterrupted } from '../../generator/src/write/swap.js';
import { writePackage } from '../../generator/src/write/writer.js';
import { tempTree } from '../support/tmp.js';
import { treeHash } from '../support/tree-hash.js';

/**
 * Every call that changes the disk counts against a budget; once it is spent,
 * that call and every later one throws, as if the process had died there (so
 * not even a `finally` can tidy up).
 */
const crash = vi.hoisted(() => ({ budget: Infinity, used: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  const mutating = ['writeFileSync', 'mkdirSync', 'mkdtempSync', 'renameSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'linkSync', 'symlinkSync', 'copyFileSync', 'cpSync'];
  const wrapped: Record<string, unknown> = { ...real };
  for (const name of mutating) {
    const fn = real[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      if (crash.used++ >= crash.budget) throw new Error('killed');
      return fn(...args);
    };
  }
  return { ...wrapped, default: wrapped };
});

const spec = (title: string, tags: string[], note: string) =>
  [
    'openapi: 3.1.0',
    `info: {title: ${title}, version: "1"}`,
    'paths:',
    ...tags.flatMap((tag) => [
      `  /${tag}:`,
      '    get:',
      `      operationId: list_${tag}`,
      `      tags: [${tag}]`,
      `      description: ${note}`,
      '      responses:',
      '        "200":',
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema: {$ref: "#/components/schemas/Item"}',
    ]),
    'components:',
    '  schemas:',
    '    Item:',
    `      description: ${note}`,
    '      type: object',
    '      properties: {id: {type: string}}',
  ].join('\n');

const withoutCache = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([p]) => !p.startsWith('.sdkgen-cache/')));

/** The files, manifest and emit record of a real generation of `text`, to hand to the writer again. */
function generation(text: string) {
  const dir = tempTree({ 'api.yaml': text });
  const out = join(dir, 'out');
  generate({ spec: join(dir, 'api.yaml'), out, name: 'api' });
  const { files: hashes, ...manifest } = readManifest(out)!;
  const files = new Map(Object.keys(hashes).map((path) => [path, readFileSync(join(out, path), 'utf8')]));
  const record = Object.fromEntries(Object.entries(readEmitRecord(out)!).map(([path, { stamp: _, ...entry }]) => [path, entry]));
  return { out, files, manifest, record };
}

describe('safe writes, at every point', () => {
  it('a write that dies after any one of its disk changes leaves the previous output or the new one whole, and the next write finishes it', () => {
    const old = generation(spec('One', ['items', 'pets'], 'First.'));
    writeFileSync(join(old.out, 'NOTES.md'), 'kept by hand');
    const before = withoutCache(treeHash(old.out));
    // The new package changes several files, adds none and removes a resource.
    const next = generation(spec('Two', ['items'], 'Second.'));
    const write = (out: string) => writePackage(out, next.files, next.manifest, { record: next.record, force: true });

    const states: Record<string, string>[] = [];
    let after: Record<string, string> | undefined;
    for (let budget = 0; after === undefined; budget++) {
      const out = join(tempTree({}), 'out');
      cpSync(old.out, out, { recursive: true });
      Object.assign(crash, { budget, used: 0 });
      try {
        write(out);
        crash.budget = Infinity;
        after = withoutCache(treeHash(out));
      } catch (error) {
        crash.budget = Infinity;
        expect((error as Error).message).toBe('killed');
        // What a user or the next run finds: the next run first repairs a swap cut in two.
        recoverInterrupted(out);
        const cache = Object.keys(treeHash(out)).filter((p) => p.startsWith('.sdkgen-cache/'));
        expect(cache.filter((p) => p !== '.sdkgen-cache/.gitignore' && p !== '.sdkgen-cache/emit.json')).toEqual([]);
        states.push(withoutCache(treeHash(out)));
        write(out);
        expect(readdirSync(dirname(out))).toEqual(['out']);
        states.push(withoutCache(treeHash(out)));
      }
    }
    expect(states.length / 2).toBeGreaterThan(10);
    expect(after['src/resources/pets.ts']).toBeUndefined();
    expect(after['NOTES.md']).toBe(before['NOTES.md']);
    expect(after).not.toEqual(before);
    const seen = states.map((tree) => (JSON.stringify(tree) === JSON.stringify(before) ? 'before' : JSON.stringify(tree) === JSON.stringify(after) ? 'after' : 'torn'));
    expect(seen.filter((s) => s === 'torn')).toEqual([]);
    // Deaths landed both before the swap and after it, so both sides were tried.
    expect(seen.filter((_, i) => i % 2 === 0)).toEqual(expect.arrayContaining(['before', 'after']));
    expect(seen.filter((_, i) => i % 2 === 1).every((s) => s === 'after')).toBe(true);
  });
});
