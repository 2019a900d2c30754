import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { PACKAGES, ROOT } from '../support/packages.js';

describe.each(PACKAGES.map((p) => [p.name!, p] as const))('generated package %s', (name, options) => {
  const { files } = buildPackage(options);

  it.each([...files.keys()].filter((p) => !p.startsWith('src/core/')))('%s matches its reviewed snapshot', async (path) => {
    await expect(files.get(path)).toMatchFileSnapshot(join('__snapshots__', name, `${path}.snap`));
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

  it('is what is committed in generated/ (run `npm run generate` after a spec change)', () => {
    for (const [path, text] of files) {
      let onDisk: string | undefined;
      try {
        onDisk = readFileSync(join(options.out, path), 'utf8');
      } catch {
        onDisk = undefined;
      }
      expect(onDisk, `${options.out}/${path} is stale`).toBe(text);
    }
  });
});
