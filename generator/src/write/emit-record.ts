import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmitRecord } from '../emit/memo.js';
import { readTextOrUndefined } from './read-text.js';

/**
 * The folder beside a package's files where sdkgen keeps what makes the next
 * run faster; nothing in it is needed, and it ignores itself in git.
 */
export const CACHE_DIR = '.sdkgen-cache';
const RECORD = 'emit.json';

/** How the last run emitted the package in `outDir`, or undefined when it left no readable record. */
export function readEmitRecord(outDir: string): EmitRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(join(outDir, CACHE_DIR, RECORD), 'utf8')) as unknown;
    return typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as EmitRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps `record` for the next run, replacing the last one in one rename, with
 * the stamp of each file as this run left it. The record vouches for no file
 * by itself: each entry is used only while its file has that stamp and the
 * text the entry hashed.
 */
export function writeEmitRecord(outDir: string, emitted: EmitRecord): void {
  const record: EmitRecord = {};
  for (const [path, entry] of Object.entries(emitted)) {
    const stamp = fileStamp(outDir, path);
    if (stamp !== undefined) record[path] = { ...entry, stamp };
  }
  const dir = join(outDir, CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  // Files whose text is the same are left alone, as the package's own are.
  if (readTextOrUndefined(join(dir, '.gitignore')) !== IGNORE_ALL) writeFileSync(join(dir, '.gitignore'), IGNORE_ALL);
  const text = JSON.stringify(record);
  if (readTextOrUndefined(join(dir, RECORD)) === text) return;
  // A run killed between writing and renaming leaves its temporary file behind.
  for (const path of recordFiles(outDir)) if (path.endsWith('.tmp')) rmSync(join(outDir, path), { force: true });
  const temp = join(dir, `${RECORD}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, join(dir, RECORD));
}

/** The record and any temporary copies of it in `outDir`, by path: what a new record replaces. */
export function recordFiles(outDir: string): string[] {
  try {
    return readdirSync(join(outDir, CACHE_DIR)).filter((entry) => entry.startsWith(RECORD)).map((entry) => `${CACHE_DIR}/${entry}`);
  } catch {
    return [];
  }
}

/**
 * What tells the file at `path` in `outDir` from any other with the same
 * text: its inode, size and modification time. A file another program wrote
 * there (a checkout of a record and files together) has another.
 */
export function fileStamp(outDir: string, path: string): string | undefined {
  try {
    const s = statSync(join(outDir, path), { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return undefined;
  }
}

const IGNORE_ALL = '# Written by sdkgen: a cache, not to be committed.\n*\n';
