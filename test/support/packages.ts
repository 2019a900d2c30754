import { basename, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagesFromConfig } from '../../generator/src/config.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The packages the repository generates, as `sdkgen generate` sees them. */
export const PACKAGES = packagesFromConfig(ROOT);

/** The short API name a spec is generated under in tests: its folder's name for a spec in a folder of its own (digital-ocean), else its file's. */
export function apiName(spec: string): string {
  const folder = basename(dirname(spec));
  const base = folder === 'corpus' || folder === 'specs' ? basename(spec, extname(spec)) : folder;
  return base.replace(/[^a-zA-Z0-9]/g, '').toLowerCase();
}
