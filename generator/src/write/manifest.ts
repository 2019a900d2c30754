import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST = '.sdkgen-manifest.json';

/** What sdkgen wrote into a package, so it never touches files it did not write. */
export interface Manifest {
  /** Hash of every input (spec files, options, templates, runtime); equal means nothing to do. */
  inputHash: string;
  /** Spec files read, relative to the package, to recompute `inputHash` without parsing. */
  inputs: string[];
  files: Record<string, string>;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
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
  return `${JSON.stringify({ inputHash: m.inputHash, inputs: [...m.inputs].sort(), files }, null, 2)}\n`;
}
