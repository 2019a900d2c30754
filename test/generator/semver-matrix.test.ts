import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/src/cli.js';
import { generate } from '../../generator/src/generate.js';
import { ROOT } from '../support/packages.js';
import { SPEC_EDITS, type Bump, type SpecEdit } from './spec-edits.js';

/**
 * Every edit runs twice: through `sdkgen diff OLD NEW --json` (the CLI's own
 * entry point, in this process) and through a regeneration of a copy of the
 * committed-style output, whose version and changelog are then read back.
 */
const SOURCES: Record<SpecEdit['spec'], string> = {
  syncano: join(ROOT, 'specs/syncano.yaml'),
  clerk: join(ROOT, 'specs/clerk.yaml'),
  fastly: join(ROOT, 'specs/fastly.yaml'),
  'simple-example': join(ROOT, 'corpus/simple-example.yaml'),
};
const FLOOR = '1.0.0';
const VERSION_AFTER: Record<Bump, string> = { major: '2.0.0', minor: '1.1.0', patch: '1.0.1', none: '1.0.0' };

let work: string;
const computed: { edit: SpecEdit; diff: string; version: string }[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sdkgen-matrix-'));
  for (const [name, source] of Object.entries(SOURCES)) {
    const base = join(work, name, 'base');
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, 'api.yaml'), readFileSync(source, 'utf8'));
    generate(options(base, name));
  }
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  const table = process.env.SDKGEN_MATRIX_TABLE;
  if (table) {
    const rows = computed.map(({ edit, diff, version }) => `| ${edit.spec} | ${edit.title} | ${edit.bump} | ${diff} | ${version} |`);
    writeFileSync(table, ['| spec | edit | expected | sdkgen diff | regenerated version (from 1.0.0) |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n'));
  }
});

function options(dir: string, name: string) {
  return { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: name.replace(/-/g, ''), packageName: 'matrix-test', packageVersion: FLOOR };
}

async function cliJson(args: string[]): Promise<{ code: number; json: { bump: Bump; changes: { kind: string; symbol: string; message: string }[] } }> {
  let text = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => { text += String(chunk); return true; }) as typeof process.stdout.write;
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stdout.write = write;
  }
  return { code, json: JSON.parse(text) };
}

describe('version bumps for spec edits', () => {
  it('has enough cases', () => {
    expect(SPEC_EDITS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SPEC_EDITS.map((e) => [`${e.spec}: ${e.title} -> ${e.bump}`, e] as const))('%s', async (_title, edit) => {
    const dir = join(work, edit.spec, String(SPEC_EDITS.indexOf(edit)));
    cpSync(join(work, edit.spec, 'base'), dir, { recursive: true });
    const doc = parseDocument(readFileSync(join(dir, 'api.yaml'), 'utf8'));
    edit.edit(doc);
    const changed = edit.bump === 'none' ? readFileSync(join(dir, 'api.yaml'), 'utf8') : doc.toString();
    writeFileSync(join(dir, 'new.yaml'), changed);

    const diff = await cliJson(['diff', join(dir, 'api.yaml'), join(dir, 'new.yaml'), '--json', '--name', edit.spec.replace(/-/g, '')]);
    expect(diff.code).toBe(0);
    const breaking = diff.json.changes.filter((c) => c.kind === 'breaking');
    expect({ bump: diff.json.bump, changes: diff.json.changes }).toMatchObject({ bump: edit.bump });
    expect(breaking.length > 0).toBe(edit.bump === 'major');

    const changelogBefore = readFileSync(join(dir, 'out/CHANGELOG.md'), 'utf8');
    writeFileSync(join(dir, 'api.yaml'), changed);
    const result = generate(options(dir, edit.spec));
    const version = JSON.parse(readFileSync(join(dir, 'out/package.json'), 'utf8')).version as string;
    computed.push({ edit, diff: diff.json.bump, version });
    expect(version).toBe(VERSION_AFTER[edit.bump]);
    const changelog = readFileSync(join(dir, 'out/CHANGELOG.md'), 'utf8');
    if (edit.bump === 'none') {
      expect(result.status).toBe('unchanged');
      expect(changelog).toBe(changelogBefore);
      return;
    }
    expect(changelog.startsWith(`# Changelog\n\n## ${version}\n\nFrom a change to the API spec.\n`)).toBe(true);
    expect(changelog.endsWith(changelogBefore.slice('# Changelog\n\n'.length))).toBe(true);
    for (const change of breaking) expect(changelog).toContain(`- **Breaking:** \`${change.symbol}\``);
  });
});
