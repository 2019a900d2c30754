import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where the previous output waits while the new one is swapped in. */
export function backupPath(root: string): string {
  return join(dirname(root), `.${basename(root)}.sdkgen-old`);
}

export function stagingPrefix(root: string): string {
  return join(dirname(root), `.${basename(root)}.sdkgen-new-`);
}

/**
 * Finishes or undoes a swap a killed run left behind: a backup without an
 * output folder is put back; a backup beside a complete output is removed.
 */
export function recoverInterrupted(root: string): void {
  const backup = backupPath(root);
  if (existsSync(backup)) {
    if (existsSync(root)) rmSync(backup, { recursive: true, force: true });
    else renameSync(backup, root);
  }
  const prefix = basename(stagingPrefix(root));
  if (!existsSync(dirname(root))) return;
  for (const entry of readdirSync(dirname(root))) {
    if (entry.startsWith(prefix)) rmSync(join(dirname(root), entry), { recursive: true, force: true });
  }
}

/** Replaces `root` with `staging` in two renames; the backup lets `recoverInterrupted` repair a kill between them. */
export function swapIn(root: string, staging: string): void {
  const backup = backupPath(root);
  const had = existsSync(root);
  if (had) renameSync(root, backup);
  renameSync(staging, root);
  if (had) rmSync(backup, { recursive: true, force: true });
}

/**
 * Carries files sdkgen does not manage (a `dist/` build, a user's notes) into
 * the staging folder as hard links, so the swap keeps them without copying.
 */
export function carryUnmanaged(root: string, staging: string, managed: Set<string>, rel = ''): void {
  const dir = join(root, rel);
  for (const entry of readdirSync(dir)) {
    const path = rel === '' ? entry : `${rel}/${entry}`;
    if (managed.has(path)) continue;
    const from = join(root, path);
    const to = join(staging, path);
    const stat = lstatSync(from);
    if (stat.isDirectory()) {
      mkdirSync(to, { recursive: true });
      carryUnmanaged(root, staging, managed, path);
    } else if (!existsSync(to)) {
      mkdirSync(dirname(to), { recursive: true });
      if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
      else linkOrCopy(from, to);
    }
  }
}

/** A hard link to `from` at `to`, or a copy where links cannot be made. */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
