#!/usr/bin/env node
// Generates the same specs with sdkgen and its peers, side by side in one run,
// and prints what each costs: generation time and peak memory with sdkgen's
// ratio to hey-api, how both grow from openai.yaml to the same spec 8x larger,
// sdkgen's regeneration after no change and after a docs-only change, the
// type-check time and size of the output, and the bundle a consumer ships for
// one call. Asserts nothing.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize, median, sizeOf, time } from './measure.js';
import { report } from './report.js';
import { scaleSpecFile } from './scale-spec.js';
import { firstSimpleGet, heyApiEntry, openapiFetchEntry, sdkgenBundle } from './bundles.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(ROOT, 'corpus');
const args = parseArgs(process.argv.slice(2));
const RUNS = Number(args.runs ?? (args.quick ? 1 : 3));
/** Scaled copies of openai.yaml; `--quick` leaves out the output checks (tsc, bundles), not the rows. */
const FACTORS = [2, 4, 8];

const SPECS = [
  { name: 'simple-example', file: join(CORPUS, 'simple-example.yaml') },
  { name: 'clerk (ours)', file: join(ROOT, 'specs/clerk.yaml') },
  { name: 'clerk-backend', file: join(CORPUS, 'clerk-backend.yml') },
  { name: 'openai 1x', file: join(CORPUS, 'openai.yaml') },
  ...FACTORS.map((factor) => ({ name: `openai ${factor}x`, scale: { from: join(CORPUS, 'openai.yaml'), factor } })),
  { name: 'digital-ocean', file: join(CORPUS, 'digital-ocean/DigitalOcean-public.v2.yaml'), multiFile: true },
].filter((s) => (!args.spec || s.name.includes(args.spec)) && existsSync(s.file ?? s.scale.from));

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [],
    strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true,
  },
};

