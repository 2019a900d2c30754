import type { IR } from '../ir/types.js';
import type { Assets } from '../assets.js';
import { renderPackageJson, renderTemplates } from './artefacts.js';
import { emitIndex } from './barrel.js';
import { emitClient } from './client.js';
import { EmitMemo } from './memo.js';
import { emitModels } from './models.js';
import { emitResource } from './resources.js';
import { resourceSlice } from './slices.js';
import { emitWebhooks } from './webhooks.js';
import { emitValidators } from './validators.js';
import { runtimeFiles } from '../load/runtime-files.js';
import { emitDates } from './dates.js';
import { GENERATOR_IDENTITY } from '../cache.js';
import { sha256Joined } from '../write/manifest.js';

/**
 * Every file of a generated package, by path relative to the package root, in
 * a stable order. `memo` holds what a previous run emitted: units whose slice
 * of the IR is unchanged are taken from it instead of rendered again.
 */
export function emitPackage(ir: IR, assets: Assets, typescriptVersion: string, memo: EmitMemo = new EmitMemo(emitEnvironment(assets, typescriptVersion))): Map<string, string> {
  const files = new Map<string, string>();
  files.set(ir.files.models, memo.file(ir.files.models, (parts) => emitModels(ir, ir.models, parts)));
  for (const r of ir.resources) files.set(r.file, memo.wholeFile(r.file, 'resource', resourceSlice(ir, r), (slice) => emitResource(slice, slice.resource)));
  if (ir.webhooks) files.set(ir.webhooks.file, emitWebhooks(ir, ir.webhooks));
  files.set(ir.files.validators, memo.file(ir.files.validators, (parts) => emitValidators(ir, parts)));
  if (ir.dates) files.set(ir.files.dates, emitDates(ir));
  files.set(ir.files.index, emitIndex(ir));
  for (const [name, text] of Object.entries(runtimeFiles(assets.runtime, ir.core))) files.set(`${ir.files.runtimeDir}${name}`, text);
  for (const [path, text] of renderTemplates(ir, assets.templates, typescriptVersion, memo)) files.set(path, text);
  for (const [path, text] of emitVersioned(ir, assets, typescriptVersion)) files.set(path, text);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A hash of what every emitted unit depends on beside its slice: the
 * generator's code, version and dependencies, the Node.js running it, its
 * templates and runtime, and the TypeScript version packages build with.
 */
export function emitEnvironment(assets: Assets, typescriptVersion: string): string {
  return sha256Joined([GENERATOR_IDENTITY, process.version, assets.fingerprint, typescriptVersion, ...Object.entries(assets.templates).flat(), '\0', ...Object.entries(assets.runtime).flat()]);
}

/** The files that carry the package's version: all a release has to emit again. */
export function emitVersioned(ir: IR, assets: Assets, typescriptVersion: string): Map<string, string> {
  return new Map([
    [ir.files.client, emitClient(ir)],
    ['package.json', renderPackageJson(ir, assets.templates, typescriptVersion)],
  ]);
}

/** `files`, emitted for `ir` at another version, with the versioned files emitted again at `ir`'s. */
export function withVersion(files: Map<string, string>, ir: IR, assets: Assets, typescriptVersion: string): Map<string, string> {
  const next = new Map(files);
  for (const [path, text] of emitVersioned(ir, assets, typescriptVersion)) next.set(path, text);
  return next;
}
