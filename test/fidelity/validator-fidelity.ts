import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempTree } from '../support/tmp.js';
import { fidelityCases, forAjv, type Budget, type Case } from './type-fidelity.js';

type Issue = { pointer: string; expected: string; received: string };
type Check = (value: unknown, at: string, out: Issue[]) => void;

export interface ValidatorOutcome extends Case {
  issues: Issue[];
}

export interface ValidatorFidelity {
  /** Response models with a validator, and the cases made for them. */
  models: number;
  valid: { passed: number; total: number; refused: ValidatorOutcome[] };
  invalid: { failed: number; total: number; missed: ValidatorOutcome[] };
  /** Invalid values whose first issue names the field made wrong. */
  pointed: { right: number; wrong: ValidatorOutcome[] };
}

/**
 * Runs the values the type-fidelity check makes (ajv's valid ones and the
 * mutated invalid ones) through the package's generated validators, as
 * bundled by esbuild: the values of every response model with a validator,
 * in their wire form. `alter` changes the generated files first.
 */
export async function measureValidatorFidelity(spec: string, budget: Budget, alter?: (files: Map<string, string>) => void): Promise<ValidatorFidelity> {
  const cases = fidelityCases(spec, budget, alter);
  const checks = await loadValidators(cases.files);
  const of = (c: Case) => checks.get(c.model);
  const run = (c: Case): ValidatorOutcome => {
    const issues: Issue[] = [];
    of(c)!(forAjv(c.value), '', issues);
    return { ...c, issues };
  };
  const valid = cases.valid.filter((c) => c.direction === 'output' && of(c)).map(run);
  const invalid = cases.invalid.filter((c) => c.direction === 'output' && of(c)).map(run);
  const refused = valid.filter((o) => o.issues.length > 0);
  const missed = invalid.filter((o) => o.issues.length === 0);
  const failed = invalid.filter((o) => o.issues.length > 0);
  const wrong = failed.filter((o) => o.issues[0]!.pointer !== o.pointer);
  return {
    models: new Set([...valid, ...invalid].map((c) => c.model)).size,
    valid: { passed: valid.length - refused.length, total: valid.length, refused },
    invalid: { failed: failed.length, total: invalid.length, missed },
    pointed: { right: failed.length - wrong.length, wrong },
  };
}

/** The model validators of the generated module, by model name: the test's copy exports them. */
async function loadValidators(files: Map<string, string>): Promise<Map<string, Check>> {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[path] = text;
  const source = tree['src/validators.ts']!;
  const names = [...source.matchAll(/^function \$([A-Za-z0-9]+)\(/gm)].map((m) => m[1]!);
  tree['src/validators.ts'] = `${source}\nexport { ${names.map((n) => `$${n}`).join(', ')} };\n`;
  const dir = tempTree(tree);
  const out = join(dir, 'validators.mjs');
  const result = await build({ entryPoints: [join(dir, 'src/validators.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  writeFileSync(out, result.outputFiles[0]!.text);
  const module = (await import(pathToFileURL(out).href)) as Record<string, Check>;
  return new Map(names.map((n) => [n, module[`$${n}`]!]));
}