/** Each tool: how to generate into a folder (run by `node` on its bin, not through npx), and a consumer entry that calls one GET operation. */
const TOOLS = {
  sdkgen: {
    generate: (spec, out) => ['node', [join(ROOT, 'generator/bin/sdkgen.js'), 'generate', '--spec', spec, '--out', out, '--name', 'bench']],
    include: ['src/**/*.ts'],
    // The standalone function with the core client: what a user who counts bytes writes.
    entry: (out, op) => op && `import { ${op.core}, ${op.fn} } from './src/index.js';\nexport const run = () => ${op.fn}(new ${op.core}({ ${op.auth} }));\n`,
    classEntry: (out, op) => op && `import Bench from './src/index.js';\nexport const run = () => new Bench({ ${op.auth} }).${op.resource}.${op.method}();\n`,
  },
  'hey-api': {
    // An absolute input path: hey-api reads a relative `a/b` as a registry shorthand.
    generate: (spec, out) => ['node', [join(ROOT, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '-i', spec, '-o', out, '-c', '@hey-api/client-fetch', '-s']],
    include: ['**/*.ts'],
    entry: (out, op) => op && heyApiEntry(out, op),
  },
  'openapi-typescript': {
    generate: (spec, out) => ['node', [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', join(out, 'schema.d.ts'), '--redocly', join(ROOT, 'bench/redocly.yaml')]],
    include: ['**/*.ts'],
    entry: (_out, op) => op && openapiFetchEntry(op),
  },
};

const machine = { cores: cpus().length, cpu: cpus()[0]?.model.trim(), node: process.version, loadBefore: loadavg().map((l) => l.toFixed(2)) };
const rows = [];
const regenerations = [];
const specFiles = new Map();
// Inside the repository, so outputs resolve openapi-fetch from its node_modules.
mkdirSync(join(ROOT, 'bench/.work'), { recursive: true });
const work = mkdtempSync(join(ROOT, 'bench/.work/run-'));
try {
  for (const spec of SPECS) {
    const file = specInWork(spec);
    specFiles.set(spec.name, file);
    const sizeMb = specBytes(spec, file) / 1e6;
    const op = spec.scale || args.quick ? undefined : await firstSimpleGet(file, work);
    for (const [tool, t] of Object.entries(TOOLS)) {
      if (args.tool && tool !== args.tool) continue;
      rows.push({ sizeMb, scaled: Boolean(spec.scale), ...measure(spec, file, tool, t, op) });
    }
    const sdk = rows.find((r) => r.spec === spec.name && r.tool === 'sdkgen' && !r.error);
    if (sdk) regenerations.push({ spec: spec.name, ...regenerate(spec, file, sdk.out) });
  }
  for (const r of rows) {
    if (!r.out || !r.op) continue;
    r.bundle = await bundleSize(join(r.out, 'bench-entry.ts'), join(ROOT, 'node_modules'));
    r.classBundle = await bundleSize(join(r.out, 'bench-class-entry.ts'), join(ROOT, 'node_modules'));
    if (r.tool === 'sdkgen') r.slimBundle = await sdkgenBundle(specFiles.get(r.spec), `${r.out}-slim`, r.op, 'slim');
  }
  machine.loadAfter = loadavg().map((l) => l.toFixed(2));
  report({ rows, regenerations, machine, runs: RUNS, save: args.save, root: ROOT });
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The file every tool reads: a scaled spec is built here, and a one-file spec
 * is copied here so the docs-only edit can be made to it; a spec split over
 * files is read where it is.
 */
function specInWork(spec) {
  const name = spec.name.replace(/\W/g, '');
  if (spec.scale) {
    const target = join(work, `${name}.yaml`);
    scaleSpecFile(spec.scale.from, spec.scale.factor, target);
    return target;
  }
  if (spec.multiFile) return spec.file;
  const target = join(work, `${name}${spec.file.match(/\.\w+$/)[0]}`);
  copyFileSync(spec.file, target);
  return target;
}

function specBytes(spec, file) {
  return spec.multiFile ? NaN : statSync(file).size;
}

function measure(spec, file, tool, t, op) {
  const runs = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    out = join(work, `${tool}-${spec.name.replace(/\W/g, '')}-${i}`);
    runs.push(time(t.generate(file, out), work));
    if (i < RUNS - 1) rmSync(out, { recursive: true, force: true });
  }
  const failed = runs.find((r) => !r.ok);
  if (failed) return { spec: spec.name, tool, error: failed.error };
  const row = { spec: spec.name, tool, out, op, wall: median(runs.map((r) => r.wall)), rss: median(runs.map((r) => r.rss)), ...sizeOf(out) };
  // The output checks cost more than generating; scaled specs would only repeat openai's.
  if (spec.scale || args.quick) return row;
  writeFileSync(join(out, 'tsconfig.bench.json'), JSON.stringify({ ...TSCONFIG, include: t.include }));
  const entry = t.entry(out, op);
  if (entry) writeFileSync(join(out, 'bench-entry.ts'), entry);
  const classEntry = t.classEntry?.(out, op);
  if (classEntry) writeFileSync(join(out, 'bench-class-entry.ts'), classEntry);
  const tsc = time(['node', [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(out, 'tsconfig.bench.json')]], work);
  return { ...row, tsc: tsc.wall, tscOk: tsc.ok, tscError: tsc.ok ? undefined : tsc.error };
}

/**
 * sdkgen run again into its last output: with the spec unchanged, then after
 * one description in it is edited (a docs-only change), medians of the runs.
 */
function regenerate(spec, file, out) {
  const command = TOOLS.sdkgen.generate(file, out);
  const unchanged = median(Array.from({ length: RUNS }, () => time(command, work).wall));
  if (spec.multiFile) return { unchanged };
  const original = readFileSync(file, 'utf8');
  const docsOnly = [];
  let written;
  for (let i = 0; i < RUNS; i++) {
    // A different edit each time, so every run has a change to make.
    writeFileSync(file, editOneDescription(original, `Edited ${i + 1}.`));
    const run = time(command, work);
    docsOnly.push(run.wall);
    written = run.ok ? run.output.match(/wrote (\d+) file/)?.[1] : 'failed';
  }
  writeFileSync(file, original);
  return { unchanged, docsOnly: median(docsOnly), written };
}

/** The spec with text added to the first one-line description under `components` (else anywhere): a schema's or property's docs. */
function editOneDescription(text, words) {
  const lines = text.split('\n');
  const components = lines.findIndex((l) => /^components:/.test(l));
  const plain = (l) => /^\s+description: [^|>'"\s&*!%@`[{].*[^\s:]$/.test(l);
  const at = lines.findIndex((l, i) => i > components && plain(l));
  const i = at === -1 ? lines.findIndex(plain) : at;
  if (i === -1) throw new Error('bench: no one-line description to edit');
  lines[i] = `${lines[i]} ${words}`;
  return lines.join('\n');
}

/** `--name value` options, and `--save` and `--quick` as flags. */
function parseArgs(argv) {
  const flags = new Set(['save', 'quick']);
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (flags.has(name)) out[name] = true;
    else if (i + 1 < argv.length) out[name] = argv[++i];
    else throw new Error(`bench: --${name} needs a value`);
  }
  return out;
}
