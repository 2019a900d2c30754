import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseSpecFile } from '../../generator/src/load/parse-file.js';
import { SourcePositions } from '../../generator/src/load/positions.js';
import { ROOT } from '../support/packages.js';
import { SpecError } from '../../generator/src/diagnostics.js';
import { loadSpec } from '../../generator/src/load/loader.js';
import { buildIR } from '../../generator/src/ir/build.js';
import { tempTree } from '../support/tmp.js';

const OPTIONS = { name: 'demo', packageName: 'demo', packageVersion: '0.0.0' };

function errorOf(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('loader', () => {
  it.each([
    'specs/clerk.yaml',
    'specs/fastly.yaml',
    'specs/syncano.yaml',
    'corpus/openai.yaml',
    'corpus/clerk-backend.yml',
    'corpus/digital-ocean/DigitalOcean-public.v2.yaml',
  ])('reads %s as the same data as the yaml library does', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    expect(parseSpecFile(file, text, new SourcePositions())).toEqual(parseYaml(text, { maxAliasCount: -1 }));
  });

  it('resolves an alias to the last anchor of that name before it', () => {
    const text = 'a: &x 1\nb: *x\nc: &x [2]\nd: *x\ne: {f: &y {g: 3}, h: *y}\n';
    expect(parseSpecFile('t.yaml', text, new SourcePositions())).toEqual({ a: 1, b: 1, c: [2], d: [2], e: { f: { g: 3 }, h: { g: 3 } } });
  });

  it('reports YAML syntax errors at their line and column', () => {
    const dir = tempTree({ 'api.yaml': 'openapi: 3.1.0\ninfo:\n  title: x: y\n' });
    const err = errorOf(() => loadSpec(join(dir, 'api.yaml')));
    expect(err.diagnostics[0]!.location).toEqual({ file: join(dir, 'api.yaml'), line: 3, column: 10 });
    expect(err.diagnostics[0]!.message).toMatch(/^invalid YAML\/JSON: Nested mappings/);
  });

  it('reports duplicate keys where the second one stands', () => {
    const dir = tempTree({ 'api.yaml': 'openapi: 3.1.0\ninfo: {}\ninfo: {}\n' });
    const err = errorOf(() => loadSpec(join(dir, 'api.yaml')));
    expect(err.diagnostics[0]!.message).toMatch(/duplicate key/);
    expect(err.diagnostics[0]!.location).toMatchObject({ line: 3, column: 1 });
  });

  it('refuses unknown OpenAPI versions at the version field', () => {
    const dir = tempTree({ 'api.yaml': 'info: {}\nopenapi: 2.5.0\n' });
    const err = errorOf(() => loadSpec(join(dir, 'api.yaml')));
    expect(err.message).toMatch(/api\.yaml:2:1: error: unsupported OpenAPI version "2.5.0"/);
  });

  it('follows $refs into other files and names models after the target', () => {
    const dir = tempTree({
      'api.yaml': 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: "models/pet.yaml"}\n',
      'models/pet.yaml': 'type: object\nrequired: [id]\nproperties:\n  id: {type: integer}\n  owner: {$ref: "./owner.yaml#/Owner"}\n',
      'models/owner.yaml': 'Owner:\n  type: object\n  nullable: true\n  properties:\n    name: {type: string}\n',
    });
    const { ir } = buildIR(loadSpec(join(dir, 'api.yaml')), OPTIONS);
    expect(ir.models.map((m) => m.name).sort()).toEqual(['Owner', 'Pet']);
    const owner = ir.models.find((m) => m.name === 'Owner')!;
    expect(owner.type.kind).toBe('union');
  });

  it('points at a dangling $ref', () => {
    const dir = tempTree({ 'api.yaml': 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\ncomponents:\n  schemas:\n    A:\n      $ref: "#/components/schemas/Missing"\n' });
    const err = errorOf(() => buildIR(loadSpec(join(dir, 'api.yaml')), OPTIONS));
    expect(err.message).toMatch(/api\.yaml:6:7: error: \$ref target not found: #\/components\/schemas\/Missing/);
  });

  it('detects $ref cycles that never reach a schema', () => {
    const dir = tempTree({ 'api.yaml': 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths:\n  /a:\n    $ref: "#/paths/~1b"\n  /b:\n    $ref: "#/paths/~1a"\n' });
    const err = errorOf(() => buildIR(loadSpec(join(dir, 'api.yaml')), OPTIONS));
    expect(err.message).toMatch(/\$ref cycle/);
  });

  it('refuses $refs that leave the spec folder', () => {
    const dir = tempTree({ 'spec/api.yaml': 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\ncomponents:\n  schemas:\n    A: {$ref: "../secret.yaml"}\n', 'secret.yaml': 'type: string\n' });
    const err = errorOf(() => buildIR(loadSpec(join(dir, 'spec/api.yaml')), OPTIONS));
    expect(err.message).toMatch(/outside the spec's folder/);
  });

  it('reads nesting a recursive walker could not, and reports hostile depth as one positioned error', () => {
    const nested = (depth: number) => `{"openapi":"3.1.0","info":{"title":"T","version":"1"},"x-deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(loadSpec(join(tempTree({ 'ok.json': nested(300) }), 'ok.json')).version).toBe('3.1');
    const err = errorOf(() => loadSpec(join(tempTree({ 'deep.json': nested(100_000) }), 'deep.json')));
    expect(err.diagnostics).toHaveLength(1);
    // At the bracket that opens level 257 (the root object is level 1), wherever the parser's stack ran out.
    const column = nested(1).indexOf('[') + 256;
    expect(err.message).toMatch(new RegExp(`deep\\.json:1:${column}: error: the file is nested too deeply`));
  });

  it('reads 3.0 nullable and 3.1 type arrays into the same IR', () => {
    const schema = (s: string) => `openapi: ${s.startsWith('nullable') ? '3.0.3' : '3.1.0'}\ninfo: {title: T, version: "1"}\ncomponents:\n  schemas:\n    A: {${s}}\n`;
    const a = buildIR(loadSpec(join(tempTree({ 'a.yaml': schema('nullable: true, type: string') }), 'a.yaml')), OPTIONS).ir.models[0]!.type;
    const b = buildIR(loadSpec(join(tempTree({ 'b.yaml': schema('type: [string, "null"]') }), 'b.yaml')), OPTIONS).ir.models[0]!.type;
    expect(a).toEqual(b);
  });
});
