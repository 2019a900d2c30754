import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmitRecord } from '../emit/memo.js';

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
 * Keeps `record` for the next run, replacing the last one in one rename. The
 * record vouches for no file by itself: each entry holds its file's hash, and
 * is used only while the file on disk still has it.
 */
export function writeEmitRecord(outDir: string, record: EmitRecord): void {
  const dir = join(outDir, CACHE_DIR);
  mkdirSync(dir, { recursive: true });
  // Files whose text is the same are left alone, as the package's own are.
  if (readOrUndefined(join(dir, '.gitignore')) !== IGNORE_ALL) writeFileSync(join(dir, '.gitignore'), IGNORE_ALL);
  const text = JSON.stringify(record);
  if (readOrUndefined(join(dir, RECORD)) === text) return;
  const temp = join(dir, `${RECORD}.${process.pid}.tmp`);
  writeFileSync(temp, text);
  renameSync(temp, join(dir, RECORD));
}

const IGNORE_ALL = '# Written by sdkgen: a cache, not to be committed.\n*\n';

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
