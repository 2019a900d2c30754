import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { GenerateOptions } from './generate.js';

export const CONFIG_FILE = 'sdkgen.config.json';

interface ConfigEntry {
  spec: string;
  out?: string;
  name?: string;
  packageName?: string;
  version?: string;
}

/** The packages to generate: from `sdkgen.config.json`, or every `specs/*.yaml` into `generated/<name>`. */
export function packagesFromConfig(cwd: string): GenerateOptions[] {
  const file = join(cwd, CONFIG_FILE);
  if (existsSync(file)) {
    const config = JSON.parse(readFileSync(file, 'utf8')) as { packages?: ConfigEntry[] };
    if (!Array.isArray(config.packages)) throw new Error(`${file}: expected { "packages": [...] }`);
    return config.packages.map((p) => entryOptions(dirname(file), p));
  }
  const specs = join(cwd, 'specs');
  if (!existsSync(specs)) return [];
  return readdirSync(specs).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => entryOptions(cwd, { spec: join('specs', f) }));
}

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

function entryOptions(base: string, p: ConfigEntry): GenerateOptions {
  if (typeof p.spec !== 'string') throw new Error(`${CONFIG_FILE}: every package needs a "spec"`);
  const name = p.name ?? basename(p.spec, extname(p.spec));
  if (p.packageName !== undefined && !PACKAGE_NAME.test(p.packageName)) throw new Error(`${CONFIG_FILE}: not a valid npm package name: ${JSON.stringify(p.packageName)}`);
  return {
    spec: resolve(base, p.spec),
    out: resolve(base, p.out ?? join('generated', name)),
    name,
    packageName: p.packageName,
    packageVersion: p.version,
  };
}
