import { createHash } from 'node:crypto';
import { textDigest } from '../text-digest.js';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';

export const MANIFEST = '.sdkgen-manifest.json';

/** What sdkgen wrote into a package, so it never touches files it did not write. */
export interface Manifest {
  /** Hash of every input (spec files, options, templates, runtime); equal means nothing to do. */
  inputHash: string;
  /** Spec files read, relative to the package, to recompute `inputHash` without parsing. */
  inputs: string[];
  /** The warnings of the run that wrote the package, files relative to it, so a run the cache answers repeats them. */
  warnings?: Diagnostic[] | undefined;
  files: Record<string, string>;
  /** The package version written, the base the next version is bumped from. */
  version?: string | undefined;
  /** The sdkgen version that wrote the package, to tell a generator change from a spec change. */
  generator?: string | undefined;
  /** Hash of the spec files alone, to tell a spec change from a generator change. */
  specHash?: string | undefined;
}

export function sha256(text: string | Buffer): string {
  return typeof text === 'string' ? textDigest(text).toString('hex') : createHash('sha256').update(text).digest('hex');
}

/** `sha256(parts.join('\0'))`, without making the joined string (spec texts can be many megabytes). */
export function sha256Joined(parts: Iterable<string | Buffer>): string {
  // One text is its own digest, which the run may have made already (a spec of one file).
  if (Array.isArray(parts) && parts.length === 1 && typeof parts[0] === 'string') return textDigest(parts[0]).toString('hex');
  const hash = createHash('sha256');
  let first = true;
  for (const part of parts) {
    if (!first) hash.update('\0');
    hash.update(part);
    first = false;
  }
  return hash.digest('hex');
}

export function readManifest(outDir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8')) as Manifest;
    return typeof m === 'object' && m !== null && typeof m.files === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

export function manifestText(m: Manifest): string {
  const files = Object.fromEntries(Object.keys(m.files).sort().map((k) => [k, m.files[k]]));
  const warnings = m.warnings && m.warnings.length > 0 ? { warnings: m.warnings } : {};
  const release = { version: m.version, generator: m.generator, specHash: m.specHash };
  return `${JSON.stringify({ inputHash: m.inputHash, inputs: [...m.inputs].sort(), ...release, ...warnings, files }, null, 2)}\n`;
}

/** Warnings as a manifest in `outDir` keeps them: spec files named relative to the package, like `inputs`. */
export function storedWarnings(outDir: string, warnings: Diagnostic[]): Diagnostic[] {
  // Hundreds of warnings name the same few files: each is made relative once.
  const named = new Map<string, string>();
  const relativeName = (file: string): string => {
    let name = named.get(file);
    if (name === undefined) named.set(file, (name = relative(outDir, file)));
    return name;
  };
  return warnings.map((w) => (w.location ? { ...w, location: { ...w.location, file: relativeName(w.location.file) } } : w));
}

/** The stored warnings as the run that wrote them reported them. */
export function replayedWarnings(outDir: string, m: Manifest): Diagnostic[] {
  const stored = Array.isArray(m.warnings) ? m.warnings : [];
  return stored.map((w) => (w.location ? { ...w, location: { ...w.location, file: resolve(outDir, w.location.file) } } : w));
}
