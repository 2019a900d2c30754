import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';

const SRC = join(ROOT, 'generator/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every relative import and re-export of a module, type-only ones included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
}

/** Each import circle once, as the modules on it. */
function circles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const found = new Map<string, string[]>();
  const visit = (at: string, path: string[]) => {
    const start = path.indexOf(at);
    if (start >= 0) {
      const circle = path.slice(start).map((f) => relative(SRC, f));
      found.set([...circle].sort().join(' '), circle);
      return;
    }
    for (const next of graph.get(at) ?? []) visit(next, [...path, at]);
  };
  for (const f of files) visit(f, []);
  return [...found.values()];
}

describe('the generator modules', () => {
  it('import one another without circles', () => {
    expect(circles(sources(SRC))).toEqual([]);
  });
});
