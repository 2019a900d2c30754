import { watch } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { packagesFromConfig } from './config.js';
import { formatDiagnostic, SpecError } from './diagnostics.js';
import { cachedResult, GENERATOR_VERSION } from './cache.js';
import { parseInvocation, UsageError, type Invocation } from './cli-args.js';
import { shortDiff } from './short-diff.js';
import type { GenerateOptions, GenerateResult } from './options.js';
import { runDiff } from './cli-diff.js';
import type { ApiChange } from './release/changes.js';
import type { Release } from './release/plan.js';
import { readManifest } from './write/manifest.js';
import { WriteConflict } from './write/writer.js';

/** The pipeline, loaded only when there is something to generate. */
const pipeline = () => import('./generate.js');

const USAGE = `Usage: sdkgen generate [options]
       sdkgen diff OLD_SPEC NEW_SPEC [--json] [--name NAME] [--overlay FILE]

generate: generates a typed TypeScript client package per OpenAPI spec.
diff:     prints how moving from OLD_SPEC to NEW_SPEC changes the generated
          package's API (breaking, feature, fix, docs) and the version bump it
          calls for; writes nothing.

Without --spec, generates every package listed in sdkgen.config.json
(or every specs/*.yaml into generated/<name>).

Options:
  --spec FILE        generate from this spec only (needs --out)
  --overlay FILE     apply this OpenAPI Overlay to the spec first (with --spec,
                     or to both specs of diff; repeat for several, in order)
  --out DIR          output folder (with --spec)
  --name NAME        short API name, e.g. clerk (with --spec)
  --package NAME     npm package name (with --spec)
  --core slim        vendor the slim client core: no retries, hooks, logging
                     or redirect following (with --spec; default full)
  --check            write nothing; exit 1 when generated files are stale
  --watch            regenerate when a spec or overlay changes
  --strict           treat warnings as errors
  --force            overwrite generated files that were edited by hand
  --dates            type format: date-time strings as Date, and turn them
                     into Dates in responses (with --spec; in the config,
                     "dates": true per package)
  --json             (diff) print {"bump", "changes": [...]} as JSON
  -h, --help         show this help
  -v, --version      print the generator version
`;

/** Lines of diff `--check` shows per stale file. */
const CHECK_DIFF_LINES = 12;

export async function main(argv: string[]): Promise<number> {
  let inv: Invocation;
  let jobs: GenerateOptions[];
  try {
    inv = parseInvocation(argv);
    if (inv.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (inv.command === 'version') {
      process.stdout.write(`${GENERATOR_VERSION}\n`);
      return 0;
    }
    if (inv.command === 'diff') return await runDiff(inv);
    jobs = inv.spec !== undefined
      ? [{ spec: inv.spec, overlays: inv.overlay, out: inv.out!, name: inv.name, packageName: inv.package, core: inv.core, ...(inv.dates ? { dates: true } : {}) }]
      : packagesFromConfig(process.cwd());
  } catch (e) {
    const hint = e instanceof UsageError ? '\nRun "sdkgen --help" for usage.' : '';
    process.stderr.write(`sdkgen: ${(e as Error).message}${hint}\n`);
    return 2;
  }
  const shared = { check: inv.check, strict: inv.strict, force: inv.force };
  jobs = jobs.map((j) => ({ ...j, ...shared }));
  if (jobs.length === 0) {
    process.stderr.write('sdkgen: no specs found (add sdkgen.config.json or specs/*.yaml)\n');
    return 2;
  }
  const reporter: Reporter = { stamp: inv.watch === true, command: regenerateCommand(argv) };
  const code = await runAll(jobs, reporter);
  if (!inv.watch) return code;
  await watchSpecs(jobs, reporter);
  return new Promise<number>(() => {});
}

/** How each line is reported: stamped with the time under --watch; the command that fixes a stale check. */
interface Reporter {
  stamp: boolean;
  command: string;
}

/** The command a `--check` failure tells the user to run: the same one, without `--check`. */
function regenerateCommand(argv: string[]): string {
  return ['sdkgen', ...argv.filter((a) => a !== '--check' && a !== '--watch')].map(shellWord).join(' ');
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./@:=+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

function say(reporter: Reporter, text: string): void {
  const stamp = reporter.stamp ? `[${new Date().toTimeString().slice(0, 8)}] ` : '';
  process.stdout.write(`${stamp}${text}\n`);
}

/** Runs every job, reporting each; the worst outcome decides the exit code. */
async function runAll(jobs: GenerateOptions[], reporter: Reporter): Promise<number> {
  let code = 0;
  for (const job of jobs) code = Math.max(code, await runOne(job, reporter));
  return code;
}

async function runOne(job: GenerateOptions, reporter: Reporter): Promise<number> {
  const started = performance.now();
  try {
    const result = await generateLazily(job);
    for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
    const where = relative(process.cwd(), result.out) || '.';
    const ms = Math.round(performance.now() - started);
    if (result.status === 'stale') {
      process.stderr.write(staleReport(where, result, reporter.command));
      return 1;
    }
    const what = result.status === 'written' ? `wrote ${result.written.length} file(s)${releaseNote(result.release)}` : 'up to date';
    say(reporter, `${where}: ${what} (${ms} ms)`);
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

/** `, 1.2.0 → 2.0.0 (major: 2 breaking, 1 feature)` after a run that made a release. */
function releaseNote(release: Release | undefined): string {
  if (!release || release.previousVersion === undefined || release.changes.length === 0) return '';
  return `, ${release.previousVersion} → ${release.version} (${release.bump}: ${countKinds(release.changes)})`;
}

function countKinds(changes: ApiChange[]): string {
  return (['breaking', 'feature', 'fix', 'docs'] as const).map((k) => [k, changes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
}

/** What the pending regeneration would mean to consumers, led by its most serious change. */
function pendingNote(release: Release | undefined): string {
  if (!release || release.changes.length === 0) return 'no change to the API';
  const first = release.changes[0]!;
  const kind = { breaking: 'breaking change', feature: 'compatible API change', fix: 'fix', docs: 'documentation change' }[first.kind];
  const more = release.changes.length > 1 ? ` (+${release.changes.length - 1} more: ${countKinds(release.changes)})` : '';
  return `pending ${kind} (${release.bump}, ${release.previousVersion ?? release.version} → ${release.version}): ${first.symbol} ${first.message}${more}`;
}

function staleReport(where: string, result: GenerateResult, command: string): string {
  const lines = [`${where}: generated files are stale; ${pendingNote(result.release)}`, `run: ${command}`];
  for (const file of result.stale) lines.push(...shortDiff(file.path, file.before, file.after, CHECK_DIFF_LINES));
  return `${lines.join('\n')}\n`;
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
async function watchSpecs(jobs: GenerateOptions[], reporter: Reporter): Promise<void> {
  for (const job of jobs) {
    let inputs = new Set(await inputsOf(job));
    let timer: NodeJS.Timeout | undefined;
    const rerun = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        await runOne(job, reporter);
        inputs = new Set(await inputsOf(job));
      }, 50);
    };
    for (const dir of new Set([...inputs].map((f) => dirname(f)))) {
      watch(dir, { recursive: false }, (_event, name) => {
        if (name !== null && [...inputs].some((f) => f === resolve(dir, name.toString()))) rerun();
      });
    }
  }
  say(reporter, 'watching for changes (Ctrl-C to stop)');
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
