import { watch } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packagesFromConfig } from './config.js';
import { formatDiagnostic, SpecError } from './diagnostics.js';
import { cachedResult } from './cache.js';
import type { GenerateOptions, GenerateResult } from './generate.js';
import { readManifest } from './write/manifest.js';
import { WriteConflict } from './write/writer.js';

/** The pipeline, loaded only when there is something to generate. */
const pipeline = () => import('./generate.js');

const USAGE = `Usage: sdkgen generate [options]

Generates a typed TypeScript client package per OpenAPI spec.

Without --spec, generates every package listed in sdkgen.config.json
(or every specs/*.yaml into generated/<name>).

Options:
  --spec FILE        generate from this spec only
  --out DIR          output folder (with --spec)
  --name NAME        short API name, e.g. clerk (with --spec)
  --package NAME     npm package name (with --spec)
  --check            write nothing; exit 1 when generated files are stale
  --watch            regenerate when a spec changes
  --strict           treat warnings as errors
  --force            overwrite generated files that were edited by hand
  -h, --help         show this help
`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, package: { type: 'string' },
        check: { type: 'boolean' }, watch: { type: 'boolean' }, strict: { type: 'boolean' }, force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`sdkgen: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals[0] !== 'generate' || positionals.length > 1) {
    process.stderr.write(`sdkgen: expected the command "generate"\n\n${USAGE}`);
    return 2;
  }
  let jobs: GenerateOptions[];
  try {
    jobs = values.spec
      ? [{ spec: values.spec, out: values.out ?? 'generated/out', name: values.name, packageName: values.package }]
      : packagesFromConfig(process.cwd());
  } catch (e) {
    process.stderr.write(`sdkgen: ${(e as Error).message}\n`);
    return 2;
  }
  const shared = { check: values.check, strict: values.strict, force: values.force };
  jobs = jobs.map((j) => ({ ...j, ...shared }));
  if (jobs.length === 0) {
    process.stderr.write('sdkgen: no specs found (add sdkgen.config.json or specs/*.yaml)\n');
    return 2;
  }
  const code = await runAll(jobs);
  if (!values.watch) return code;
  await watchSpecs(jobs);
  return new Promise<number>(() => {});
}

/** Runs every job, reporting each; the worst outcome decides the exit code. */
async function runAll(jobs: GenerateOptions[]): Promise<number> {
  let code = 0;
  for (const job of jobs) code = Math.max(code, await runOne(job));
  return code;
}

async function runOne(job: GenerateOptions): Promise<number> {
  const started = performance.now();
  try {
    const result = await generateLazily(job);
    for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
    const where = relative(process.cwd(), result.out) || '.';
    const ms = Math.round(performance.now() - started);
    if (result.status === 'stale') {
      process.stderr.write(`${where}: stale, regenerate with "sdkgen generate":\n${result.stale.map((s) => `  ${s}`).join('\n')}\n`);
      return 1;
    }
    const what = result.status === 'written' ? `wrote ${result.written.length} file(s)` : 'up to date';
    process.stdout.write(`${where}: ${what} (${ms} ms)\n`);
    return 0;
  } catch (e) {
    if (e instanceof SpecError) {
      for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      return 2;
    }
    if (e instanceof WriteConflict) {
      process.stderr.write(`sdkgen: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      process.stderr.write(`${job.spec}: error: the spec is nested too deeply to process\n`);
      return 2;
    }
    throw e;
  }
}

/** `generate`, with the cache checked before the pipeline is loaded. */
async function generateLazily(job: GenerateOptions): Promise<GenerateResult> {
  return cachedResult(job) ?? (await pipeline()).regenerate(job);
}

/**
 * Regenerates on every save; a broken save is reported and the last good
 * output stays. Folders are watched rather than files, because editors often
 * save by replacing the file.
 */
async function watchSpecs(jobs: GenerateOptions[]): Promise<void> {
  for (const job of jobs) {
    let inputs = new Set(await inputsOf(job));
    let timer: NodeJS.Timeout | undefined;
    const rerun = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        await runOne(job);
        inputs = new Set(await inputsOf(job));
      }, 50);
    };
    for (const dir of new Set([...inputs].map((f) => dirname(f)))) {
      watch(dir, { recursive: false }, (_event, name) => {
        if (name !== null && [...inputs].some((f) => f === resolve(dir, name.toString()))) rerun();
      });
    }
  }
  process.stdout.write('watching for changes (Ctrl-C to stop)\n');
}

/**
 * The files a spec reads, as the manifest of its last good run records them,
 * so a save costs one generation, not a second one to list the inputs.
 * Without a manifest (say, only --check ran), the pipeline lists them; the
 * root file alone while the spec is broken.
 */
async function inputsOf(job: GenerateOptions): Promise<string[]> {
  const out = resolve(job.out);
  const recorded = readManifest(out)?.inputs;
  if (recorded && recorded.length > 0) return recorded.map((f) => resolve(out, f));
  try {
    return (await pipeline()).buildPackage(job).inputs;
  } catch {
    return [resolve(job.spec)];
  }
}
