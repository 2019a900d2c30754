import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheKey, readCodeCache, writeCodeCache, type CodeCache } from './code-cache.js';

/** What scripts/bundle-cli.js exports from the bundle. */
export interface CliBundle {
  main(argv: string[]): Promise<number>;
  generatorFingerprint(): string;
  PRECOMPILED_TEMPLATES: string;
  BUILT_FROM: string;
}

/**
 * Node's own wrapper of a CommonJS module. Node 20 compiles ES modules and
 * required files without a code cache; a script compiled here takes one.
 */
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';

/**
 * The CLI from its bundle (a CommonJS file), compiled with the code cache
 * beside it; undefined when there is no bundle, or when the modules changed
 * after it was made (its BUILT_FROM is not their fingerprint).
 *
 * The cache lives beside the bundle because it belongs to that installation:
 * it goes when the installation goes, two installations never share or fight
 * over one, and nothing is written where the user keeps specs or output. A
 * run without a usable cache writes one as it exits, with the code of the
 * functions it ran, so the next run compiles almost nothing.
 */
export function loadCliBundle(file: string): CliBundle | undefined {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const cacheFile = `${file}.v8-cache`;
  const key = codeCacheKey(source);
  const cache = readCodeCache(cacheFile, key);
  const script = new Script(HEAD + source + TAIL, { filename: file, ...(cache ? { cachedData: cache.data } : {}) });
  const require = createRequire(file);
  const module = { exports: {} as CliBundle };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  const bundle = module.exports;
  if (bundle.BUILT_FROM !== bundle.generatorFingerprint()) return undefined;
  const usable = cache !== undefined && script.cachedDataRejected !== true;
  if (!usable || !cache.full) process.once('exit', () => refresh(script, cacheFile, key, usable ? cache : undefined, require.cache[bundle.PRECOMPILED_TEMPLATES] !== undefined));
  return bundle;
}

/**
 * Writes the cache this run leaves: always when it had none, and in place of
 * one made by a run that generated nothing (`--help`, an unchanged package)
 * once a run generated, so the pipeline's code is in it too. `full` is known
 * by the templates having been loaded, which only emitting a package does.
 */
function refresh(script: Script, cacheFile: string, key: string, had: CodeCache | undefined, full: boolean): void {
  if (had && !full) return;
  try {
    writeCodeCache(cacheFile, key, { data: script.createCachedData(), full });
  } catch {
    // A cache is only ever a saving; the run's result and exit code stand.
  }
}
