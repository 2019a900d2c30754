import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;

/**
 * The `yaml` library, loaded on first use: the fast reader reads real specs
 * without it, so a run that needs neither its reader nor its messages does
 * not pay for loading it.
 */
export function yamlLib(): Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as Yaml;
  return loaded;
}
