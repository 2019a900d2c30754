import { fileURLToPath } from 'node:url';
import { packagesFromConfig } from '../../generator/src/config.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The packages the repository generates, as `sdkgen generate` sees them. */
export const PACKAGES = packagesFromConfig(ROOT);
