import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/src/diagnostics.js';
import { loadSpec } from '../../generator/src/load/loader.js';
import { runCli, startCli } from '../support/cli.js';
import { tempTree } from '../support/tmp.js';

const SPEC = `openapi: 3.1.0
info: {title: Demo, version: "1"}
tags:
  - name: a
paths:
  /items:
    get:
      operationId: listItems
      tags: [a]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
  /legacy:
    get:
      operationId: legacy
      responses:
        "204": {description: gone}
`;

const HEAD = 'overlay: 1.0.0\ninfo: {title: Demo overlay, version: "1"}\n';

function load(overlay: string, spec = SPEC) {
  const dir = tempTree({ 'api.yaml': spec, 'api.overlay.yaml': overlay });
  return { dir, ...loadSpec(join(dir, 'api.yaml'), [join(dir, 'api.overlay.yaml')]) };
}

function errorOf(overlay: string): string {
  try {
    load(overlay);
  } catch (e) {
    if (e instanceof SpecError) return e.message.replace(/^.*\/api\.overlay\.yaml/, 'api.overlay.yaml');
    throw e;
  }
  throw new Error('expected a SpecError');
}

/** Every generated source file's text, joined. */
function sourceOf(out: string): string {
  return readdirSync(join(out, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('overlays: applying actions', () => {
  it('update merges a mapping: new members added, scalars replaced, lists appended, mappings merged', () => {
    const { document } = load(`${HEAD}actions:
  - target: $.paths['/items'].get
    update:
      summary: List items
      operationId: listAll
      tags: [b]
      responses:
        "200": {x-note: kept}
`);
    const get = (document['paths'] as any)['/items'].get;
    expect(get.summary).toBe('List items');
    expect(get.operationId).toBe('listAll');
    expect(get.tags).toEqual(['a', 'b']);
    expect(get.responses['200']).toMatchObject({ description: 'ok', 'x-note': 'kept' });
  });

  it('update on a list appends the entry (or each entry of a list)', () => {
    const { document } = load(`${HEAD}actions:
  - target: $.tags
    update: {name: b}
  - target: $.tags
    update: [{name: c}, {name: d}]
`);
    expect(document['tags']).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }]);
  });

  it('one update applied to every target gives each its own copy', () => {
    const { document } = load(`${HEAD}actions:
  - target: $.paths.*.get
    update: {x-meta: {n: 1}}
`);
    const paths = document['paths'] as any;
    expect(paths['/items'].get['x-meta']).toEqual({ n: 1 });
    expect(paths['/items'].get['x-meta']).not.toBe(paths['/legacy'].get['x-meta']);
  });

  it('remove deletes members and list entries, later actions seeing the result', () => {
    const { document } = load(`${HEAD}actions:
  - target: $.paths['/legacy']
    remove: true
  - target: $.paths.*.get.tags[*]
    remove: true
  - target: $.paths['/legacy']
    update: {x-back: true}
`);
    expect(Object.keys(document['paths'] as object)).toEqual(['/items']);
    expect((document['paths'] as any)['/items'].get.tags).toEqual([]);
  });

  it('filters select by value, as overlays that name operations by id do', () => {
    const { document } = load(`${HEAD}actions:
  - target: $.paths.*[?@.operationId == 'legacy']
    update: {deprecated: true}
`);
    expect((document['paths'] as any)['/legacy'].get.deprecated).toBe(true);
    expect((document['paths'] as any)['/items'].get.deprecated).toBeUndefined();
  });

  it('keys like __proto__ stay plain data', () => {
    const { document } = load(`${HEAD}actions:
  - target: $.info
    update: {__proto__: {polluted: true}, x-a: {__proto__: {polluted: true}}}
`);
    const info = document['info'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(info)).toBe(Object.prototype);
    expect(Object.hasOwn(info, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(info['x-a'])).toBe(Object.prototype);
  });

  it('what an overlay adds is placed in the overlay; what it merges into keeps the spec\'s place', () => {
    const { document, positions, dir } = load(`${HEAD}actions:
  - target: $.paths['/items'].get
    update:
      x-sdkgen-pagination:
        style: offset
`);
    const get = (document['paths'] as any)['/items'].get;
    expect(positions.locate(get, 'x-sdkgen-pagination')).toEqual({ file: join(dir, 'api.overlay.yaml'), line: 6, column: 7 });
    expect(positions.locate(get['x-sdkgen-pagination'])).toMatchObject({ file: join(dir, 'api.overlay.yaml'), line: 7 });
    expect(positions.locate(get, 'operationId')).toEqual({ file: join(dir, 'api.yaml'), line: 8, column: 7 });
  });

  it('a target that matches nothing is a warning at the target', () => {
    const { warnings } = load(`${HEAD}actions:
  - target: $.paths['/nope'].get
    update: {deprecated: true}
`);
    expect(warnings.map((w) => [w.severity, w.location?.line, w.location?.column, w.message])).toContainEqual(
      ['warning', 4, 5, "overlay target $.paths['/nope'].get matches nothing in api.yaml; the action changes nothing"],
    );
  });
});

describe('overlays: refused with the overlay\'s position', () => {
  it.each([
    ['an unsupported version', 'overlay: 1.1.0\ninfo: {title: t, version: "1"}\nactions: [{target: $, update: {}}]\n', 'api.overlay.yaml:1:1: error: unsupported Overlay version "1.1.0" (supported: 1.0.x)'],
    ['no version', 'info: {title: t, version: "1"}\nactions: [{target: $, update: {}}]\n', 'api.overlay.yaml:1:1: error: missing `overlay` version field'],
    ['no info', 'overlay: 1.0.0\nactions: [{target: $, update: {}}]\n', 'api.overlay.yaml:1:1: error: `info` must be a mapping'],
    ['no actions', `${HEAD}actions: []\n`, 'api.overlay.yaml:3:1: error: `actions` must be a non-empty list'],
    ['a bad JSONPath', `${HEAD}actions:\n  - target: $.paths[1:2]\n    update: {}\n`, 'api.overlay.yaml:4:22: error: invalid JSONPath in `target` "$.paths[1:2]": array slices are not supported at character 10'],
    ['a bad JSONPath in quotes', `${HEAD}actions:\n  - target: "$.paths['a'] b"\n    update: {}\n`, 'api.overlay.yaml:4:27: error: invalid JSONPath in `target` "$.paths[\'a\'] b": unexpected character at character 14 ("b")'],
    ['a bad JSONPath with escapes', `${HEAD}actions:\n  - {update: {}, target: "$.paths[\\"a\\"] b"}\n`, 'api.overlay.yaml:4:18: error: invalid JSONPath'],
    ['a target without $', `${HEAD}actions:\n  - target: paths\n    update: {}\n`, 'api.overlay.yaml:4:13: error: invalid JSONPath in `target` "paths": expected `$` at character 1'],
    ['a scalar update on an object', `${HEAD}actions:\n  - target: $.info\n    update: hello\n`, 'api.overlay.yaml:5:5: error: `update` must be a mapping to merge into the object `target` selects, not a string'],
    ['a scalar target', `${HEAD}actions:\n  - target: $.info.title\n    update: {a: 1}\n`, 'api.overlay.yaml:4:5: error: `target` selects a string; an update needs objects or arrays'],
    ['a mapping merged into a scalar', `${HEAD}actions:\n  - target: $.info\n    update:\n      title: {a: 1}\n`, 'api.overlay.yaml:6:7: error: cannot merge a mapping into a string at "title"'],
    ['an unknown action field', `${HEAD}actions:\n  - target: $.info\n    copy: $.tags\n`, 'api.overlay.yaml:5:5: error: unknown field "copy" in an action (`copy` is Overlay 1.1; this reads 1.0)'],
    ['removing the root', `${HEAD}actions:\n  - target: $\n    remove: true\n`, 'api.overlay.yaml:4:5: error: `remove` cannot remove the whole document'],
    ['a non-boolean remove', `${HEAD}actions:\n  - target: $.info\n    remove: yes\n`, 'api.overlay.yaml:5:5: error: `remove` must be true or false'],
  ])('%s', (_name, overlay, expected) => {
    expect(errorOf(overlay)).toContain(expected);
  });

  it('a missing overlay file', () => {
    const dir = tempTree({ 'api.yaml': SPEC });
    expect(() => loadSpec(join(dir, 'api.yaml'), [join(dir, 'none.yaml')])).toThrow(/none\.yaml:1:1: error: cannot read overlay file \(ENOENT\)/);
  });

  it('a value an overlay adds is checked where the overlay wrote it', async () => {
    const dir = tempTree({ 'api.yaml': SPEC, 'o.yaml': `${HEAD}actions:\n  - target: $\n    update:\n      x-sdkgen-request-id: 5\n` });
    const result = await runCli(['generate', '--spec', join(dir, 'api.yaml'), '--overlay', join(dir, 'o.yaml'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`${join(dir, 'o.yaml')}:6:7: error: x-sdkgen-request-id needs \`header\` (a name or a list of names) and/or \`errorField\` (a name)`);
  });
});

describe('overlays: CLI, config and cache', () => {
  const OVERLAY = `${HEAD}actions:\n  - target: $.paths['/items'].get\n    update: {summary: Lists every item}\n`;

  it('--overlay applies in order; an edit regenerates, no edit does not', async () => {
    const dir = tempTree({ 'api.yaml': SPEC, 'one.yaml': OVERLAY, 'two.yaml': `${HEAD}actions:\n  - target: $.paths['/items'].get\n    update: {summary: Second word}\n` });
    const args = ['generate', '--spec', join(dir, 'api.yaml'), '--overlay', join(dir, 'one.yaml'), '--overlay', join(dir, 'two.yaml'), '--out', join(dir, 'out'), '--name', 'demo'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(sourceOf(join(dir, 'out'))).toContain('Second word');
    const manifest = JSON.parse(readFileSync(join(dir, 'out/.sdkgen-manifest.json'), 'utf8')) as { inputs: string[] };
    expect(manifest.inputs).toEqual(['../api.yaml', '../one.yaml', '../two.yaml']);

    const again = await runCli(args);
    expect(again.stdout).toContain('up to date');

    writeFileSync(join(dir, 'two.yaml'), `${HEAD}actions:\n  - target: $.paths['/items'].get\n    update: {summary: Third word}\n`);
    const edited = await runCli(args);
    expect(edited.stdout).toMatch(/wrote \d+ file/);
    expect(sourceOf(join(dir, 'out'))).toContain('Third word');

    const reordered = await runCli(['generate', '--spec', join(dir, 'api.yaml'), '--overlay', join(dir, 'two.yaml'), '--overlay', join(dir, 'one.yaml'), '--out', join(dir, 'out'), '--name', 'demo']);
    expect(reordered.stdout).toMatch(/wrote \d+ file/);
    expect(sourceOf(join(dir, 'out'))).toContain('Lists every item');
  });

  it('--watch regenerates when an overlay is saved', async () => {
    const dir = tempTree({ 'api.yaml': SPEC, 'overlays/one.yaml': OVERLAY });
    const cli = startCli(['generate', '--watch', '--spec', join(dir, 'api.yaml'), '--overlay', join(dir, 'overlays/one.yaml'), '--out', join(dir, 'out'), '--name', 'demo']);
    try {
      await cli.until(() => cli.stdout().includes('watching'));
      writeFileSync(join(dir, 'overlays/one.yaml'), OVERLAY.replace('Lists every item', 'Saved while watching'));
      await cli.until(() => /wrote/.test(cli.stdout().split('watching')[1] ?? '') && sourceOf(join(dir, 'out')).includes('Saved while watching'));
    } finally {
      cli.stop();
    }
  });

  it('diff --overlay compares both specs as the overlay changes them', async () => {
    const dropped = SPEC.slice(0, SPEC.indexOf('  /legacy:'));
    const dir = tempTree({ 'old.yaml': SPEC, 'new.yaml': dropped, 'drop.yaml': `${HEAD}actions:\n  - target: $.paths['/legacy']\n    remove: true\n` });
    const plain = await runCli(['diff', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--json']);
    expect(JSON.parse(plain.stdout).bump).toBe('major');
    const overlaid = await runCli(['diff', join(dir, 'old.yaml'), join(dir, 'new.yaml'), '--json', '--overlay', join(dir, 'drop.yaml')]);
    expect(overlaid.code, overlaid.stderr).toBe(0);
    expect(JSON.parse(overlaid.stdout)).toEqual({ bump: 'none', changes: [] });
  });

  it('--overlay needs --spec', async () => {
    const result = await runCli(['generate', '--overlay', 'x.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--overlay only applies with --spec');
  });

  it('"overlays" in sdkgen.config.json, relative to the config', async () => {
    const dir = tempTree({
      'specs/api.yaml': SPEC,
      'overlays/api.yaml': OVERLAY,
      'sdkgen.config.json': JSON.stringify({ packages: [{ spec: 'specs/api.yaml', overlays: ['overlays/api.yaml'], out: 'out', name: 'demo' }] }),
    });
    const result = await runCli(['generate'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(sourceOf(join(dir, 'out'))).toContain('Lists every item');
  });

  it('a bad "overlays" entry in the config is refused', async () => {
    const dir = tempTree({ 'specs/api.yaml': SPEC, 'sdkgen.config.json': JSON.stringify({ packages: [{ spec: 'specs/api.yaml', overlays: 'o.yaml' }] }) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"overlays" of api must be a list of file paths');
  });
});
