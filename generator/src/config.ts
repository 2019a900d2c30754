import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { GenerateOptions } from './options.js';
import { CORES, type CoreKind } from './load/runtime-files.js';
import { apiNameProblem, packageNameProblem } from './package-names.js';

export const CONFIG_FILE = 'sdkgen.config.json';

interface ConfigEntry {
  spec: string;
  overlays?: string[];
  out?: string;
  name?: string;
  packageName?: string;
  version?: string;
  core?: string;
  dates?: boolean;
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

function entryOptions(base: string, p: ConfigEntry): GenerateOptions {
  if (typeof p.spec !== 'string') throw new Error(`${CONFIG_FILE}: every package needs a "spec"`);
  const name = p.name ?? basename(p.spec, extname(p.spec));
  const nameProblem = apiNameProblem(name) ?? (p.packageName === undefined ? undefined : packageNameProblem(p.packageName));
  if (nameProblem) throw new Error(`${CONFIG_FILE}: ${nameProblem}`);
  if (p.core !== undefined && !(CORES as readonly string[]).includes(p.core)) throw new Error(`${CONFIG_FILE}: "core" must be ${CORES.map((c) => `"${c}"`).join(' or ')}, not ${JSON.stringify(p.core)}`);
  if (p.overlays !== undefined && !(Array.isArray(p.overlays) && p.overlays.every((o) => typeof o === 'string'))) {
    throw new Error(`${CONFIG_FILE}: "overlays" of ${name} must be a list of file paths`);
  }
  if (p.dates !== undefined && typeof p.dates !== 'boolean') throw new Error(`${CONFIG_FILE}: "dates" must be true or false`);
  return {
    spec: resolve(base, p.spec),
    overlays: p.overlays?.map((o) => resolve(base, o)),
    out: resolve(base, p.out ?? join('generated', name)),
    name,
    packageName: p.packageName,
    packageVersion: p.version,
    core: p.core as CoreKind | undefined,
    ...(p.dates ? { dates: true } : {}),
  };
}
