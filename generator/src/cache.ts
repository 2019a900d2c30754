/*
 * The content-hash cache, kept apart from the pipeline and light to import:
 * the CLI checks it before loading the parser, emitters and templates, so an
 * unchanged spec costs no more than reading and hashing its files.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadAssets } from './assets.js';
import { textDigest } from './text-digest.js';
import type { GenerateOptions, GenerateResult } from './options.js';
import { readManifest, replayedWarnings, sha256, sha256Joined, type Manifest } from './write/manifest.js';

const generatorPackage = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; dependencies?: Record<string, string> };

/** The generator's own version, from its package.json (the same file in a checkout and once installed). */
export const GENERATOR_VERSION: string = generatorPackage.version;

/** The generator's version and the exact versions of the dependencies that write its output. */
export const GENERATOR_IDENTITY: string = JSON.stringify([generatorPackage.version, generatorPackage.dependencies ?? {}]);

/** The result of a run with nothing to do, or undefined when there is work (or a check was asked for). */
export function cachedResult(options: GenerateOptions): GenerateResult | undefined {
  const out = resolve(options.out);
  const manifest = options.check ? undefined : unchangedManifest(out, options);
  return manifest ? { out, status: 'unchanged', written: [], stale: [], warnings: replayedWarnings(out, manifest) } : undefined;
}

/** The manifest of the last run, when its inputs are the same and its outputs untouched: there is nothing to do. */
function unchangedManifest(out: string, options: GenerateOptions): Manifest | undefined {
  const manifest = readManifest(out);
  if (!manifest || !Array.isArray(manifest.inputs) || manifest.inputs.length === 0) return undefined;
  try {
    if (inputHash(out, manifest.inputs, options) !== manifest.inputHash) return undefined;
    return Object.entries(manifest.files).every(([path, hash]) => sha256(readFileSync(resolve(out, path))) === hash) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A hash of everything the output depends on: generator, templates, runtime,
 * options and every spec and overlay file read (`inputs` relative to `out`). `textOf`
 * gives a file's text by absolute path when the caller has read it already.
 */
export function inputHash(out: string, inputs: string[], options: GenerateOptions, textOf: (file: string) => string | undefined = () => undefined): string {
  const assets = loadAssets();
  return sha256Joined([
    GENERATOR_VERSION,
    assets.fingerprint,
    relative(out, resolve(options.spec)),
    // Their order matters; their texts are among the inputs.
    JSON.stringify((options.overlays ?? []).map((f) => relative(out, resolve(f)))),
    JSON.stringify([options.name ?? null, options.packageName ?? null, options.packageVersion ?? null, options.strict ?? false, options.core ?? 'full', ...(options.dates ? ['dates'] : [])]),
    ...Object.entries(assets.templates).flat(),
    ...Object.entries(assets.runtime).flat(),
    // Each file by its digest: a run that has the text hashes it once for this and its spec hash.
    ...inputs.flatMap((f) => {
      const file = resolve(out, f);
      const text = textOf(file);
      return [f, (text === undefined ? specDigest(file) : textDigest(text)).toString('hex')];
    }),
  ]);
}

/** The sha256 of a spec file's text as UTF-8: of its bytes, which are that unless they are not valid UTF-8 (reading them as text costs more than hashing them). */
function specDigest(path: string): Buffer {
  const bytes = readFileSync(path);
  return isUtf8(bytes) ? createHash('sha256').update(bytes).digest() : textDigest(bytes.toString('utf8'));
}
