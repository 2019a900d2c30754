import { parseArgs } from 'node:util';
import { CORES, type CoreKind } from './load/runtime-files.js';
import { apiNameProblem, packageNameProblem } from './package-names.js';

/** A command line that cannot be run as given; the CLI prints it and exits 2. */
export class UsageError extends Error {}

export type Command = 'generate' | 'diff';

export interface Invocation {
  command: Command | 'help' | 'version';
  positionals: string[];
  spec?: string | undefined;
  overlay?: string[] | undefined;
  out?: string | undefined;
  name?: string | undefined;
  package?: string | undefined;
  core?: CoreKind | undefined;
  check?: boolean | undefined;
  watch?: boolean | undefined;
  strict?: boolean | undefined;
  force?: boolean | undefined;
  json?: boolean | undefined;
  dates?: boolean | undefined;
}

const OPTIONS = {
  spec: { type: 'string' }, overlay: { type: 'string', multiple: true }, out: { type: 'string' }, name: { type: 'string' }, package: { type: 'string' }, core: { type: 'string' },
  check: { type: 'boolean' }, watch: { type: 'boolean' }, strict: { type: 'boolean' }, force: { type: 'boolean' },
  json: { type: 'boolean' }, dates: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
} as const;

/** Which options each command reads; any other is refused rather than ignored. */
const ALLOWED: Record<Command, string[]> = {
  generate: ['spec', 'overlay', 'out', 'name', 'package', 'core', 'check', 'watch', 'strict', 'force', 'dates'],
  diff: ['name', 'json', 'strict', 'overlay'],
};

export function parseInvocation(argv: string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError(friendlyParseError(e as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', positionals };
  if (values.version) return { command: 'version', positionals };
  const command = positionals[0];
  if (command !== 'generate' && command !== 'diff') {
    throw new UsageError(command === undefined ? 'expected a command: "generate" or "diff"' : `unknown command ${JSON.stringify(command)} (expected "generate" or "diff")`);
  }
  for (const key of Object.keys(values)) {
    if (!ALLOWED[command].includes(key)) throw new UsageError(`--${key} does not apply to "sdkgen ${command}"`);
  }
  if (values.core !== undefined && !(CORES as readonly string[]).includes(values.core)) throw new UsageError(`--core must be ${CORES.map((c) => `"${c}"`).join(' or ')}, not ${JSON.stringify(values.core)}`);
  const invocation: Invocation = { ...values, core: values.core as CoreKind | undefined, command, positionals: positionals.slice(1) };
  if (command === 'generate') checkGenerate(invocation);
  else checkDiff(invocation);
  return invocation;
}

function checkGenerate(inv: Invocation): void {
  if (inv.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(inv.positionals[0])}`);
  if (inv.spec === undefined) {
    for (const flag of ['out', 'name', 'package', 'core', 'overlay', 'dates'] as const) {
      if (inv[flag] !== undefined) throw new UsageError(`--${flag} only applies with --spec (without --spec, every package in sdkgen.config.json is generated)`);
    }
    return;
  }
  if (inv.out === undefined) throw new UsageError('--spec needs --out: the folder to write the package into');
  checkNames(inv);
}

function checkDiff(inv: Invocation): void {
  if (inv.positionals.length !== 2) throw new UsageError('"sdkgen diff" takes two specs: OLD_SPEC NEW_SPEC');
  checkNames(inv);
}

function checkNames(inv: Invocation): void {
  const nameProblem = inv.name === undefined ? undefined : apiNameProblem(inv.name);
  if (nameProblem) throw new UsageError(`--name ${nameProblem}`);
  const packageProblem = inv.package === undefined ? undefined : packageNameProblem(inv.package);
  if (packageProblem) throw new UsageError(`--package: ${packageProblem}`);
}

/** Node's parse errors name the option in a sentence meant for programmers; say it in the CLI's words. */
function friendlyParseError(e: Error & { code?: string }): string {
  const option = /'(-[^' ]*)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = closestOption(option);
    return `unknown option ${option}${guess ? ` (did you mean --${guess}?)` : ''}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(e.message) ? `${option} needs a value` : `${option} takes no value`;
  }
  return e.message;
}

function closestOption(given: string): string | undefined {
  const bare = given.replace(/^-+/, '').split('=')[0]!;
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(OPTIONS)) {
    const distance = editDistance(bare, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
