import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { MANIFEST, manifestText, readManifest, sha256, type Manifest } from './manifest.js';

export interface WriteOptions {
  /** Overwrite generated files that were edited by hand. */
  force?: boolean | undefined;
}

export interface WriteResult {
  written: string[];
  removed: string[];
  unchanged: number;
}

/** A file sdkgen would overwrite that it did not write as it is now. */
export class WriteConflict extends Error {
  constructor(readonly paths: string[], reason: string) {
    super(`${reason}:\n${paths.map((p) => `  ${p}`).join('\n')}\nRun with --force to overwrite.`);
    this.name = 'WriteConflict';
  }
}

/** Paths whose content on disk differs from what would be generated, plus stale leftovers. */
export function staleFiles(outDir: string, files: Map<string, string>): string[] {
  const stale = [...files].filter(([path, text]) => readOrUndefined(join(outDir, path)) !== text).map(([p]) => p);
  const old = readManifest(outDir);
  const gone = old ? Object.keys(old.files).filter((p) => !files.has(p) && readOrUndefined(join(outDir, p)) !== undefined) : [];
  return [...stale, ...gone].sort();
}

/**
 * Writes a package: new content goes to a staging folder first, then each
 * file is renamed into place, so no file is ever half-written. Files sdkgen did
 * not write are left alone; hand edits to generated files stop the run.
 */
export function writePackage(outDir: string, files: Map<string, string>, manifest: Omit<Manifest, 'files'>, options: WriteOptions = {}): WriteResult {
  const root = resolve(outDir);
  for (const path of files.keys()) assertInside(root, path);
  const old = readManifest(root);
  const changed = [...files].filter(([path, text]) => readOrUndefined(join(root, path)) !== text);
  const removed = old ? Object.keys(old.files).filter((p) => !files.has(p)) : [];
  if (!options.force) checkConflicts(root, old, changed.map(([p]) => p), removed);
  const next: Manifest = { ...manifest, files: Object.fromEntries([...files].map(([p, t]) => [p, sha256(t)])) };
  mkdirSync(dirname(root), { recursive: true });
  const staging = mkdtempSync(join(dirname(root), '.sdkgen-staging-'));
  try {
    for (const [path, text] of changed) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    writeFileSync(join(staging, MANIFEST), manifestText(next));
    for (const [path] of changed) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      renameSync(join(staging, path), join(root, path));
    }
    for (const path of removed) {
      assertInside(root, path);
      rmSync(join(root, path), { force: true });
      pruneEmptyDirs(root, dirname(join(root, path)));
    }
    renameSync(join(staging, MANIFEST), join(root, MANIFEST));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { written: changed.map(([p]) => p), removed, unchanged: files.size - changed.length };
}

function checkConflicts(root: string, old: Manifest | undefined, changed: string[], removed: string[]): void {
  const foreign: string[] = [];
  const edited: string[] = [];
  for (const path of [...changed, ...removed]) {
    const onDisk = readOrUndefined(join(root, path));
    if (onDisk === undefined) continue;
    const recorded = old?.files[path];
    if (recorded === undefined) foreign.push(path);
    else if (recorded !== sha256(onDisk)) edited.push(path);
  }
  if (edited.length > 0) throw new WriteConflict(edited.map((p) => join(root, p)), 'generated files were edited by hand');
  if (foreign.length > 0) throw new WriteConflict(foreign.map((p) => join(root, p)), 'files exist that sdkgen did not write');
}

function assertInside(root: string, path: string): void {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new Error(`refusing to write outside the output folder: ${path}`);
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function pruneEmptyDirs(root: string, dir: string): void {
  for (let d = dir; d.startsWith(root + sep); d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}
