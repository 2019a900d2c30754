#!/usr/bin/env node
// The bundle a consumer ships for one call: esbuild, minified, ESM, browser,
// then gzip. bench/run.js calls these for its table; run alone, this module
// measures sdkgen's full and slim cores against hey-api's fetch client and
// openapi-fetch for the first GET without path parameters of each spec.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize as measureBundle } from './measure.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Minified and gzipped size of a browser bundle of `entry`, resolving packages from the repository's node_modules. */
const bundleSize = (entry) => measureBundle(entry, join(ROOT, 'node_modules'));

/** sdkgen's one-call entry: the standalone function with the core client, what a user who counts bytes writes. */
export function sdkgenEntry(op) {
  return `import { ${op.core}, ${op.fn} } from './src/index.js';\nexport const run = () => ${op.fn}(new ${op.core}({ ${op.auth} }));\n`;
}

/** The first GET without path or required parameters, as sdkgen names it. */
export async function firstSimpleGet(specFile, work) {
  const { buildPackage } = await import(join(ROOT, 'generator/dist/index.js'));
  try {
    const { ir } = buildPackage({ spec: specFile, out: join(work, 'probe'), name: 'bench' });
    for (const r of ir.resources) {
      for (const o of r.operations) {
        const required = [...o.queryParams, ...o.headerParams].some((p) => p.required);
        if (o.httpMethod === 'GET' && o.pathParams.length === 0 && o.clientPathParams.length === 0 && !required) {
          const auth = ir.auth[0] ? `${ir.auth[0].option}: 'key'` : '';
          const clientParams = ir.clientParams.map((p) => `${p.option}: 'x'`);
          return { resource: r.property, method: o.name, fn: o.functionName, core: ir.coreClientName, operationId: o.operationId, path: o.path, auth: [auth, ...clientParams].filter(Boolean).join(', ') };
        }
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The one-call bundle of a package generated with `--core <core>` into `out`:
 * generates it when `out` holds none yet, then bundles `sdkgenEntry`.
 */
export async function sdkgenBundle(specFile, out, op, core = 'full') {
  if (!op) return undefined;
  if (!existsSync(join(out, 'src/index.ts'))) {
    const argv = [join(ROOT, 'generator/bin/sdkgen.js'), 'generate', '--spec', specFile, '--out', out, '--name', 'bench', '--core', core];
    const child = spawnSync('node', argv, { encoding: 'utf8' });
    if (child.status !== 0) return { error: `${child.stdout}${child.stderr}`.split('\n').find((l) => l.trim()) ?? 'generation failed' };
  }
  writeFileSync(join(out, 'bench-entry.ts'), sdkgenEntry(op));
  return bundleSize(join(out, 'bench-entry.ts'));
}

/** openapi-fetch's one call, `client.GET(path)`, over openapi-typescript's types in `out`. */
export function openapiFetchEntry(op) {
  return `import createClient from 'openapi-fetch';\nimport type { paths } from './schema.js';\nexport const run = () => createClient<paths>({ baseUrl: 'https://api.example.com' }).GET(${JSON.stringify(op.path)} as never);\n`;
}

/** hey-api's SDK function for the operation, from the `sdk.gen.ts` it wrote in `out`. */
export function heyApiEntry(out, op) {
  const sdk = join(out, 'sdk.gen.ts');
  if (!existsSync(sdk)) return undefined;
  const names = [...readFileSync(sdk, 'utf8').matchAll(/export const (\w+) =/g)].map((m) => m[1]);
  const wanted = op.operationId.replace(/[^A-Za-z0-9]+(.)/g, (_, c) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase());
  const fn = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
  return fn && `import { ${fn} } from './sdk.gen.js';\nexport const run = () => ${fn}();\n`;
}

/** Gzipped one-call bundles of a spec for sdkgen full, sdkgen slim, hey-api's fetch client and openapi-fetch. */
export async function oneCallBundles(specFile, work) {
  const op = await firstSimpleGet(specFile, work);
  if (!op) return undefined;
  const sizes = { operation: op.fn };
  sizes['sdkgen'] = await sdkgenBundle(specFile, join(work, 'sdkgen-full'), op, 'full');
  sizes['sdkgen slim'] = await sdkgenBundle(specFile, join(work, 'sdkgen-slim'), op, 'slim');
  const hey = join(work, 'hey-api');
  const heyRun = spawnSync('node', [join(ROOT, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '-i', specFile, '-o', hey, '-c', '@hey-api/client-fetch', '-s'], { encoding: 'utf8', cwd: work });
  const heyEntry = heyRun.status === 0 ? heyApiEntry(hey, op) : undefined;
  if (heyEntry) writeFileSync(join(hey, 'bench-entry.ts'), heyEntry);
  sizes['hey-api'] = await bundleSize(join(hey, 'bench-entry.ts'));
  const oft = join(work, 'openapi-fetch');
  mkdirSync(oft, { recursive: true });
  const oftRun = spawnSync('node', [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), specFile, '-o', join(oft, 'schema.d.ts'), '--redocly', join(ROOT, 'bench/redocly.yaml')], { encoding: 'utf8', cwd: work });
  if (oftRun.status === 0) writeFileSync(join(oft, 'bench-entry.ts'), openapiFetchEntry(op));
  sizes['openapi-fetch'] = await bundleSize(join(oft, 'bench-entry.ts'));
  return sizes;
}

const SPECS = { clerk: 'specs/clerk.yaml', fastly: 'specs/fastly.yaml', 'clerk-backend': 'corpus/clerk-backend.yml', openai: 'corpus/openai.yaml' };

async function main() {
  const verbose = process.argv.includes('--modules');
  mkdirSync(join(ROOT, 'bench/.work'), { recursive: true });
  const work = mkdtempSync(join(ROOT, 'bench/.work/bundles-'));
  try {
    console.log('| spec | call | sdkgen (full) | sdkgen slim | hey-api | openapi-fetch |\n| --- | --- | ---: | ---: | ---: | ---: |');
    const details = [];
    for (const [name, file] of Object.entries(SPECS)) {
      const dir = join(work, name);
      mkdirSync(dir);
      const sizes = await oneCallBundles(join(ROOT, file), dir);
      if (!sizes) continue;
      const cell = (s) => (s && !s.error ? `${s.min} / ${s.gzip}` : 'n/a');
      console.log(`| ${name} | ${sizes.operation} | ${cell(sizes['sdkgen'])} | ${cell(sizes['sdkgen slim'])} | ${cell(sizes['hey-api'])} | ${cell(sizes['openapi-fetch'])} |`);
      for (const core of ['sdkgen', 'sdkgen slim']) if (sizes[core]?.modules) details.push(`${name}, ${core}: ${sizes[core].modules.map((m) => `${m.file} ${m.bytes}`).join(', ')}`);
    }
    console.log('\nBytes are minified / gzipped.');
    if (verbose) console.log(`\nMinified bytes per module:\n${details.map((d) => `- ${d}`).join('\n')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
