import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { countAnyTypes, typeCheck } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const CORPUS = join(ROOT, '../shared/corpus');

const SPECS = [
  ['simple-example', 'simple-example.yaml'],
  ['clerk-backend', 'clerk-backend.yml'],
  ['digital-ocean', 'digital-ocean/DigitalOcean-public.v2.yaml'],
  ['openai', 'openai.yaml'],
] as const;

/** Real specs people have: each must give a package that type-checks under strict, with no `any`. */
describe.skipIf(!existsSync(CORPUS))('real-world corpus', () => {
  it.each(SPECS)('%s generates a package that type-checks under strict', (name, file) => {
    const { files, warnings } = buildPackage({ spec: join(CORPUS, file), out: 'unused', name: name.replace(/-/g, ''), packageName: `${name}-sdk` });
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
