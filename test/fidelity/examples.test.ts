import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/dist/index.js';
import { apiName, ROOT } from '../support/packages.js';
import { compileSnippets, extractSnippets } from './examples.js';

/** The goal is none failing; the counts allowed are what the generator does now, so a regression fails. */
const SPECS = [
  { spec: 'corpus/simple-example.yaml', failing: 0 },
  { spec: 'corpus/clerk-backend.yml', failing: 1 },
  { spec: 'corpus/openai.yaml', failing: 1 },
  { spec: 'corpus/feature-tour.yaml', failing: 1 },
  { spec: 'corpus/digital-ocean/DigitalOcean-public.v2.yaml', failing: 45 },
  { spec: 'specs/clerk.yaml', failing: 0 },
  { spec: 'specs/fastly.yaml', failing: 0 },
  { spec: 'specs/syncano.yaml', failing: 0 },
];

/** The kinds of error, most common first. */
function byError(failed: { diagnostics: string[] }[]): string {
  const counts = new Map<string, number>();
  for (const f of failed) {
    const kind = (f.diagnostics[0] ?? '').split('\n')[0]!.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join('; ');
}

/** What a reader copies from the docs must compile: every `@example` and every ts fence of the README and docs. */
describe('every example in the generated code and docs compiles', () => {
  it.each(SPECS)('$spec', ({ spec, failing }) => {
    const name = apiName(spec);
    const { files, ir } = buildPackage({ spec: join(ROOT, spec), out: 'unused', name, packageName: `@sdkgen/${name}` });
    const snippets = extractSnippets(files);
    const outcomes = compileSnippets(files, snippets);
    const failed = outcomes.filter((o) => o.diagnostics.length > 0);
    const fromJsdoc = snippets.filter((s) => s.origin.includes('.ts:')).length;
    console.log([
      `${spec}: ${outcomes.length - failed.length}/${outcomes.length} examples compile (${fromJsdoc} from @example, ${snippets.length - fromJsdoc} from markdown)`,
      ...(failed.length > 0 ? [`  failing, by error: ${byError(failed)}`] : []),
      ...failed.slice(0, 10).map((o) => `  ${o.origin}: ${o.diagnostics[0]?.split('\n')[0]}\n    ${o.code.split('\n').join('\n    ')}`),
    ].join('\n'));
    const operations = ir.resources.flatMap((r) => r.operations).length;
    // Each operation has an example on its method, its standalone function and its docs page.
    expect(fromJsdoc).toBeGreaterThanOrEqual(operations);
    expect(failed.length).toBeLessThanOrEqual(failing);
  }, 600_000);
});
