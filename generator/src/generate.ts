import { readFileSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { loadAssets } from './assets.js';
import { cachedResult, inputHash } from './cache.js';
import { SpecError, type Diagnostic } from './diagnostics.js';
import { emitEnvironment, emitPackage, withVersion } from './emit/package.js';
import { EmitMemo, reusableUnits } from './emit/memo.js';
import { buildIR } from './ir/build.js';
import type { IR } from './ir/types.js';
import { loadSpec } from './load/loader.js';
import { defaultPackageName } from './package-names.js';
import type { GenerateOptions, GenerateResult } from './options.js';
import { sha256Joined, storedWarnings } from './write/manifest.js';
import { readPrevious, staleFiles, writePackage } from './write/writer.js';
import { fileStamp, readEmitRecord } from './write/emit-record.js';
import { CHANGELOG_FILE, prependEntry } from './emit/changelog.js';
import { baseVersion, planRelease, type PreviousOutput, type Release } from './release/plan.js';
import { GENERATOR_VERSION } from './cache.js';

export { GENERATOR_VERSION };
export type { GenerateOptions, GenerateResult } from './options.js';
/** The version of a package whose configuration names none. */
const DEFAULT_VERSION = '0.1.0';
/** The TypeScript version generated packages build with. */
export const TYPESCRIPT_VERSION = '5.9.3';

/**
 * Loads a spec, builds its IR and emits every file, without touching the
 * disk. `memo` holds what a previous run emitted, to reuse what is unchanged.
 */
export function buildPackage(options: GenerateOptions, memo?: EmitMemo): { ir: IR; files: Map<string, string>; warnings: Diagnostic[]; inputs: string[]; textOf: (file: string) => string | undefined } {
  const spec = loadSpec(options.spec, options.overlays);
  const name = options.name ?? basename(options.spec, extname(options.spec));
  const { ir, warnings } = buildIR(spec, {
    name,
    packageName: options.packageName ?? defaultPackageName(name),
    packageVersion: options.packageVersion ?? DEFAULT_VERSION,
    core: options.core,
    dates: options.dates,
  });
  if (options.strict && warnings.length > 0) throw new SpecError(warnings.map((w) => ({ ...w, severity: 'error' })));
  const files = emitPackage(ir, loadAssets(), TYPESCRIPT_VERSION, memo);
  return { ir, files, warnings, inputs: spec.refs.loadedFiles, textOf: (file) => spec.refs.textOf(file) };
}

export function generate(options: GenerateOptions): GenerateResult {
  return cachedResult(options) ?? regenerate(options);
}

/** `generate` without the cache check, for a caller that has made it already. */
export function regenerate(options: GenerateOptions): GenerateResult {
  const out = resolve(options.out);
  const previous = readPrevious(out);
  const floor = options.packageVersion ?? DEFAULT_VERSION;
  const base = baseVersion(previous, floor);
  // What the last run emitted and is still on disk: its unchanged parts are not rendered again.
  // A check renders everything: it is what CI trusts to say the output is what the spec gives.
  const record = options.check ? undefined : readEmitRecord(out);
  const memo = new EmitMemo(emitEnvironment(loadAssets(), TYPESCRIPT_VERSION), reusableUnits(record, previous?.files ?? new Map(), (path) => fileStamp(out, path)));
  const built = buildPackage({ ...options, packageVersion: base }, memo);
  const specHash = sha256Joined([...built.inputs].sort().map((f) => built.textOf(f) ?? readFileSync(f, 'utf8')));
  const release = planRelease(previous, built.files, floor, { generator: GENERATOR_VERSION, specHash });
  // Only a few files carry the version; the rest of the package is the same at any version.
  const files = release.version === base ? built.files : withVersion(built.files, { ...built.ir, packageVersion: release.version }, loadAssets(), TYPESCRIPT_VERSION);
  files.set(CHANGELOG_FILE, changelogText(previous, release));
  const warnings = built.warnings;
  if (options.check) {
    const stale = staleFiles(out, files);
    return { out, status: stale.length > 0 ? 'stale' : 'fresh', written: [], stale, warnings, release, units: { ...memo.counts } };
  }
  const rel = built.inputs.map((f) => relative(out, f)).sort();
  const manifest = { inputHash: inputHash(out, rel, options, built.textOf), inputs: rel, warnings: storedWarnings(out, warnings), version: release.version, generator: GENERATOR_VERSION, specHash };
  const result = writePackage(out, files, manifest, { force: options.force, read: previous?.files, record: memo.record });
  return { out, status: result.written.length + result.removed.length > 0 ? 'written' : 'unchanged', written: result.written, stale: [], warnings, release, units: { ...memo.counts } };
}

/** The changelog with an entry for this run when it made a release; as it was otherwise. */
function changelogText(previous: PreviousOutput | undefined, release: Release): string {
  const old = previous?.files.get(CHANGELOG_FILE);
  const released = !previous || release.changes.length > 0 || release.version !== release.previousVersion;
  if (old !== undefined && !released) return old;
  const source = !released
    ? `Changelog started by sdkgen ${GENERATOR_VERSION}.`
    : previous && release.changes.length === 0 ? 'Version raised to the configured version.' : release.source;
  return prependEntry(loadAssets().templates, old, { version: release.version, source, changes: release.changes });
}
