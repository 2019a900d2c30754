import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../generator/src/assets.js';
import { emitEnvironment } from '../../generator/src/emit/package.js';
import { EmitMemo, reusableUnits, type UnitText } from '../../generator/src/emit/memo.js';
import { buildPackage, generate, TYPESCRIPT_VERSION, type GenerateOptions } from '../../generator/src/generate.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';
import { SPEC_EDITS } from './spec-edits.js';

/**
 * A regeneration takes the units whose slice of the IR is unchanged from the
 * last run's output and renders only the rest. Whatever changed, its output
 * must be the bytes emitting afresh gives: each case emits a spec, changes
 * the spec or the options, and emits again with and without the first run's
 * units. The last tests go through the disk: the record kept in the output,
 * files edited by hand, a record that does not fit.
 */
interface Case {
  title: string;
  spec: string;
  options?: Partial<GenerateOptions>;
  /** An edit of the spec's data, or of its text. */
  edit?: (doc: Document) => void;
  text?: (text: string) => string;
  /** Options of the second run, over `options`. */
  then?: Partial<GenerateOptions>;
  /** An overlay beside the spec, `overlay.yaml`, that `options` or `then` can name. */
  overlay?: string;
}

const TOUR = join(ROOT, 'corpus/feature-tour.yaml');
const DATES = join(ROOT, 'test/fixtures/dates/dates.yaml');
const SOURCES: Record<string, string> = {
  syncano: join(ROOT, 'specs/syncano.yaml'),
  clerk: join(ROOT, 'specs/clerk.yaml'),
  fastly: join(ROOT, 'specs/fastly.yaml'),
  'simple-example': join(ROOT, 'corpus/simple-example.yaml'),
};
const S = ['components', 'schemas'];
const OVERLAY = `overlay: 1.0.0
info: {title: Docs, version: "1"}
actions:
  - target: $.components.schemas.Completion
    update: {description: A finished completion.}
`;

const CASES: Case[] = [
  ...SPEC_EDITS.map((e) => ({ title: `${e.spec}: ${e.title}`, spec: SOURCES[e.spec]!, edit: e.edit })),
  // The feature tour reaches every emitter: streams, uploads, webhooks, OAuth, pagination.
  { title: 'a property description of a request body model', spec: TOUR, edit: (d) => d.setIn([...S, 'CompletionRequest', 'properties', 'stream', 'description'], 'Stream it.') },
  { title: 'an example of a request body property (the examples in resources and docs)', spec: TOUR, edit: (d) => d.setIn([...S, 'CompletionRequest', 'properties', 'prompt', 'examples'], d.createNode(['Say hello'])) },
  { title: 'a required property in a model a response reaches', spec: TOUR, edit: (d) => { d.setIn([...S, 'StoredFile', 'properties', 'label'], d.createNode({ type: 'string' })); d.addIn([...S, 'StoredFile', 'required'], 'label'); } },
  { title: 'a model renamed', spec: TOUR, text: (t) => t.replaceAll('CompletionChunk', 'CompletionDelta') },
  { title: 'an error body model changed (the errors operations declare)', spec: TOUR, edit: (d) => d.setIn([...S, 'Error', 'properties', 'code'], d.createNode({ type: 'integer' })) },
  { title: 'an operation summary', spec: TOUR, edit: (d) => d.setIn(['paths', '/completions', 'post', 'summary'], 'Complete a prompt, now') },
  { title: 'an operation id (function names)', spec: TOUR, edit: (d) => d.setIn(['paths', '/jobs/{job_id}/log', 'get', 'operationId'], 'tailLog') },
  { title: 'a server URL', spec: TOUR, edit: (d) => d.setIn(['servers', 0, 'url'], 'https://api.tour.example.com/v2') },
  { title: 'the auth option name (examples everywhere)', spec: TOUR, edit: (d) => d.setIn([...S.slice(0, 1), 'securitySchemes', 'oauth', 'x-sdkgen-option'], 'token') },
  { title: 'a webhook payload', spec: TOUR, edit: (d) => d.setIn([...S, 'JobFailedEvent', 'properties', 'retried'], d.createNode({ type: 'boolean' })) },
  { title: 'the API title and description', spec: TOUR, edit: (d) => { d.setIn(['info', 'title'], 'Tour API'); d.setIn(['info', 'description'], 'Shorter.'); } },
  { title: 'the slim core chosen', spec: TOUR, then: { core: 'slim' } },
  { title: 'the full core chosen again', spec: TOUR, options: { core: 'slim' }, then: { core: 'full' } },
  { title: 'dates turned on', spec: TOUR, then: { dates: true } },
  { title: 'another package name', spec: TOUR, then: { packageName: 'tour-renamed' } },
  { title: 'another API name (client class names)', spec: TOUR, then: { name: 'journey' } },
  { title: 'a higher version floor', spec: TOUR, then: { packageVersion: '3.0.0' } },
  { title: 'an overlay added', spec: TOUR, overlay: OVERLAY, then: { overlays: ['overlay.yaml'] } },
  { title: 'an overlay removed', spec: TOUR, overlay: OVERLAY, options: { overlays: ['overlay.yaml'] }, then: { overlays: [] } },
  // With dates, resources import the revivers of the models their bodies reach.
  { title: 'dates: a date-time a resource reaches through a nested model', spec: DATES, options: { dates: true }, text: (t) => t.replace(/format: date-time/, 'format: date') },
  { title: 'dates: a description', spec: DATES, options: { dates: true }, text: (t) => t.replace(/description: [^\n]*/, 'description: Edited.') },
  { title: 'dates turned off', spec: DATES, options: { dates: true }, then: { dates: false } },
];

