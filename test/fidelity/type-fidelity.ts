import ts from 'typescript';
import { dirname, join, resolve } from 'node:path';
import { buildPackage } from '../../generator/dist/index.js';
import type { IR } from '../../generator/dist/ir/types.js';
import { STRICT_OPTIONS } from '../support/compile.js';
import { apiName } from '../support/packages.js';
import { SpecDocs } from '../support/spec-docs.js';
import { tempTree } from '../support/tmp.js';
import { Judge, type Direction } from './judge.js';
import { Binary, seeded, Synthesizer, type Path, type Site } from './synth.js';

export interface Case {
  model: string;
  value: unknown;
  /** For an invalid value: the mistake made in a valid one. */
  mutation?: string;
  /** For an invalid value: the JSON Pointer of the field made wrong (of the property, for a dropped one). */
  pointer?: string;
}

/** The values made for a spec's models, before any judging by the generated code. */
export interface Cases {
  ir: IR;
  files: Map<string, string>;
  models: number;
  /** Values ajv accepts, each with the direction its model is the shape of. */
  valid: (Case & { direction: Direction })[];
  /** Values made wrong at one place, which ajv's type-level judge rejects. */
  invalid: (Case & { direction: Direction })[];
  unsampled: string[];
  unjudged: string[];
}

export interface Outcome extends Case {
  diagnostics: string[];
}

export interface TypeFidelity {
  models: number;
  valid: { accepted: number; total: number; refused: Outcome[] };
  invalid: { rejected: number; total: number; missed: Outcome[] };
  /** Models no valid value could be made for (ajv refused every proposal). */
  unsampled: string[];
  /** Models ajv cannot compile a validator for, with its reason. */
  unjudged: string[];
}

export interface Budget {
  values: number;
  mutations: number;
}

/**
 * Proposes values for each named schema of a spec, keeps those ajv accepts
 * (and, mutated, those ajv rejects), and type-checks every one against the
 * generated model with one TypeScript program. `alter` changes the generated
 * files first, to show that a wrong model is caught.
 */
export function measureTypeFidelity(spec: string, budget: Budget, alter?: (files: Map<string, string>) => void): TypeFidelity {
  const { files, models, valid, invalid, unsampled, unjudged } = fidelityCases(spec, budget, alter);
  const outcomes = typeCheckCases(files, [...valid, ...invalid]);
  const validOut = outcomes.slice(0, valid.length);
  const invalidOut = outcomes.slice(valid.length);
  const refused = validOut.filter((o) => o.diagnostics.length > 0);
  const missed = invalidOut.filter((o) => o.diagnostics.length === 0);
  return {
    models,
    valid: { accepted: valid.length - refused.length, total: valid.length, refused },
    invalid: { rejected: invalid.length - missed.length, total: invalid.length, missed },
    unsampled,
    unjudged,
  };
}

const made = new Map<string, Cases>();

/**
 * Proposes the values for each named schema of a spec, judged by ajv, with
 * the generated package they are for. Unaltered packages' cases are made once
 * per test file, as the type check and the validator check judge the same ones.
 */
export function fidelityCases(spec: string, budget: Budget, alter?: (files: Map<string, string>) => void): Cases {
  if (alter) return makeCases(spec, budget, alter);
  const key = `${spec}:${budget.values}:${budget.mutations}`;
  if (!made.has(key)) made.set(key, makeCases(spec, budget));
  return made.get(key)!;
}

function makeCases(spec: string, budget: Budget, alter?: (files: Map<string, string>) => void): Cases {
  const name = apiName(spec);
  const { ir, files } = buildPackage({ spec, out: 'unused', name, packageName: `${name}-sdk` });
  alter?.(files);
  const docs = new SpecDocs(spec);
  const judges = new Map<string, Judge>();
  const judge = (direction: Direction, typeLevel: boolean) => {
    const key = `${direction}:${typeLevel}`;
    if (!judges.has(key)) judges.set(key, new Judge(docs, direction, typeLevel));
    return judges.get(key)!;
  };
  const valid: Cases['valid'] = [];
  const invalid: Cases['invalid'] = [];
  const unsampled: string[] = [];
  const unjudged: string[] = [];
  let models = 0;
  for (const model of ir.models) {
    const origin = /^(.*?)#([^ ]*)( \(request shape\))?$/.exec(model.source);
    if (!origin || model.source.endsWith('(inline)')) continue;
    models++;
    const file = resolve(dirname(spec), origin[1]!);
    const pointer = origin[2]!;
    const direction: Direction = origin[3] ? 'input' : 'output';
    try {
      judge(direction, false).accepts(file, pointer, null);
      judge(direction, true).accepts(file, pointer, null);
    } catch (e) {
      unjudged.push(`${model.name}: ${(e as Error).message}`);
      continue;
    }
    const random = seeded(`${name}:${model.name}`);
    const synth = new Synthesizer(docs, direction, random);
    const seen = new Set<string>();
    const sites: { value: unknown; site: Site }[] = [];
    for (let n = 0; n < budget.values * 2 && seen.size < budget.values; n++) {
      const made = synth.make({ file, schema: docs.get(file, pointer) as Record<string, unknown> }, n);
      if (!made) continue;
      const key = JSON.stringify(made.value, jsonBinary);
      if (seen.has(key) || !judge(direction, false).accepts(file, pointer, forAjv(made.value))) continue;
      seen.add(key);
      valid.push({ model: model.name, value: made.value, direction });
      for (const site of made.sites) sites.push({ value: made.value, site });
    }
    if (seen.size === 0) unsampled.push(model.name);
    const candidates = shuffle(sites.flatMap(({ value, site }) => mutations(value, site)), random);
    let kept = 0;
    for (const c of candidates) {
      if (kept >= budget.mutations) break;
      if (judge(direction, true).accepts(file, pointer, forAjv(c.value))) continue;
      invalid.push({ model: model.name, value: c.value, mutation: c.mutation, pointer: c.pointer, direction });
      kept++;
    }
  }
  return { ir, files, models, valid, invalid, unsampled, unjudged };
}

