import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';
import { treeHash } from '../support/tree-hash.js';

/**
 * The generator as npm would install it: packed, unpacked into node_modules,
 * its dependencies beside it. Packed from a copy of the checkout's layout,
 * because packing adds and removes files in the package folder while other
 * tests read the real one.
 */
function installPackedGenerator(): { dir: string; source: string } {
  const dir = tempTree({});
  const source = join(dir, 'source');
  for (const part of ['generator/package.json', 'generator/bin', 'generator/dist', 'generator/scripts', 'templates', 'runtime/src']) {
    cpSync(join(ROOT, part), join(source, part), { recursive: true });
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tarball = execFileSync(npm, ['pack', '--silent', '--pack-destination', dir], { cwd: join(source, 'generator'), encoding: 'utf8' }).trim().split('\n').pop()!;
  const pkg = join(dir, 'node_modules/sdkgen');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', pkg, '--strip-components=1']);
  for (const dep of ['yaml', 'handlebars', 'code-block-writer', 'ts-morph']) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
  return { dir, source };
}

describe('the packed generator', () => {
  it('carries its templates and runtime, and generates what the checkout generates', () => {
    const { dir, source } = installPackedGenerator();
    expect(readdirSync(join(dir, 'node_modules/sdkgen/templates')).sort()).toEqual(readdirSync(join(ROOT, 'templates')).sort());
    expect(readdirSync(join(dir, 'node_modules/sdkgen/runtime/src')).sort()).toEqual(readdirSync(join(ROOT, 'runtime/src')).sort());
    // Packing leaves no copies behind in the package folder, where they would shadow the originals.
    expect(existsSync(join(source, 'generator/templates'))).toBe(false);
    expect(existsSync(join(source, 'generator/runtime'))).toBe(false);
    // The committed package carries its release history (version, changelog), so the installed
    // generator regenerates a copy of it, as a user's build would, and must change nothing.
    const out = join(dir, 'out');
    const strip = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([path]) => path !== '.sdkgen-manifest.json' && !path.startsWith('dist/')));
    const committed = strip(treeHash(join(ROOT, 'generated/syncano')));
    cpSync(join(ROOT, 'generated/syncano'), out, { recursive: true, filter: (path) => !path.includes('/dist') && !path.includes('node_modules') });
    const run = execFileSync(process.execPath, [join(dir, 'node_modules/sdkgen/bin/sdkgen.js'), 'generate', '--spec', join(ROOT, 'specs/syncano.yaml'), '--out', out, '--name', 'syncano', '--package', '@sdkgen/syncano', '--check'], { cwd: dir, encoding: 'utf8' });
    expect(run).toMatch(/^out: up to date/);
    expect(strip(treeHash(out))).toEqual(committed);
  });
});