describe('incremental emit', () => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s: the same bytes as emitting afresh', (_title, c) => {
    const dir = tempTree({ 'api.yaml': readFileSync(c.spec, 'utf8'), ...(c.overlay ? { 'overlay.yaml': c.overlay } : {}) });
    const options = (over: Partial<GenerateOptions> = {}): GenerateOptions => {
      const merged = { name: 'incremental', packageName: 'incremental-test', ...c.options, ...over };
      return { ...merged, spec: join(dir, 'api.yaml'), out: join(dir, 'out'), overlays: (merged.overlays ?? []).map((f) => join(dir, f)) };
    };
    const first = newMemo();
    const before = buildPackage(options(), first).files;

    const doc = parseDocument(readFileSync(join(dir, 'api.yaml'), 'utf8'));
    c.edit?.(doc);
    const edited = c.edit ? doc.toString() : readFileSync(join(dir, 'api.yaml'), 'utf8');
    writeFileSync(join(dir, 'api.yaml'), c.text ? c.text(edited) : edited);
    // The units of the first run, as the next run finds them: the record's parts cut out of the files it emitted, which are still the files it left.
    const stamped = Object.fromEntries(Object.entries(first.record).map(([path, entry]) => [path, { ...entry, stamp: 'as written' }]));
    const warm = newMemo(reusableUnits(stamped, before, () => 'as written'));
    const incremental = buildPackage(options(c.then), warm).files;
    const cold = newMemo();
    const fresh = buildPackage(options(c.then), cold).files;

    expect(Object.fromEntries(incremental)).toEqual(Object.fromEntries(fresh));
    if (c.title.endsWith('nothing changed')) return;
    // The case changes what is generated, and the warm run reused what it could.
    expect(Object.fromEntries(fresh)).not.toEqual(Object.fromEntries(before));
    expect(warm.counts.rendered).toBeLessThan(cold.counts.rendered);
  });

  it('writes through the disk what a run without the emit record writes', () => {
    const dir = tempTree({ 'api.yaml': readFileSync(TOUR, 'utf8') });
    const options = (out: string) => ({ spec: join(dir, 'api.yaml'), out: join(dir, out), name: 'tour' });
    generate(options('warm'));
    expect(existsSync(join(dir, 'warm/.sdkgen-cache/emit.json'))).toBe(true);
    expect(readFileSync(join(dir, 'warm/.sdkgen-cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    cpSync(join(dir, 'warm'), join(dir, 'cold'), { recursive: true });
    rmSync(join(dir, 'cold/.sdkgen-cache'), { recursive: true });
    const doc = parseDocument(readFileSync(join(dir, 'api.yaml'), 'utf8'));
    doc.setIn([...S, 'StoredFile', 'properties', 'label'], doc.createNode({ type: 'string' }));
    doc.addIn([...S, 'StoredFile', 'required'], 'label');
    writeFileSync(join(dir, 'api.yaml'), doc.toString());
    const warm = generate(options('warm'));
    const cold = generate(options('cold'));
    expect(files(join(dir, 'warm'))).toEqual(files(join(dir, 'cold')));
    expect(warm.units!.reused).toBeGreaterThan(0);
    expect(cold.units!.reused).toBe(0);
  });

  it('renders only what a docs-only edit of one model changes', () => {
    const dir = tempTree({ 'api.yaml': readFileSync(TOUR, 'utf8') });
    const options = { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'tour' };
    generate(options);
    const doc = parseDocument(readFileSync(join(dir, 'api.yaml'), 'utf8'));
    doc.setIn([...S, 'StoredFile', 'properties', 'bytes', 'description'], 'Size in bytes.');
    writeFileSync(join(dir, 'api.yaml'), doc.toString());
    // The model's declaration; its validator, the resources and docs read it without its docs.
    expect(generate(options).units).toMatchObject({ rendered: 1 });
  });

  it('takes nothing from a file edited by hand, and still writes the generated bytes', () => {
    const dir = tempTree({ 'api.yaml': readFileSync(TOUR, 'utf8') });
    const options = { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'tour', force: true };
    generate(options);
    const models = join(dir, 'out/src/models.ts');
    const original = readFileSync(models, 'utf8');
    // Same length, other bytes: were the record trusted, a declaration would come back edited.
    writeFileSync(models, original.replace('export interface', 'export interfac_'));
    writeFileSync(join(dir, 'api.yaml'), `${readFileSync(join(dir, 'api.yaml'), 'utf8')}\n# a comment\n`);
    generate(options);
    expect(readFileSync(models, 'utf8')).toBe(original);
  });

  it('takes nothing from files a copy put there with their record, though their hashes agree', () => {
    const dir = tempTree({ 'api.yaml': readFileSync(TOUR, 'utf8') });
    const options = (out: string) => ({ spec: join(dir, 'api.yaml'), out: join(dir, out), name: 'tour' });
    generate(options('first'));
    // A checkout that brings files, manifest and record that agree with each other, the model file changed.
    cpSync(join(dir, 'first'), join(dir, 'copy'), { recursive: true });
    const models = join(dir, 'copy/src/models.ts');
    const original = readFileSync(models, 'utf8');
    const planted = original.replace('export interface', 'export const planted = 1;\nexport interface');
    writeFileSync(models, planted);
    const record = join(dir, 'copy/.sdkgen-cache/emit.json');
    const entries = JSON.parse(readFileSync(record, 'utf8')) as Record<string, { sha256: string; parts: [string | null, number][] }>;
    const entry = entries['src/models.ts']!;
    entry.sha256 = createHash('sha256').update(planted).digest('base64url');
    const grown = entry.parts.findIndex(([fingerprint], i) => fingerprint !== null && i > 0);
    entry.parts[grown]![1] += planted.length - original.length;
    writeFileSync(record, JSON.stringify(entries));
    const manifestPath = join(dir, 'copy/.sdkgen-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['src/models.ts'] = createHash('sha256').update(planted).digest('hex');
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    writeFileSync(join(dir, 'api.yaml'), `${readFileSync(join(dir, 'api.yaml'), 'utf8')}\n# regenerate\n`);

    const result = generate(options('copy'));
    expect(result.units?.reused).toBe(0);
    expect(readFileSync(models, 'utf8')).toBe(original);
  });

  it('checks with everything rendered afresh', () => {
    const dir = tempTree({ 'api.yaml': readFileSync(TOUR, 'utf8') });
    const options = { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'tour' };
    generate(options);
    const check = generate({ ...options, check: true });
    expect(check.status).toBe('fresh');
    expect(check.units).toMatchObject({ reused: 0 });
  });

  it('ignores an emit record it cannot read', () => {
    const dir = tempTree({ 'api.yaml': readFileSync(TOUR, 'utf8') });
    const options = { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'tour' };
    generate(options);
    const expected = withoutManifest(files(join(dir, 'out')));
    const record = join(dir, 'out/.sdkgen-cache/emit.json');
    type Entry = { parts: unknown[] };
    const spoilt: ((entries: Record<string, Entry>) => string)[] = [
      // Lengths that no longer add up to the file.
      (entries) => JSON.stringify(Object.fromEntries(Object.entries(entries).map(([p, e]) => [p, { ...e, parts: e.parts.map((part) => [(part as unknown[])[0], Number((part as unknown[])[1]) + 1]) }]))),
      // Parts of another shape, and entries that are not objects.
      (entries) => JSON.stringify(Object.fromEntries(Object.entries(entries).map(([p, e], i) => [p, i % 2 === 0 ? { ...e, parts: [5, ['x', -1], [null, 'long'], ['y', 0, 'uses']] } : null]))),
      () => '{ not json',
    ];
    for (const spoil of spoilt) {
      writeFileSync(record, spoil(JSON.parse(readFileSync(record, 'utf8')) as Record<string, Entry>));
      writeFileSync(join(dir, 'api.yaml'), `${readFileSync(join(dir, 'api.yaml'), 'utf8')}\n# again\n`);
      const result = generate(options);
      expect(result.units?.reused).toBe(0);
      expect(withoutManifest(files(join(dir, 'out')))).toEqual(expected);
    }
  });
});

function newMemo(known?: Map<string, UnitText>): EmitMemo {
  return new EmitMemo(emitEnvironment(loadAssets(), TYPESCRIPT_VERSION), known);
}

/** The files but the manifest, whose input hash follows every edit, comments and options included. */
function withoutManifest(tree: Record<string, string>): Record<string, string> {
  const { '.sdkgen-manifest.json': _manifest, ...rest } = tree;
  return rest;
}

/** Every file's text under `dir` but the emit cache, by path. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${entry}` : entry;
      if (path === '.sdkgen-cache') continue;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), 'utf8');
    }
  };
  walk('');
  return out;
}
