import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * V8's compiled code for the CLI bundle, kept in a file so the next run skips
 * parsing and compiling it. A cache file is one JSON header line, then V8's
 * data:
 *
 *   {"key":"<sha256 of what the data depends on>","data":"<sha256 of the data>","full":true}\n<data>
 *
 * V8 checks the data against its own version and flags but, of the source,
 * only its length; the key covers the source's bytes too, so a changed bundle
 * never runs with another's code, and the data's own hash catches a file cut
 * short or damaged. Whatever does not check out reads as no cache.
 */
export interface CodeCache {
  data: Buffer;
  /** Made by a run that generated a package, so it holds the pipeline's code, not only the CLI's. */
  full: boolean;
}

/** Bumped when the file's layout changes. */
const LAYOUT = 1;

/** What compiled code depends on: the source, the V8 that compiled it and the flags it ran with. */
export function codeCacheKey(source: string): string {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  return createHash('sha256')
    .update(`${LAYOUT}\0${process.version}\0${process.versions.v8}\0${process.arch}\0${process.platform}\0${flags}\0`)
    .update(source)
    .digest('hex');
}

/** The cache in `file` when it was made for `key` and is whole; undefined otherwise, never an error. */
export function readCodeCache(file: string, key: string): CodeCache | undefined {
  try {
    const bytes = readFileSync(file);
    const end = bytes.indexOf(0x0a);
    if (end < 0) return undefined;
    const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { key?: unknown; data?: unknown; full?: unknown };
    const data = bytes.subarray(end + 1);
    if (header.key !== key || header.data !== sha256(data) || data.length === 0) return undefined;
    return { data, full: header.full === true };
  } catch {
    return undefined;
  }
}

/**
 * Writes the cache through a temporary file renamed over `file`, so a reader
 * sees the old file or the new one, never half of one. A folder that cannot be
 * written (an installation owned by another user, a read-only image) leaves the
 * run without a cache, which is only slower.
 */
export function writeCodeCache(file: string, key: string, cache: CodeCache): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const header = JSON.stringify({ key, data: sha256(cache.data), full: cache.full });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), cache.data]));
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was left, or nothing can be removed there.
    }
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
