import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeCheck } from '../support/compile.js';
import { PACKAGES, ROOT } from '../support/packages.js';

describe('generated packages compile as their users compile them', () => {
  it.each(PACKAGES.map((p) => [p.name!, p.out] as const))('%s type-checks under strict, NodeNext, no Node types', (_name, out) => {
    expect(typeCheck(join(out, 'tsconfig.json'))).toEqual([]);
  });

  it('examples/ type-checks against the packages by name', () => {
    expect(typeCheck(join(ROOT, 'examples/tsconfig.json'))).toEqual([]);
  });
});
