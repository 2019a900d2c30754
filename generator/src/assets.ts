import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/** The modules a caller can start from: the CLI and the library. */
const ENTRY_MODULES = ['cli.js', 'index.js'];
/** `from './x.js'` and `import('./x.js')` in compiled output. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** Where the build writes the precompiled templates: beside the compiled modules. */
export const PRECOMPILED_TEMPLATES = fileURLToPath(new URL('templates.precompiled.cjs', import.meta.url));

export function loadAssets(): Assets {
  cached ??= {
    templates: readFolder(new URL('templates/', ROOT), '.hbs'),
    runtime: readFolder(new URL('runtime/src/', ROOT), '.ts'),
    fingerprint: generatorFingerprint(),
  };
  return cached;
}

let fingerprint: string | undefined;

/** The fingerprint of the compiled modules beside this one, computed once a process. */
export function generatorFingerprint(): string {
  fingerprint ??= codeFingerprint(fileURLToPath(new URL('.', import.meta.url)));
  return fingerprint;
}

/**
 * A hash of the compiled modules the entry points reach. Following imports
 * rather than listing the folder keeps files left behind by a deleted source
 * out of it, so every build of the same sources gives the same fingerprint.
 */
function codeFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const modules = new Map<string, Buffer | undefined>();
  const queue = ENTRY_MODULES.map((m) => join(dir, m));
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (modules.has(path)) continue;
    const bytes = readIfFile(path);
    modules.set(path, bytes);
    // Generated code in string literals looks like imports too; only real modules count.
    if (bytes === undefined) continue;
    for (const [, specifier] of bytes.toString('utf8').matchAll(RELATIVE_IMPORT)) queue.push(resolve(dirname(path), specifier!));
  }
  for (const [path, bytes] of [...modules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (bytes !== undefined) hash.update(path.slice(dir.length)).update(bytes);
  }
  return hash.digest('hex');
}

/** A file's bytes, read once for both its imports and the hash; undefined when there is no such file. */
function readIfFile(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function readFolder(url: URL, ext: string): Record<string, string> {
  const dir = fileURLToPath(url);
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(ext)).sort()) {
    out[name] = readFileSync(`${dir}${name}`, 'utf8');
  }
  return out;
}
