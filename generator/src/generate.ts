import { basename, extname, relative, resolve } from 'node:path';
import { loadAssets } from './assets.js';
import { cachedResult, inputHash } from './cache.js';
import { SpecError, type Diagnostic } from './diagnostics.js';
import { emitPackage } from './emit/package.js';
import { buildIR } from './ir/build.js';
import type { IR } from './ir/types.js';
import { loadSpec } from './load/loader.js';
import { defaultPackageName } from './package-names.js';
import type { GenerateOptions, GenerateResult } from './options.js';
import { storedWarnings } from './write/manifest.js';
import { staleFiles, writePackage } from './write/writer.js';

export { GENERATOR_VERSION } from './cache.js';
export type { GenerateOptions, GenerateResult } from './options.js';
/** The TypeScript version generated packages build with. */
export const TYPESCRIPT_VERSION = '5.9.3';

/** Loads a spec, builds its IR and emits every file, without touching the disk. */
export function buildPackage(options: GenerateOptions): { ir: IR; files: Map<string, string>; warnings: Diagnostic[]; inputs: string[] } {
  const spec = loadSpec(options.spec);
  const name = options.name ?? basename(options.spec, extname(options.spec));
  const { ir, warnings } = buildIR(spec, {
    name,
    packageName: options.packageName ?? defaultPackageName(name),
    packageVersion: options.packageVersion ?? '0.1.0',
  });
  if (options.strict && warnings.length > 0) throw new SpecError(warnings.map((w) => ({ ...w, severity: 'error' })));
  const files = emitPackage(ir, loadAssets(), TYPESCRIPT_VERSION);
  return { ir, files, warnings, inputs: spec.refs.loadedFiles };
}

export function generate(options: GenerateOptions): GenerateResult {
  return cachedResult(options) ?? regenerate(options);
}

/** `generate` without the cache check, for a caller that has made it already. */
export function regenerate(options: GenerateOptions): GenerateResult {
  const out = resolve(options.out);
  const { files, warnings, inputs } = buildPackage(options);
  if (options.check) {
    const stale = staleFiles(out, files);
    return { out, status: stale.length > 0 ? 'stale' : 'fresh', written: [], stale, warnings };
  }
  const rel = inputs.map((f) => relative(out, f)).sort();
  const result = writePackage(out, files, { inputHash: inputHash(out, rel, options), inputs: rel, warnings: storedWarnings(out, warnings) }, { force: options.force });
  return { out, status: result.written.length + result.removed.length > 0 ? 'written' : 'unchanged', written: result.written, stale: [], warnings };
}
