import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../generator/src/assets.js';
import { buildPackage } from '../../generator/src/generate.js';
import { precompiledModule, readPrecompiled, templateRenderer, type Precompiled } from '../../generator/src/emit/template-engine.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const templates = loadAssets().templates;
const PACKAGE_VIEW = { packageName: '@acme/pets', packageVersion: '1.2.3', description: 'TypeScript client for the Pets API', typescriptVersion: '5.9.3' };

/** The templates precompiled as the build does it, read back as a run reads them. */
function precompile(sources: Record<string, string>): Precompiled {
  const file = join(tempTree({}), 'templates.precompiled.cjs');
  writeFileSync(file, precompiledModule(sources));
  return readPrecompiled(file)!;
}

/**
 * Generates with the built generator (dist/, which the build gave precompiled
 * templates) in a process of its own, and says whether that process loaded the
 * Handlebars compiler or only its runtime.
 */
function generateWithBuild(jobs: object[]): { files: Record<string, string>[]; compilerLoaded: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { buildPackage } = await import(${JSON.stringify(join(ROOT, 'generator/dist/generate.js'))});
    const files = ${JSON.stringify(jobs)}.map((job) => Object.fromEntries(buildPackage(job).files));
    const compilerLoaded = Object.keys(createRequire(import.meta.url).cache).some((f) => /handlebars[\\\\/]dist[\\\\/]cjs[\\\\/]handlebars[\\\\/]compiler/.test(f));
    process.stdout.write(JSON.stringify({ files, compilerLoaded }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }));
}

describe('precompiled templates', () => {
  it('make the same packages as the template sources, and spare a run the Handlebars compiler', () => {
    const jobs = [
      { spec: join(ROOT, 'corpus/openai.yaml'), out: '/nonexistent', name: 'openai' },
      { spec: join(ROOT, 'specs/clerk.yaml'), out: '/nonexistent', name: 'clerk' },
      { spec: join(ROOT, 'test/fixtures/dates/dates.yaml'), out: '/nonexistent', name: 'dates', dates: true, core: 'slim' as const },
    ];
    const built = generateWithBuild(jobs);
    expect(built.compilerLoaded).toBe(false);
    // In this process the sources are compiled: the precompiled file sits beside dist/, not src/.
    jobs.forEach((job, i) => {
      const fromSources = buildPackage(job).files;
      expect(Object.keys(built.files[i]!).sort()).toEqual([...fromSources.keys()].sort());
      for (const [path, text] of fromSources) expect(built.files[i]![path], `${job.name}: ${path}`).toBe(text);
    });
  });

  it('render what their sources render', () => {
    const precompiled = precompile(templates);
    const changelog = { version: '1.2.3', source: 'From a change to the API spec.', groups: [{ name: 'Models', changes: [{ label: 'Breaking:', symbol: 'Pet.name', message: 'removed' }] }] };
    for (const [name, view] of [['package.json.hbs', PACKAGE_VIEW], ['tsconfig.json.hbs', {}], ['changelog-entry.md.hbs', changelog]] as const) {
      expect(templateRenderer(templates, precompiled)(name, view)).toBe(templateRenderer(templates, undefined)(name, view));
    }
  });

  it('are not used for a template edited after the build: its source renders', () => {
    const precompiled = precompile(templates);
    const edited = { ...templates, 'package.json.hbs': templates['package.json.hbs']!.replace('"version"', '"x-edited": {{{json packageName}}},\n  "version"') };
    const text = templateRenderer(edited, precompiled)('package.json.hbs', PACKAGE_VIEW);
    expect(JSON.parse(text)['x-edited']).toBe('@acme/pets');
  });

  it('do not let an edited template skip the escaping check', () => {
    const precompiled = precompile(templates);
    const unsafe = { ...templates, 'tsconfig.json.hbs': '{{{title}}}' };
    expect(() => templateRenderer(unsafe, precompiled)('tsconfig.json.hbs', { title: 'x' })).toThrow(/template tsconfig\.json\.hbs/);
  });

  it('are not used when another Handlebars version made them', () => {
    const stale = precompile({ ...templates, 'tsconfig.json.hbs': 'made by an older build' });
    // The entry claims the current source, as a build of it would; only the version tells it apart.
    const older: Precompiled = { handlebars: '1.0.0', templates: { 'tsconfig.json.hbs': { ...stale.templates['tsconfig.json.hbs']!, sha256: precompile(templates).templates['tsconfig.json.hbs']!.sha256 } } };
    expect(templateRenderer(templates, older)('tsconfig.json.hbs', {})).toBe(templateRenderer(templates, undefined)('tsconfig.json.hbs', {}));
    expect(templateRenderer(templates, { ...older, handlebars: stale.handlebars })('tsconfig.json.hbs', {})).toBe('made by an older build');
  });
});
