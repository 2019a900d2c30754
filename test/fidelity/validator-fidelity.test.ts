import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';
import { literal } from './type-fidelity.js';
import { measureValidatorFidelity, type ValidatorOutcome } from './validator-fidelity.js';

const SPECS = [
  'corpus/simple-example.yaml',
  'corpus/clerk-backend.yml',
  'corpus/openai.yaml',
  'corpus/digital-ocean/DigitalOcean-public.v2.yaml',
  'specs/clerk.yaml',
  'specs/fastly.yaml',
  'specs/syncano.yaml',
];

const BUDGET = { values: 6, mutations: 8 };

function show(o: ValidatorOutcome): string {
  const first = o.issues[0];
  return `  ${o.model}${o.mutation ? ` (${o.mutation}, at ${JSON.stringify(o.pointer)})` : ''}: ${literal(o.value).slice(0, 200)}\n    ${first ? `${first.pointer}: expected ${first.expected}, received ${first.received}` : 'no issue'}`;
}

describe('generated validators pass what the schema allows and name the field of each mistake', () => {
  it.each(SPECS)('%s', async (spec) => {
    const f = await measureValidatorFidelity(join(ROOT, spec), BUDGET);
    console.log([
      `${spec}: ${f.models} response models; valid passed ${f.valid.passed}/${f.valid.total}; invalid failed ${f.invalid.failed}/${f.invalid.total}; first issue at the mutated field ${f.pointed.right}/${f.invalid.failed}`,
      ...f.valid.refused.slice(0, 6).map((o) => `valid but refused:\n${show(o)}`),
      ...f.invalid.missed.slice(0, 6).map((o) => `invalid but passed:\n${show(o)}`),
      ...f.pointed.wrong.slice(0, 6).map((o) => `another pointer:\n${show(o)}`),
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
