import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';
import { literal, measureTypeFidelity, type Outcome } from './type-fidelity.js';
import { measureValidatorFidelity, type ValidatorOutcome } from './validator-fidelity.js';

/**
 * Each spec, how many schema values its generated types must accept and how
 * many mistakes they must catch. The goal is every valid value accepted and at
 * least 99.5% of invalid ones rejected; the figures asserted are what the
 * generator achieves now, so a regression fails and a fix shows in the output.
 */
const SPECS: { spec: string; validAccepted: number; invalidRejected: number }[] = [
  { spec: 'corpus/simple-example.yaml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'corpus/clerk-backend.yml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'corpus/openai.yaml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'corpus/feature-tour.yaml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'corpus/digital-ocean/DigitalOcean-public.v2.yaml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'specs/clerk.yaml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'specs/fastly.yaml', validAccepted: 1, invalidRejected: 0.995 },
  { spec: 'specs/syncano.yaml', validAccepted: 1, invalidRejected: 0.995 },
];

const BUDGET = { values: 6, mutations: 8 };

/** `Model ×count` for the models with the most cases, most first. */
function byModel(cases: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.model, (counts.get(c.model) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([m, n]) => `${m} ×${n}`).join(', ');
}

function show(o: Outcome): string {
  return `  ${o.model}${o.mutation ? ` (${o.mutation})` : ''}: ${literal(o.value).slice(0, 300)}\n    ${o.diagnostics[0]?.split('\n').slice(0, 3).join(' / ') ?? 'no error'}`;
}

describe('generated types accept what the schema allows and reject what it forbids', () => {
  it.each(SPECS)('$spec', ({ spec, validAccepted, invalidRejected }) => {
    const f = measureTypeFidelity(join(ROOT, spec), BUDGET);
    const validRate = f.valid.accepted / f.valid.total;
    const invalidRate = f.invalid.rejected / f.invalid.total;
    console.log([
      `${spec}: ${f.models} models; valid accepted ${f.valid.accepted}/${f.valid.total}; invalid rejected ${f.invalid.rejected}/${f.invalid.total}; no value made for ${f.unsampled.length}; no validator for ${f.unjudged.length}`,
      ...f.unjudged.slice(0, 3).map((u) => `no validator: ${u}`),
      ...(f.unsampled.length > 0 ? [`no value made for: ${f.unsampled.slice(0, 12).join(', ')}`] : []),
      ...(f.valid.refused.length > 0 ? [`valid but refused, by model: ${byModel(f.valid.refused)}`] : []),
      ...(f.invalid.missed.length > 0 ? [`invalid but accepted, by model: ${byModel(f.invalid.missed)}`] : []),
      ...f.valid.refused.slice(0, 8).map((o) => `valid but refused:\n${show(o)}`),
      ...f.invalid.missed.slice(0, 8).map((o) => `invalid but accepted:\n${show(o)}`),
    ].join('\n'));
    expect(f.valid.total).toBeGreaterThan(f.models);
    expect(f.invalid.total).toBeGreaterThan(f.models);
    expect(validRate).toBeGreaterThanOrEqual(validAccepted);
    expect(invalidRate).toBeGreaterThanOrEqual(invalidRejected);
  }, 600_000);
});

describe('the type check catches a model made wrong', () => {
  it('an enum widened, a required property made optional and a nullable one made not null', () => {
    const f = measureTypeFidelity(join(ROOT, 'specs/syncano.yaml'), BUDGET, (files) => {
      const models = files.get('src/models.ts')!;
      files.set('src/models.ts', models
        .replace("export type Role = 'full' | 'write' | 'read';", 'export type Role = string;')
        .replace(/(export interface InvitationCreate \{[^}]*?)email: string;/, '$1email?: string;')
        .replace('next: string | null;', 'next: string;'));
    });
    const missed = f.invalid.missed.map((o) => `${o.model}: ${o.mutation}`);
    expect(missed.some((m) => m.startsWith('Role: value outside the enum'))).toBe(true);
    expect(missed.some((m) => m.startsWith('InvitationCreate: drop required /email'))).toBe(true);
    expect(f.valid.refused.some((o) => o.model === 'InvitationList' && (o.value as { next: unknown }).next === null)).toBe(true);
  }, 600_000);
});

// The generated response validators are judged by the same values, made once for both checks.

function showValidated(o: ValidatorOutcome): string {
  const first = o.issues[0];
  return `  ${o.model}${o.mutation ? ` (${o.mutation}, at ${JSON.stringify(o.pointer)})` : ''}: ${literal(o.value).slice(0, 200)}\n    ${first ? `${first.pointer}: expected ${first.expected}, received ${first.received}` : 'no issue'}`;
}

describe('generated validators pass what the schema allows and name the field of each mistake', () => {
  it.each(SPECS.map((s) => s.spec))('%s', async (spec) => {
    const f = await measureValidatorFidelity(join(ROOT, spec), BUDGET);
    console.log([
      `${spec}: ${f.models} response models; valid passed ${f.valid.passed}/${f.valid.total}; invalid failed ${f.invalid.failed}/${f.invalid.total}; first issue at the mutated field ${f.pointed.right}/${f.invalid.failed}`,
      ...f.valid.refused.slice(0, 6).map((o) => `valid but refused:\n${showValidated(o)}`),
      ...f.invalid.missed.slice(0, 6).map((o) => `invalid but passed:\n${showValidated(o)}`),
      ...f.pointed.wrong.slice(0, 6).map((o) => `another pointer:\n${showValidated(o)}`),
    ].join('\n'));
    expect(f.valid.total).toBeGreaterThan(0);
    expect(f.valid.refused).toEqual([]);
    expect(f.invalid.missed).toEqual([]);
    expect(f.pointed.wrong).toEqual([]);
  }, 600_000);
});

describe('the validator check catches validators made wrong', () => {
  it('a required property made optional, an enum widened and a nullable property made not null', async () => {
    const f = await measureValidatorFidelity(join(ROOT, 'specs/syncano.yaml'), BUDGET, (files) => {
      const validators = files.get('src/validators.ts')!;
      files.set('src/validators.ts', validators
        .replace("['email', true,", "['email', false,")
        .replace("vLiteral(['full', 'write', 'read'])", 'vString')
        .replace("['next', true, vAnyOf('string | null', [vString, vNull])", "['next', true, vString"));
    });
    const missed = f.invalid.missed.map((o) => `${o.model}: ${o.mutation}`);
    expect(missed.some((m) => m.startsWith('Invitation: drop required /email'))).toBe(true);
    expect(missed.some((m) => m.startsWith('Role: value outside the enum'))).toBe(true);
    expect(f.valid.refused.some((o) => o.model === 'InvitationList' && (o.value as { next: unknown }).next === null)).toBe(true);
  }, 600_000);

  it('a pointer that names another field', async () => {
    const f = await measureValidatorFidelity(join(ROOT, 'specs/syncano.yaml'), BUDGET, (files) => {
      const runtime = files.get('src/core/validation.ts')!;
      files.set('src/core/validation.ts', runtime.replace('return `${at}/${String(key)', 'return `${at}/${String(key).toUpperCase()'));
    });
    expect(f.pointed.wrong.length).toBeGreaterThan(0);
  }, 600_000);
});
