import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { carryUnmanaged, linkOrCopy, recoverInterrupted, stagingPrefix, swapIn } from './swap.js';
import { dirname, join, resolve, sep } from 'node:path';
import { MANIFEST, manifestText, readManifest, sha256, type Manifest } from './manifest.js';
import { recordFiles, writeEmitRecord } from './emit-record.js';
import type { EmitRecord } from '../emit/memo.js';
import { readTextOrUndefined } from './read-text.js';

export interface WriteOptions {
  /** Overwrite generated files that were edited by hand. */
  force?: boolean | undefined;
  /** Files this run has read from the output already (readPrevious), by path: not read again to tell which changed. */
  read?: Map<string, string> | undefined;
  /** How this run emitted the files, kept beside them to make the next run faster. */
  record?: EmitRecord | undefined;
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

/** A file whose content on disk differs from what would be generated; `after` is undefined for a leftover to remove. */
export interface StaleFile {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

/** Files whose content on disk differs from what would be generated, plus stale leftovers, by path. */
export function staleFiles(outDir: string, files: Map<string, string>): StaleFile[] {
  const stale = [...files].map(([path, after]) => ({ path, before: readTextOrUndefined(join(outDir, path)), after })).filter((f) => f.before !== f.after);
  const old = readManifest(outDir);
  const gone = old ? Object.keys(old.files).filter((p) => !files.has(p)).map((path) => ({ path, before: readTextOrUndefined(join(outDir, path)), after: undefined })).filter((f) => f.before !== undefined) : [];
  return [...stale, ...gone].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Writes a package all or nothing: the complete new package is written to a
 * staging folder beside the output, files sdkgen does not manage are carried
 * over, and the staging folder is swapped in. A run killed at any point leaves
 * the previous output (or, after the swap, the new one) whole.
 */
export function writePackage(outDir: string, files: Map<string, string>, manifest: Omit<Manifest, 'files'>, options: WriteOptions = {}): WriteResult {
  const root = resolve(outDir);
  for (const path of files.keys()) assertInside(root, path);
  recoverInterrupted(root);
  const old = readManifest(root);
  const onDisk = (path: string): string | undefined => options.read?.get(path) ?? readTextOrUndefined(join(root, path));
  const changed = [...files].filter(([path, text]) => onDisk(path) !== text).map(([p]) => p);
  const removed = old ? Object.keys(old.files).filter((p) => !files.has(p) && existsSync(join(root, p))) : [];
  if (!options.force) checkConflicts(root, old, changed, removed);
  const next: Manifest = { ...manifest, files: Object.fromEntries([...files].map(([p, t]) => [p, sha256(t)])) };
  const nextText = manifestText(next);
  if (changed.length === 0 && removed.length === 0 && readTextOrUndefined(join(root, MANIFEST)) === nextText) {
    if (options.record) writeEmitRecord(root, options.record);
    return { written: [], removed: [], unchanged: files.size };
  }
  mkdirSync(dirname(root), { recursive: true });
  // mkdtemp makes a private (0700) folder; the package is a folder made inside
  // it, so the swapped-in output gets the usual permissions from the umask.
  const holder = mkdtempSync(stagingPrefix(root));
  const staging = join(holder, 'package');
  try {
    mkdirSync(staging);
    const rewrite = new Set(changed);
    for (const [path, text] of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      // A file whose text is the same is carried over as it is, so only changed files get new bytes and times.
      if (rewrite.has(path) || !lstatSync(join(root, path)).isFile()) writeFileSync(join(staging, path), text);
      else linkOrCopy(join(root, path), join(staging, path));
    }
    writeFileSync(join(staging, MANIFEST), nextText);
    if (existsSync(root)) carryUnmanaged(root, staging, new Set([MANIFEST, ...recordFiles(root), ...files.keys(), ...Object.keys(old?.files ?? {})]));
    // The record goes in with the files it stamps: a renamed folder keeps its files' inodes and times.
    if (options.record) writeEmitRecord(staging, options.record);
    swapIn(root, staging);
  } finally {
    rmSync(holder, { recursive: true, force: true });
  }
  return { written: changed, removed, unchanged: files.size - changed.length };
}

/** The package as the last run wrote it (the files its manifest lists, as they are on disk), or undefined for a new package. */
export function readPrevious(outDir: string): { manifest: Manifest; files: Map<string, string> } | undefined {
  const root = resolve(outDir);
  recoverInterrupted(root);
  const manifest = readManifest(root);
  if (!manifest) return undefined;
  const files = new Map<string, string>();
  for (const path of Object.keys(manifest.files).sort()) {
    const text = readTextOrUndefined(join(root, path));
    if (text !== undefined) files.set(path, text);
  }
  return { manifest, files };
}

function checkConflicts(root: string, old: Manifest | undefined, changed: string[], removed: string[]): void {
  const foreign: string[] = [];
  const edited: string[] = [];
  for (const path of [...changed, ...removed]) {
    const onDisk = readTextOrUndefined(join(root, path));
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
