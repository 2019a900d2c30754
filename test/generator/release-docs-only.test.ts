import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { compareApis } from '../../generator/src/release/api-diff.js';
import { sortChanges } from '../../generator/src/release/changes.js';
import { classifyChanges } from '../../generator/src/release/classify.js';
import { docsOnlyChanges } from '../../generator/src/release/docs-only.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

type Doc = ReturnType<typeof parseDocument>;
const SPECS = { syncano: 'specs/syncano.yaml', clerk: 'specs/clerk.yaml', fastly: 'specs/fastly.yaml', 'simple-example': 'corpus/simple-example.yaml' } as const;
const S = ['components', 'schemas'];

function files(spec: keyof typeof SPECS, edit?: (d: Doc) => void): Map<string, string> {
  const doc = parseDocument(readFileSync(join(ROOT, SPECS[spec]), 'utf8'));
  edit?.(doc);
  const dir = tempTree({ 'api.yaml': doc.toString() });
  return buildPackage({ spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: spec.replace(/-/g, '') }).files;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
}

/** Docs-only edits of each kind the generator turns into comments: a model's, a property's, an operation's, a parameter's, a group's. */
const DOCS_EDITS: [string, keyof typeof SPECS, (d: Doc) => void][] = [
  ['a model description', 'syncano', (d) => d.setIn([...S, 'Invitation', 'description'], 'A standing invitation.')],
  ['a property description', 'syncano', (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'email', 'description'], 'Who to invite.')],
  ['an operation description', 'syncano', (d) => d.setIn(['paths', '/v1.1/instances/{instance_name}/invitations/', 'get', 'description'], 'Every invitation, newest last.')],
  ['an operation summary', 'fastly', (d) => d.setIn(['paths', '/invitations', 'post', 'description'], 'Invites a user to the account.')],
  ['a parameter description', 'syncano', (d) => d.setIn(['components', 'parameters', 'InvitationId', 'description'], 'The id of the invitation.')],
  ['a model and one of its properties', 'clerk', (d) => {
    d.setIn([...S, 'Invitation', 'description'], 'An invitation to join.');
    d.setIn([...S, 'Invitation', 'properties', 'url', 'description'], 'Where the invitee goes.');
  }],
  ['a description in a webhook spec', 'simple-example', (d) => d.setIn(['info', 'description'], 'Edited.')],
];

describe('a docs-only change is classified without the type checker', () => {
  it.each(DOCS_EDITS)('%s: the same changes as the checker finds', (_title, spec, edit) => {
    const before = files(spec);
    const after = files(spec, edit);
    const paths = changed(before, after);
    expect(paths.length).toBeGreaterThan(0);
    const fast = docsOnlyChanges(before, after, paths);
    expect(fast).toBeDefined();
    const sources = paths.some((p) => p.startsWith('src/'));
    if (sources) expect(fast!.length).toBeGreaterThan(0);
    expect(sortChanges(fast!)).toEqual(sources ? sortChanges(compareApis(before, after)) : []);
    expect(classifyChanges(before, after).every((c) => c.kind === 'docs')).toBe(true);
  });

  it('leaves a deprecation, a type change and an added property to the checker', () => {
    const before = files('syncano');
    const deprecated = files('syncano', (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'email', 'deprecated'], true));
    expect(docsOnlyChanges(before, deprecated, changed(before, deprecated))).toBeUndefined();
    expect(classifyChanges(before, deprecated)).toContainEqual(expect.objectContaining({ kind: 'feature', message: 'deprecated' }));
    const typed = files('syncano', (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'email', 'type'], 'integer'));
    expect(docsOnlyChanges(before, typed, changed(before, typed))).toBeUndefined();
    const added = files('syncano', (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'note'], d.createNode({ type: 'string', description: 'A note.' })));
    expect(docsOnlyChanges(before, added, changed(before, added))).toBeUndefined();
  });

  it('leaves a comment it cannot place to the checker', () => {
    const before = files('syncano');
    const after = new Map(before);
    after.set('src/models.ts', `${before.get('src/models.ts')!}\n// A trailing note.\n`);
    expect(docsOnlyChanges(before, after, ['src/models.ts'])).toBeUndefined();
    const inline = new Map(before);
    inline.set('src/models.ts', before.get('src/models.ts')!.replace(/^(export interface \w+ \{)$/m, '$1 /* note */'));
    expect(inline.get('src/models.ts')).not.toBe(before.get('src/models.ts'));
    expect(docsOnlyChanges(before, inline, ['src/models.ts'])).toBeUndefined();
  });
});

describe('the CLI loads the compiler only for a change to the code', () => {
  /** Runs the CLI and lists which of ts-morph (with the compiler it bundles) and typescript it loaded. */
  function run(cwd: string): { code: number | null; loaded: string[]; output: string } {
    const probe = join(cwd, 'probe.cjs');
    writeFileSync(probe, [
      "const which = (k) => k.includes('/node_modules/ts-morph/') ? 'ts-morph' : /\\/node_modules\\/(typescript\\/|@ts-morph\\/common\\/dist\\/typescript\\.js)/.test(k) ? 'typescript' : undefined;",
      "process.on('exit', () => process.stderr.write('LOADED:' + [...new Set(Object.keys(require.cache).map(which).filter(Boolean))].sort().join(',') + '\\n'));",
    ].join('\n'));
    const child = spawnSync(process.execPath, ['--require', probe, join(ROOT, 'generator/bin/sdkgen.js'), 'generate', '--spec', 'api.yaml', '--out', 'out', '--name', 'syncano'], { cwd, encoding: 'utf8' });
    const loaded = /LOADED:(.*)/.exec(child.stderr)?.[1] ?? 'probe did not run';
    return { code: child.status, loaded: loaded === '' ? [] : loaded.split(','), output: child.stdout + child.stderr };
  }

  it('cold, unchanged and docs-only runs never load ts-morph or typescript; a type change does', () => {
    const spec = readFileSync(join(ROOT, 'specs/syncano.yaml'), 'utf8');
    const dir = tempTree({ 'api.yaml': spec });
    const cold = run(dir);
    expect(cold).toMatchObject({ code: 0, loaded: [] });
    expect(run(dir)).toMatchObject({ code: 0, loaded: [] });
    const doc = parseDocument(spec);
    doc.setIn([...S, 'InvitationCreate', 'properties', 'email', 'description'], 'Who to invite.');
    writeFileSync(join(dir, 'api.yaml'), doc.toString());
    const docs = run(dir);
    expect(docs).toMatchObject({ code: 0, loaded: [] });
    expect(docs.output).toMatch(/patch/);
    doc.setIn([...S, 'InvitationCreate', 'properties', 'email', 'type'], 'integer');
    writeFileSync(join(dir, 'api.yaml'), doc.toString());
    const typed = run(dir);
    expect(typed.code).toBe(0);
    expect(typed.loaded).toEqual(['ts-morph', 'typescript']);
    expect(typed.output).toMatch(/major|minor/);
  });
});
