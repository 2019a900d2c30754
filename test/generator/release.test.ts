import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildPackage, generate, GENERATOR_VERSION, TYPESCRIPT_VERSION } from '../../generator/src/generate.js';
import { compareApis } from '../../generator/src/release/api-diff.js';
import { planRelease } from '../../generator/src/release/plan.js';
import { withVersion } from '../../generator/src/emit/package.js';
import { loadAssets } from '../../generator/src/assets.js';
import { nextVersion } from '../../generator/src/release/version.js';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const SYNCANO = readFileSync(join(ROOT, 'specs/syncano.yaml'), 'utf8');

function edited(text: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(text);
  edit(doc);
  return doc.toString();
}

const requireRole = (d: ReturnType<typeof parseDocument>) => d.addIn(['components', 'schemas', 'InvitationCreate', 'required'], 'role');
const addNote = (d: ReturnType<typeof parseDocument>) => d.setIn(['components', 'schemas', 'InvitationCreate', 'properties', 'note'], d.createNode({ type: 'string' }));

describe('next version', () => {
  it.each([
    ['1.4.2', 'major', '1.0.0', '2.0.0'],
    ['1.4.2', 'minor', '1.0.0', '1.5.0'],
    ['1.4.2', 'patch', '1.0.0', '1.4.3'],
    ['1.4.2', 'none', '1.0.0', '1.4.2'],
    // Below 1.0.0 a breaking change bumps the minor part, anything else the patch part.
    ['0.3.1', 'major', '0.1.0', '0.4.0'],
    ['0.3.1', 'minor', '0.1.0', '0.3.2'],
    ['0.3.1', 'patch', '0.1.0', '0.3.2'],
    // The configured version is a floor.
    ['0.3.1', 'none', '1.0.0', '1.0.0'],
    ['0.3.1', 'major', '2.0.0', '2.0.0'],
    ['2.1.0', 'patch', '2.0.0', '2.1.1'],
  ] as const)('%s with a %s change (floor %s) is %s', (previous, bump, floor, expected) => {
    expect(nextVersion(previous, bump, floor)).toBe(expected);
  });
});

