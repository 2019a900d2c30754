#!/usr/bin/env node
// Generates the same specs with sdkgen and its peers, side by side, and prints
// what each costs: generation time and memory, type-check time of the output,
// output size, and the bundle a consumer ships for one call. Asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, 'corpus');
const args = parseArgs(process.argv.slice(2));
const RUNS = Number(args.runs ?? 3);

const SPECS = [
  { name: 'simple-example', file: join(CORPUS, 'simple-example.yaml') },
  { name: 'clerk (ours)', file: join(ROOT, 'specs/clerk.yaml') },
  { name: 'clerk-backend', file: join(CORPUS, 'clerk-backend.yml') },
  { name: 'openai', file: join(CORPUS, 'openai.yaml') },
  { name: 'digital-ocean', file: join(CORPUS, 'digital-ocean/DigitalOcean-public.v2.yaml') },
].filter((s) => (!args.spec || s.name.includes(args.spec)) && existsSync(s.file));

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [],
    strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true,
  },
};

/** Each tool: how to generate into a folder, and a consumer entry that calls one GET operation. */
const TOOLS = {
  sdkgen: {
    generate: (spec, out) => ['node', [join(ROOT, 'generator/bin/sdkgen.js'), 'generate', '--spec', spec, '--out', out, '--name', 'bench']],
    include: ['src/**/*.ts'],
    // The standalone function with the core client: what a user who counts bytes writes.
    entry: (out, op) => op && `import { ${op.core}, ${op.fn} } from './src/index.js';\nexport const run = () => ${op.fn}(new ${op.core}({ ${op.auth} }));\n`,
    classEntry: (out, op) => op && `import Bench from './src/index.js';\nexport const run = () => new Bench({ ${op.auth} }).${op.resource}.${op.method}();\n`,
  },
  'hey-api': {
    generate: (spec, out) => ['node', [join(ROOT, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '-i', spec, '-o', out, '-c', '@hey-api/client-fetch', '-s']],
    include: ['**/*.ts'],
    entry: (out, op) => op && heyApiEntry(out, op),
  },
  'openapi-typescript': {
    generate: (spec, out) => ['node', [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', join(out, 'schema.d.ts'), '--redocly', join(ROOT, 'bench/redocly.yaml')]],
    include: ['**/*.ts'],
    entry: (_out, op) => op && `import createClient from 'openapi-fetch';\nimport type { paths } from './schema.js';\nexport const run = () => createClient<paths>({ baseUrl: 'https://api.example.com' }).GET(${JSON.stringify(op.path)} as never);\n`,
  },
};

const rows = [];
// Inside the repository, so outputs resolve openapi-fetch from its node_modules.
mkdirSync(join(ROOT, 'bench/.work'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench/.work/run-'));
try {
  for (const spec of SPECS) {
    const op = await firstSimpleGet(spec.file);
    for (const [tool, t] of Object.entries(TOOLS)) {
      if (args.tool && tool !== args.tool) continue;
      rows.push(measure(spec, tool, t, op));
    }
    const sdk = rows.find((r) => r.spec === spec.name && r.tool === 'sdkgen');
    if (sdk?.out) sdk.regenerate = time(TOOLS.sdkgen.generate(spec.file, sdk.out));
  }
  for (const r of rows) {
    if (!r.out) continue;
    r.bundle = await bundleSize(join(r.out, 'bench-entry.ts'));
    r.classBundle = await bundleSize(join(r.out, 'bench-class-entry.ts'));
  }
  report(rows);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function measure(spec, tool, t, op) {
  const runs = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    out = join(work, `${tool}-${spec.name.replace(/\W/g, '')}-${i}`);
    runs.push(time(t.generate(spec.file, out)));
    if (i < RUNS - 1) rmSync(out, { recursive: true, force: true });
  }
  const failed = runs.find((r) => !r.ok);
  if (failed) return { spec: spec.name, tool, error: failed.error };
  writeFileSync(join(out, 'tsconfig.bench.json'), JSON.stringify({ ...TSCONFIG, include: t.include }));
  const entry = t.entry(out, op);
  if (entry) writeFileSync(join(out, 'bench-entry.ts'), entry);
  const classEntry = t.classEntry?.(out, op);
  if (classEntry) writeFileSync(join(out, 'bench-class-entry.ts'), classEntry);
  const tsc = time(['node', [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.bench.json')]]);
  const { lines, bytes } = sizeOf(out);
  return { spec: spec.name, tool, out, op, wall: median(runs.map((r) => r.wall)), rss: median(runs.map((r) => r.rss)), tsc: tsc.wall, tscOk: tsc.ok, tscError: tsc.ok ? undefined : tsc.error, lines, bytes };
}

/** Wall time and peak memory of a child process, from GNU time where present. */
function time([cmd, argv]) {
  const gnuTime = existsSync('/usr/bin/time');
  const started = performance.now();
  // In the work folder: hey-api drops error logs into its working directory.
  const options = { encoding: 'utf8', maxBuffer: 1 << 26, cwd: work };
  const child = gnuTime ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], options) : spawnSync(cmd, argv, options);
  const wall = (performance.now() - started) / 1000;
  const rssKb = gnuTime ? Number(child.stderr.trim().split('\n').pop()) : NaN;
  const ok = child.status === 0;
  return { ok, wall, rss: rssKb / 1024, error: ok ? undefined : `${child.stdout}${child.stderr}`.slice(0, 2000) };
}

function sizeOf(dir) {
  let lines = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !e.name.startsWith('bench-')) {
        const text = readFileSync(p, 'utf8');
        lines += text.split('\n').length;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { lines, bytes };
}

/** Minified and gzipped size of a browser bundle of a one-call entry. */
async function bundleSize(entry) {
  if (!existsSync(entry)) return undefined;
  try {
    const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', nodePaths: [join(ROOT, 'node_modules')] });
    const code = result.outputFiles[0].contents;
    return { min: code.length, gzip: gzipSync(code).length };
  } catch (e) {
    return { error: String(e.message).split('\n')[0] };
  }
}

/** The first GET without path parameters, as each tool names it. */
async function firstSimpleGet(specFile) {
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

function heyApiEntry(out, op) {
  const sdk = join(out, 'sdk.gen.ts');
  if (!existsSync(sdk)) return undefined;
  const names = [...readFileSync(sdk, 'utf8').matchAll(/export const (\w+) =/g)].map((m) => m[1]);
  const wanted = op.operationId.replace(/[^A-Za-z0-9]+(.)/g, (_, c) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase());
  const fn = names.find((n) => n.toLowerCase() === wanted.toLowerCase());
  return fn && `import { ${fn} } from './sdk.gen.js';\nexport const run = () => ${fn}();\n`;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function report(all) {
  const lines = [`# sdkgen benchmark`, '', `Node ${process.version}, ${RUNS} run(s) per generation (median), ${new Date().toISOString().slice(0, 10)}.`, ''];
  lines.push('| spec | tool | generate (s) | peak RSS (MB) | tsc --noEmit (s) | lines | KB | 1-call bundle min / gzip (B) |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of all) {
    if (r.error) {
      lines.push(`| ${r.spec} | ${r.tool} | failed | | | | | |`);
      continue;
    }
    const b = r.bundle && !r.bundle.error ? `${r.bundle.min} / ${r.bundle.gzip}` : 'n/a';
    lines.push(`| ${r.spec} | ${r.tool} | ${r.wall.toFixed(2)} | ${r.rss.toFixed(0)} | ${r.tsc.toFixed(2)}${r.tscOk ? '' : ' (errors)'} | ${r.lines} | ${(r.bytes / 1024).toFixed(0)} | ${b} |`);
  }
  lines.push('', '## Ratios (sdkgen / peer; below 1 means sdkgen is cheaper)', '', '| spec | generate vs hey-api | memory vs hey-api | tsc vs hey-api | bundle gzip vs openapi-fetch | client-class bundle gzip (B) | regenerate unchanged (s) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const spec of new Set(all.map((r) => r.spec))) {
    const get = (tool) => all.find((r) => r.spec === spec && r.tool === tool && !r.error);
    const s = get('sdkgen');
    const h = get('hey-api');
    const o = get('openapi-typescript');
    const ratio = (a, b) => (a !== undefined && b ? (a / b).toFixed(2) : 'n/a');
    lines.push(`| ${spec} | ${ratio(s?.wall, h?.wall)} | ${ratio(s?.rss, h?.rss)} | ${ratio(s?.tsc, h?.tsc)} | ${ratio(s?.bundle?.gzip, o?.bundle?.gzip)} | ${s?.classBundle?.gzip ?? 'n/a'} | ${s?.regenerate ? s.regenerate.wall.toFixed(2) : 'n/a'} |`);
  }
  const failures = all.filter((r) => r.error || r.tscError);
  if (failures.length) lines.push('', '## Failures', '', ...failures.map((r) => `- ${r.spec} / ${r.tool}: ${(r.error ?? r.tscError).split('\n').slice(0, 3).join(' ')}`));
  const text = lines.join('\n');
  console.log(text);
  // The committed results are the reference the README quotes: replace them only on request.
  if (!args.save) {
    console.log('\nNot saved; run with --save to replace bench/results/latest.md and latest.json.');
    return;
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest.md'), `${text}\n`);
  writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(all.map(({ out, ...r }) => r), null, 2)}\n`);
  console.log('\nSaved to bench/results/latest.md and latest.json.');
}

/** `--name value` options, and `--save` as a flag. */
function parseArgs(argv) {
  const flags = new Set(['save']);
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (flags.has(name)) out[name] = true;
    else if (i + 1 < argv.length) out[name] = argv[++i];
    else throw new Error(`bench: --${name} needs a value`);
  }
  return out;
}
