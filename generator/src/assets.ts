import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The templates and the runtime sources that every generated package is made from. */
export interface Assets {
  templates: Record<string, string>;
  /** Runtime files by name, copied byte-for-byte into `src/core/`. */
  runtime: Record<string, string>;
  /** Bumps when generator output may change, for the content-hash cache. */
  fingerprint: string;
}

const ROOT = new URL('../../', import.meta.url);
let cached: Assets | undefined;

export function loadAssets(): Assets {
  cached ??= {
    templates: readFolder(new URL('templates/', ROOT), '.hbs'),
    runtime: readFolder(new URL('runtime/src/', ROOT), '.ts'),
    fingerprint: '',
  };
  return cached;
}

function readFolder(url: URL, ext: string): Record<string, string> {
  const dir = fileURLToPath(url);
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(ext)).sort()) {
    out[name] = readFileSync(`${dir}${name}`, 'utf8');
  }
  return out;
}
