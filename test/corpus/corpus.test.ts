import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { countAnyTypes, typeCheck } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const CORPUS = join(ROOT, 'corpus');

/** Name, file, and how many operations and models a faithful reading must find (a guard against passing vacuously). */
const SPECS = [
  ['simple-example', 'simple-example.yaml', 6, 5],
  ['open-meteo', 'open-meteo.yml', 1, 3],
  ['clerk-backend', 'clerk-backend.yml', 230, 300],
  ['digital-ocean', 'digital-ocean/DigitalOcean-public.v2.yaml', 400, 700],
  ['openai', 'openai.yaml', 150, 600],
  ['feature-tour', 'feature-tour.yaml', 6, 8],
] as const;

/** Real specs people have: each must give a package that type-checks under strict, with no `any`. */
describe('real-world corpus', () => {
  it.each(SPECS)('%s generates a package that type-checks under strict', (name, file, minOperations, minModels) => {
    const { files, warnings, ir } = buildPackage({ spec: join(CORPUS, file), out: 'unused', name: name.replace(/-/g, ''), packageName: `${name}-sdk` });
    expect(ir.resources.flatMap((r) => r.operations).length).toBeGreaterThanOrEqual(minOperations);
    expect(ir.models.length).toBeGreaterThanOrEqual(minModels);
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[path] = text;
    const dir = tempTree(tree);
    expect(typeCheck(join(dir, 'tsconfig.json')).slice(0, 20)).toEqual([]);
    for (const [path, text] of files) {
      if (path.endsWith('.ts')) expect(countAnyTypes(text), path).toBe(0);
    }
    for (const w of warnings) expect(w.location, w.message).toBeDefined();
  });
});
