import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './packages.js';
import { tempTree } from './tmp.js';

/**
 * A copy of the built generator beside the templates and runtime it reads,
 * its dependencies (all, or these) linked. The copy starts without the code
 * cache that runs of the checkout leave in its dist/.
 */
export function builtGenerator(dependencies?: string[]): string {
  const dir = tempTree({});
  for (const part of ['generator/package.json', 'generator/bin', 'generator/dist', 'templates', 'runtime/src']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  rmSync(join(dir, 'generator/dist/sdkgen.bundle.cjs.v8-cache'), { force: true });
  if (!dependencies) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  else {
    mkdirSync(join(dir, 'node_modules'));
    for (const dep of dependencies) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
  }
  return dir;
}