describe('regenerating after a spec change', () => {
  function project(version?: string) {
    const dir = tempTree({ 'api.yaml': SYNCANO });
    const opts = { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'syncano', packageName: 'syncano-test', packageVersion: version };
    generate(opts);
    return { dir, opts, pkg: () => JSON.parse(readFileSync(join(dir, 'out/package.json'), 'utf8')) as { version: string } };
  }

  it('bumps 0.x by the 0.x rule and records the version in the manifest and the client', () => {
    const { dir, opts, pkg } = project();
    expect(pkg().version).toBe('0.1.0');
    writeFileSync(opts.spec, edited(SYNCANO, requireRole));
    expect(generate(opts).release?.bump).toBe('major');
    expect(pkg().version).toBe('0.2.0');
    expect(readFileSync(join(dir, 'out/src/client.ts'), 'utf8')).toContain("PACKAGE_VERSION = '0.2.0'");
    expect(JSON.parse(readFileSync(join(dir, 'out/.sdkgen-manifest.json'), 'utf8')).version).toBe('0.2.0');
    writeFileSync(opts.spec, edited(edited(SYNCANO, requireRole), addNote));
    expect(generate(opts).release?.bump).toBe('minor');
    expect(pkg().version).toBe('0.2.1');
    const changelog = readFileSync(join(dir, 'out/CHANGELOG.md'), 'utf8');
    expect(changelog.indexOf('## 0.2.1')).toBeLessThan(changelog.indexOf('## 0.2.0'));
    expect(changelog.indexOf('## 0.2.0')).toBeLessThan(changelog.indexOf('## 0.1.0'));
    expect(changelog).toContain('### Models\n\n- **Added or changed:** `InvitationCreate.note`: added, optional');
  });

  it('takes a raised configured version as the floor', () => {
    const { opts, pkg } = project('1.0.0');
    generate({ ...opts, packageVersion: '3.0.0' });
    expect(pkg().version).toBe('3.0.0');
    writeFileSync(opts.spec, edited(SYNCANO, addNote));
    generate({ ...opts, packageVersion: '3.0.0' });
    expect(pkg().version).toBe('3.1.0');
  });

  it('says in the changelog when the change comes from the generator rather than the spec', () => {
    const { dir, opts } = project('1.0.0');
    const built = buildPackage(opts);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/.sdkgen-manifest.json'), 'utf8'));
    const before = new Map(built.files);
    before.set('src/models.ts', before.get('src/models.ts')!.replace('/** The invitation to send. */', '/** What to send. */'));
    const release = planRelease({ manifest: { ...manifest, generator: '0.0.9' }, files: before }, built.files, '1.0.0', { generator: GENERATOR_VERSION, specHash: manifest.specHash });
    expect(release).toMatchObject({ version: '1.0.1', bump: 'patch', changes: [{ kind: 'docs', symbol: 'InvitationCreate' }] });
    expect(release.source).toBe(`From a change to the generator, sdkgen 0.0.9 → ${GENERATOR_VERSION}; the API spec is unchanged.`);
  });

  it('generate --check fails on a stale package and says the pending change is breaking', async () => {
    const { dir, opts } = project('1.0.0');
    writeFileSync(opts.spec, edited(SYNCANO, requireRole));
    const check = await runCli(['generate', '--spec', 'api.yaml', '--out', 'out', '--name', 'syncano', '--package', 'syncano-test', '--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/breaking change \(major, 1\.0\.0 → 2\.0\.0\): InvitationCreate\.role now required/);
    expect(check.stderr).toContain('run: sdkgen generate --spec api.yaml --out out --name syncano --package syncano-test');
    expect(check.stderr).toMatch(/^\+.*role: Role;$/m);
  });
});

describe('a release emits again only the files that carry the version', () => {
  it.each(['specs/syncano.yaml', 'specs/clerk.yaml', 'specs/fastly.yaml', 'corpus/simple-example.yaml'])('%s: the package at 1.0.0 with those files emitted at 2.3.4 is the package emitted at 2.3.4', (spec) => {
    const at = (packageVersion: string) => buildPackage({ spec: join(ROOT, spec), out: '.', name: 'x', packageVersion });
    const old = at('1.0.0');
    const fresh = at('2.3.4');
    expect([...withVersion(old.files, fresh.ir, loadAssets(), TYPESCRIPT_VERSION)]).toEqual([...fresh.files]);
    expect([...old.files].filter(([path, text]) => fresh.files.get(path) !== text).map(([path]) => path).sort()).toEqual(['package.json', 'src/client.ts']);
  });
});

describe('API comparison', () => {
  it('a rename that keeps a deprecated alias is a feature, not a break', () => {
    const before = buildPackage({ spec: join(ROOT, 'specs/syncano.yaml'), out: '.', name: 'syncano' }).files;
    const after = new Map(before);
    const resource = 'src/resources/invitations.ts';
    after.set(resource, after.get(resource)!
      .replace(/\n  resend\(/, '\n  sendAgain(')
      .replace(/\n}\n$/, '\n\n  /** @deprecated Renamed to {@link Invitations.sendAgain}. */\n  resend(id: number, options?: RequestOptions): APIPromise<void> {\n    return this.sendAgain(id, options);\n  }\n}\n'));
    const changes = compareApis(before, after);
    expect(changes.filter((c) => c.kind === 'breaking')).toEqual([]);
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'feature', symbol: 'Invitations.sendAgain', message: 'added' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'feature', symbol: 'Invitations.resend', message: 'deprecated' }));
  });

  it('judges by assignability, not text: a reordered union is no change', () => {
    const before = buildPackage({ spec: join(ROOT, 'specs/syncano.yaml'), out: '.', name: 'syncano' }).files;
    const after = new Map(before);
    after.set('src/models.ts', after.get('src/models.ts')!.replace("export type Role = 'full' | 'write' | 'read';", "export type Role = 'read' | 'write' | 'full';"));
    expect(compareApis(before, after).filter((c) => c.kind !== 'fix')).toEqual([]);
  });

  it('a union with an inline object type is the same type in both generations, whatever order the checker lists its members in', () => {
    const before = buildPackage({ spec: join(ROOT, 'specs/syncano.yaml'), out: '.', name: 'syncano' }).files;
    const union = "\nexport interface Item {\n  content: string | { type: 'output_text'; text: string } | unknown[];\n}\n";
    const withUnion = new Map(before);
    withUnion.set('src/models.ts', `${before.get('src/models.ts')!}${union}`);
    const after = new Map(withUnion);
    after.set('src/models.ts', `${withUnion.get('src/models.ts')!}\nexport interface Note {\n  text: string;\n}\n`);
    expect(compareApis(withUnion, after)).toEqual([{ kind: 'feature', symbol: 'Note', message: 'added', group: 'Models' }]);
  });
});
