import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';
import { builtGenerator } from '../support/built-generator.js';
import { treeHash } from '../support/tree-hash.js';

const sdkgen = (dir: string, args: string[]) => execFileSync(process.execPath, [join(dir, 'generator/bin/sdkgen.js'), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Marks the usage text of one build of the CLI, to tell from the help which one ran. */
function mark(file: string, label: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('Usage: sdkgen generate');
  writeFileSync(file, text.replace('Usage: sdkgen generate', `Usage (${label}): sdkgen generate`));
}

describe('the CLI bundle', () => {
  it('runs while the modules it was made from are unchanged', () => {
    const dir = builtGenerator();
    mark(join(dir, 'generator/dist/sdkgen.bundle.cjs'), 'bundle');
    expect(sdkgen(dir, ['--help'])).toMatch(/^Usage \(bundle\): sdkgen generate/);
  });

  it('is left aside once a module changed after it was made: the modules run', () => {
    const dir = builtGenerator();
    mark(join(dir, 'generator/dist/sdkgen.bundle.cjs'), 'bundle');
    mark(join(dir, 'generator/dist/cli.js'), 'modules');
    expect(sdkgen(dir, ['--help'])).toMatch(/^Usage \(modules\): sdkgen generate/);
  });

  it('is left aside when a module deep in the pipeline changed', () => {
    const dir = builtGenerator();
    mark(join(dir, 'generator/dist/sdkgen.bundle.cjs'), 'bundle');
    const deep = join(dir, 'generator/dist/load/fast-yaml.js');
    writeFileSync(deep, `${readFileSync(deep, 'utf8')}// changed after the bundle was made\n`);
    expect(sdkgen(dir, ['--help'])).toMatch(/^Usage: sdkgen generate/);
  });

  it('carries the Handlebars runtime: with the templates precompiled, a run needs no handlebars package', () => {
    const dependencies = Object.keys(JSON.parse(readFileSync(join(ROOT, 'generator/package.json'), 'utf8')).dependencies);
    expect(dependencies).toContain('handlebars');
    const dir = builtGenerator(dependencies.filter((d) => d !== 'handlebars'));
    const out = sdkgen(dir, ['generate', '--spec', join(ROOT, 'specs/syncano.yaml'), '--out', join(dir, 'out'), '--name', 'syncano', '--package', '@sdkgen/syncano']);
    expect(out).toMatch(/wrote \d+ file/);
    expect(readFileSync(join(dir, 'out/README.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'generated/syncano/README.md'), 'utf8'));
  });

  it('generates the same package as the modules, which run when there is no bundle', () => {
    const dir = builtGenerator();
    const args = (out: string) => ['generate', '--spec', join(ROOT, 'specs/clerk.yaml'), '--out', join(dir, out), '--name', 'clerk'];
    // The manifest and the emit cache record the fingerprint of the code that ran, which the marked module changes.
    const files = (out: string) => Object.fromEntries(Object.entries(treeHash(join(dir, out))).filter(([path]) => path !== '.sdkgen-manifest.json' && !path.startsWith('.sdkgen-cache/')));
    sdkgen(dir, args('bundled'));
    rmSync(join(dir, 'generator/dist/sdkgen.bundle.cjs'));
    mark(join(dir, 'generator/dist/cli.js'), 'modules');
    expect(sdkgen(dir, ['--help'])).toMatch(/^Usage \(modules\)/);
    sdkgen(dir, args('modules'));
    expect(files('modules')).toEqual(files('bundled'));
  });
});