/** Mistakes a type can express, made at one place of a valid value. */
function mutations(value: unknown, site: Site): { value: unknown; mutation: string; pointer: string }[] {
  const where = `/${site.path.join('/')}`;
  const pointer = site.path.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  switch (site.kind) {
    case 'object':
      return site.required.map((key) => ({ value: update(value, site.path, (o) => omit(o, key)), mutation: `drop required ${where === '/' ? '' : where}/${key}`, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` }));
    case 'enum':
      return [{ value: update(value, site.path, () => (typeof site.value === 'string' ? 'not-in-the-enum' : 987654)), mutation: `value outside the enum at ${where}`, pointer }];
    case 'value': {
      const wrong = typeof site.value === 'string' ? 12345 : typeof site.value === 'number' ? '12345' : typeof site.value === 'boolean' ? 'true' : 42;
      return [
        { value: update(value, site.path, () => wrong), mutation: `${JSON.stringify(wrong)} for ${describe(site.value)} at ${where}`, pointer },
        ...(site.value === null ? [] : [{ value: update(value, site.path, () => null), mutation: `null at ${where}`, pointer }]),
      ];
    }
  }
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function omit(o: unknown, key: string): unknown {
  const { [key]: _dropped, ...rest } = o as Record<string, unknown>;
  return rest;
}

function update(value: unknown, path: Path, change: (v: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? update(v, rest, change) : v));
  const o = value as Record<string, unknown>;
  return { ...o, [head!]: update(o[head!], rest, change) };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function jsonBinary(_key: string, v: unknown): unknown {
  return v instanceof Binary ? { binary: v.text } : v;
}

/** The value as it goes over the wire, for ajv: binary content is a string there. */
export function forAjv(v: unknown): unknown {
  if (v instanceof Binary) return v.text;
  if (Array.isArray(v)) return v.map(forAjv);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forAjv(x)]));
  return v;
}

/** A value as a TypeScript expression on one line. */
export function literal(v: unknown): string {
  if (v instanceof Binary) return `new Blob([${JSON.stringify(v.text)}])`;
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => `${k === '__proto__' ? `["__proto__"]` : JSON.stringify(k)}: ${literal(x)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(v);
}

/** Type-checks `const vN: Models.X = value;`, one per line, with one program; each case gets the errors on its line. */
function typeCheckCases(files: Map<string, string>, cases: Case[]): Outcome[] {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[path] = text;
  const lines = cases.map((c, i) => `const v${i}: Models.${c.model} = ${literal(c.value)};`);
  tree['src/fidelity-values.ts'] = [`import type * as Models from './models.js';`, ...lines, ''].join('\n');
  const dir = tempTree(tree);
  const path = join(dir, 'src/fidelity-values.ts');
  const program = ts.createProgram({ rootNames: [path], options: { ...STRICT_OPTIONS, noEmit: true, noUnusedLocals: false } });
  const file = program.getSourceFile(path)!;
  const byLine = new Map<number, string[]>();
  const elsewhere: string[] = [];
  for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file), ...program.getGlobalDiagnostics()]) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file !== file || d.start === undefined) {
      elsewhere.push(text);
      continue;
    }
    const line = file.getLineAndCharacterOfPosition(d.start).line - 1;
    byLine.set(line, [...(byLine.get(line) ?? []), text]);
  }
  for (const d of program.getSemanticDiagnostics()) if (d.file !== file) elsewhere.push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (elsewhere.length > 0) throw new Error(`the generated models do not type-check:\n${elsewhere.slice(0, 5).join('\n')}`);
  return cases.map((c, i) => ({ ...c, diagnostics: byLine.get(i) ?? [] }));
}
