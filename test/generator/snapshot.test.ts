import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage, generate } from '../../generator/src/generate.js';
import { PACKAGES, ROOT } from '../support/packages.js';

/**
 * The packages in generated/ are the reviewed output of the three specs:
 * committed, diffed in review, and compared here through the generator's
 * own check mode, so they are kept once. Feature fixtures, which have no
 * package of their own, keep file snapshots (features.test.ts).
 */
describe.each(PACKAGES.map((p) => [p.name!, p] as const))('generated package %s', (_name, options) => {
  const { files } = buildPackage(options);

  it('is what is committed in generated/ (run `npm run generate` after a change)', () => {
    const result = generate({ ...options, check: true });
    expect(result.stale).toEqual([]);
    expect(result.status).toBe('fresh');
  });

  it('vendors the runtime byte for byte', () => {
    const core = [...files.keys()].filter((p) => p.startsWith('src/core/'));
    expect(core.length).toBeGreaterThan(0);
    for (const path of core) {
      expect(files.get(path), path).toBe(readFileSync(join(ROOT, 'runtime/src', path.slice('src/core/'.length)), 'utf8'));
    }
  });

  it('is deterministic: the same spec gives the same bytes', () => {
    const again = buildPackage(options).files;
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, text] of files) expect(again.get(path), path).toBe(text);
  });
});
