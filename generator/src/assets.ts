import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The templates and the runtime sources that every generated package is made from. */
export interface Assets {
  templates: Record<string, string>;
  /** Runtime files by name, copied byte-for-byte into `src/core/`. */
  runtime: Record<string, string>;
  /** Changes whenever the generator's own code does, so the content-hash cache never serves stale output. */
  fingerprint: string;
}

/**
 * Where the templates and runtime are: inside the package once it is packed
 * (scripts/copy-assets.js), at the repository root in a checkout.
 */
const ROOT = existsSync(new URL('../templates/', import.meta.url)) ? new URL('../', import.meta.url) : new URL('../../', import.meta.url);
let cached: Assets | undefined;

export function loadAssets(): Assets {
  cached ??= {
    templates: readFolder(new URL('templates/', ROOT), '.hbs'),
    runtime: readFolder(new URL('runtime/src/', ROOT), '.ts'),
    fingerprint: codeFingerprint(fileURLToPath(new URL('.', import.meta.url))),
  };
  return cached;
}

function codeFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.[jt]s$/.test(entry.name)) hash.update(path.slice(dir.length)).update(readFileSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

function readFolder(url: URL, ext: string): Record<string, string> {
  const dir = fileURLToPath(url);
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(ext)).sort()) {
    out[name] = readFileSync(`${dir}${name}`, 'utf8');
  }
  return out;
}
