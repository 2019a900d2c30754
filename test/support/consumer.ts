import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from './packages.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm as a user runs it: without the settings of an `npm test` that may have started us. */
function npm(args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return execFileSync(NPM, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Packed {
  tarball: string;
  /** Paths inside the package, as `npm pack` lists them. */
  files: string[];
}

/**
 * `npm pack` of a generated package, as its maintainer would run it. Packed
 * from a copy without `dist/` (and with a stray file in it) so the tarball
 * shows what `prepack` builds, and so packing never touches the package
 * folder other tests read. The copy sees the workspace's node_modules, where
 * its devDependency `typescript` is installed.
 */
export function packGenerated(packageDir: string, work: string): Packed {
  const copy = join(work, 'packages', basename(packageDir));
  cpSync(packageDir, copy, { recursive: true, filter: (src) => !/[\\/](dist|node_modules)$|\.tsbuildinfo$/.test(src) });
  mkdirSync(join(copy, 'dist'));
  writeFileSync(join(copy, 'dist/left-over.js'), 'export {};\n');
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'packages/node_modules'), 'dir');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const report = JSON.parse(npm(['pack', '--json', '--pack-destination', work], copy)) as { filename: string; files: { path: string }[] }[];
  const [only] = report;
  if (!only) throw new Error(`npm pack in ${copy} reported nothing`);
  return { tarball: join(work, only.filename), files: only.files.map((f) => f.path).sort() };
}

/** A project outside the workspace that installs the tarballs, offline, as a user's app would. */
export function installTarballs(dir: string, tarballs: string[]): void {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  npm(['install', '--offline', '--no-audit', '--no-fund', ...tarballs], dir);
}
