import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/src/diagnostics.js';
import { buildPackage } from '../../generator/src/generate.js';
import { loadSpec } from '../../generator/src/load/loader.js';
import { isRef } from '../../generator/src/load/refs.js';
import { runCli } from '../support/cli.js';
import { typeCheck } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const FIXTURES = join(ROOT, 'test/fixtures/tolerant');

/** A sloppy spec, the warnings it must give (`line:column` and the start of the message), and lines its models must hold. */
interface TolerantCase {
  file: string;
  warnings: [string, string][];
  models: string[];
  resources?: string[];
}

const CASES: TolerantCase[] = [
  {
    file: 'swagger-habits.yaml',
    warnings: [
      ['6:1', '`consumes` on the document is Swagger 2, not OpenAPI 3'],
      ['8:1', '`produces` on the document is Swagger 2, not OpenAPI 3'],
      ['17:11', '`schema` directly on a response is Swagger 2; read as `content` of application/json (from `produces`)'],
      ['38:7', '`produces` on this operation is Swagger 2'],
      ['49:7', 'this operation declares no responses; assumed it returns no body'],
      ['69:11', '`required: true` on property "id" is not JSON Schema (a Swagger 2 habit); read as "id" listed in the parent\'s `required`'],
      ['72:11', '`required: true` on property "name"'],
      ['78:11', '`required: true` on property "owner"'],
      ['86:11', '`required: true` on property "name"'],
      ['91:7', '`required: true` outside `properties` says nothing'],
      ['37:7', 'duplicate operationId "listPets" (also used by GET /pets); this operation is named "listPets_2"'],
      ['52:7', 'duplicate operationId "listPets" (also used by GET /pets); this operation is named "listPets_3"'],
      ['37:7', 'path parameter {petId} of GET /pets/{petId} is not declared in `parameters`'],
      ['48:7', 'path parameter {petId} of DELETE /pets/{petId} is not declared in `parameters`'],
    ],
    models: ['id: number;', 'name: string;', 'tag?: string;', 'owner: Owner;'],
    resources: ['listPets(options?: RequestOptions): APIPromise<Pet[]>', 'listPets2(petId: string, options?: RequestOptions): APIPromise<Pet>', 'listPets3(options?: RequestOptions): APIPromise<string[]>', 'deletePet(petId: string, options?: RequestOptions): APIPromise<void>'],
  },
  {
    file: 'dialects-31.yaml',
    warnings: [
      ['29:11', '`nullable` is OpenAPI 3.0; in 3.1 `null` is one of the types: read as type ["string","null"]'],
      ['33:11', '`nullable` is OpenAPI 3.0; in 3.1 `null` is one of the types: read as type ["string","null"]'],
      ['36:11', '`nullable` is OpenAPI 3.0; in 3.1 `null` is one of the types: read as this schema or null'],
      ['40:11', '`exclusiveMinimum: true` is OpenAPI 3.0; in 3.1 the bound is the value: read as `exclusiveMinimum: 0`'],
      ['44:11', '`exclusiveMaximum: true` is OpenAPI 3.0; in 3.1 the bound is the value: read as `exclusiveMaximum: 100`'],
      ['48:11', '`nullable` is OpenAPI 3.0; in 3.1 `null` is one of the types: read as this schema or null'],
    ],
    models: ['note: string | null;', "status: 'open' | 'closed' | null;", 'customer: Customer | null;', '/** @exclusiveMinimum 0 */', '/** @exclusiveMaximum 100 */', 'lines: Lines | null;', 'flag?: boolean;'],
  },
  {
    file: 'dialects-30.yaml',
    warnings: [
      ['26:11', '`type` as a list is OpenAPI 3.1; read as type "number" with `nullable: true`'],
      ['28:11', '`type` as a list is OpenAPI 3.1; read as type "string"'],
      ['30:11', '`type` as a list is OpenAPI 3.1; read as any of string, integer'],
      ['33:11', '`exclusiveMinimum: 0` is OpenAPI 3.1; in 3.0 it is a flag on `minimum`: read as `minimum: 0, exclusiveMinimum: true`'],
      ['34:11', '`exclusiveMaximum: 10` is OpenAPI 3.1; in 3.0 it is a flag on `maximum`: read as `maximum: 10, exclusiveMaximum: true`'],
      ['37:11', 'OpenAPI 3.0 ignores keywords beside `$ref`; dropped `nullable`'],
    ],
    models: ['value: number | null;', 'unit: string;', 'label?: string | number;', 'sensor: Sensor;', '/** the sensor that took it */'],
  },
  {
    file: 'swagger-parameters.yaml',
    warnings: [
      ['13:11', '`type` directly on a parameter is Swagger 2; read as its `schema`'],
      ['17:11', '`type` directly on a parameter is Swagger 2; read as its `schema` and `collectionFormat: multi` as style form exploded'],
      ['32:7', '`consumes` on this operation is Swagger 2, not OpenAPI 3'],
      ['36:11', 'an `in: body` parameter is Swagger 2; read as the `requestBody` (application/json)'],
      ['57:11', '`in: formData` parameters are Swagger 2; read as a multipart/form-data `requestBody` with one field each'],
    ],
    models: ['file: Uploadable;', 'caption?: string;', 'text: string;'],
    resources: ['limit?: number;', 'tags?: string[];', 'createNote(body: Note, options?: RequestOptions): APIPromise<Note>', 'attachFile(noteId: string, body: AttachFileBody, options?: RequestOptions): APIPromise<void>'],
  },
  {
    file: 'refs-as-data.yaml',
    warnings: [
      ['40:11', 'a `const` value that is an object cannot be a literal type; typed as unknown'],
      ['43:11', 'a `enum` value that is an object cannot be a literal type; typed as unknown'],
    ],
    models: ['$ref: string;', '/** a JSON pointer */'],
  },
];

const located = (w: Diagnostic) => `${w.location?.line}:${w.location?.column}`;

/** Generates `spec`, expects exactly the case's warnings in order, the models and signatures it lists, and a package that type-checks. */
function generatesWithWarnings(spec: string, c: TolerantCase): void {
  const { files, warnings } = buildPackage({ spec, out: 'unused', name: 'tolerant' });

  for (const w of warnings) expect(w.location?.file, w.message).toBe(spec);
  expect(warnings.map(located)).toEqual(c.warnings.map(([at]) => at));
  warnings.forEach((w, i) => expect(w.message).toContain(c.warnings[i]![1]));

  const models = (files.get('src/models.ts') ?? '').split('\n').map((l) => l.trim());
  for (const line of c.models) expect(models, line).toContain(line);
  const resources = [...files].filter(([path]) => path.startsWith('src/resources/')).map(([, text]) => text).join('\n');
  for (const signature of c.resources ?? []) expect(resources).toContain(signature);

  const dir = tempTree(Object.fromEntries(files));
  expect(typeCheck(join(dir, 'tsconfig.json'))).toEqual([]);
}

describe('sloppy specs generate, with a warning for every assumption', () => {
  it.each(CASES.map((c) => [c.file, c] as const))('%s', (_, c) => generatesWithWarnings(join(FIXTURES, c.file), c));

  it('names duplicated operations from the spec alone: the same on every run and in every order of reading', () => {
    const spec = join(FIXTURES, 'swagger-habits.yaml');
    const ids = () => buildPackage({ spec, out: 'unused', name: 'tolerant' }).ir.resources.flatMap((r) => r.operations.map((o) => `${o.httpMethod} ${o.path} ${o.operationId}`)).sort();
    expect(ids()).toEqual(['DELETE /pets/{petId} deletePet', 'GET /owners listPets_3', 'GET /pets listPets', 'GET /pets/{petId} listPets_2', 'POST /pets createPet']);
    expect(ids()).toEqual(ids());
  });

  it('reads `$ref` keys in data positions as data, and follows those in reference positions', () => {
    const { document } = loadSpec(join(FIXTURES, 'refs-as-data.yaml'));
    const at = (...path: (string | number)[]) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document);
    const op = ['paths', '/schemas', 'get'];
    const media = [...op, 'responses', '200', 'content', 'application/json'];
    const schema = ['components', 'schemas', 'SchemaDoc'];
    expect(isRef(at(...media, 'schema'))).toBe(true);
    for (const path of [
      [...op, 'x-sample'],
      [...media, 'example'],
      [...media, 'examples', 'pointer', 'value'],
      [...schema, 'properties'],
      [...schema, 'properties', 'title', 'default'],
      [...schema, 'properties', 'kind', 'const'],
      [...schema, 'properties', 'shape', 'enum', 0],
      [...schema, 'examples', 0],
    ]) {
      expect(isRef(at(...path)), path.join(' > ')).toBe(false);
    }
  });
});

describe('the CLI with sloppy specs', () => {
  it('prints each warning with its position and writes the package', async () => {
    const out = join(tempTree({}), 'out');
    const result = await runCli(['generate', '--spec', join(FIXTURES, 'dialects-30.yaml'), '--out', out, '--name', 'tolerant']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/^\S+dialects-30\.yaml:\d+:\d+: warning: \S.*$/);
    expect(existsSync(join(out, 'src/models.ts'))).toBe(true);
  });

  it('--strict refuses every assumption with exit 2 and writes nothing', async () => {
    const out = join(tempTree({}), 'out');
    const result = await runCli(['generate', '--strict', '--spec', join(FIXTURES, 'swagger-habits.yaml'), '--out', out, '--name', 'tolerant']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(CASES[0]!.warnings.length);
    for (const line of lines) expect(line.replace(FIXTURES, '<dir>')).toMatch(/^<dir>\/swagger-habits\.yaml:\d+:\d+: error: \S.*$/);
    expect(existsSync(out)).toBe(false);
  });
});

/** Real public specs in corpus/ that carry these mistakes. */
describe('real specs with common mistakes', () => {
  it('openai.yaml: OpenAPI 3.0 `nullable` and boolean `exclusiveMinimum` in a 3.1 document are read as 3.1', () => {
    const file = join(ROOT, 'corpus/openai.yaml');
    const { document, warnings } = loadSpec(file);
    const schemas = (document['components'] as Record<string, Record<string, Record<string, Record<string, Record<string, unknown>>>>>)['schemas']!;

    expect(warnings.filter((w) => w.message.startsWith('`nullable` is OpenAPI 3.0'))).toHaveLength(341);
    expect(warnings.filter((w) => w.message.startsWith('`exclusiveMinimum: true` is OpenAPI 3.0'))).toHaveLength(7);
    expect(warnings).toHaveLength(348);
    expect(warnings.map((w) => `${w.location?.line}:${w.location?.column} ${w.message}`)).toContain('26069:11 `nullable` is OpenAPI 3.0; in 3.1 `null` is one of the types: read as type ["integer","null"]');
    expect(schemas['AdminApiKey']!['properties']!['last_used_at']).toMatchObject({ type: ['integer', 'null'] });
    expect(schemas['AdminApiKey']!['properties']!['last_used_at']).not.toHaveProperty('nullable');

    expect(warnings.map((w) => `${w.location?.line}:${w.location?.column} ${w.message}`)).toContain('31211:19 `exclusiveMinimum: true` is OpenAPI 3.0; in 3.1 the bound is the value: read as `exclusiveMinimum: 0`');
    const hyper = schemas['CreateFineTuningJobRequest']!['properties']!['hyperparameters']!['properties'] as Record<string, { anyOf: Record<string, unknown>[] }>;
    expect(hyper['learning_rate_multiplier']!.anyOf[1]).toEqual({ type: 'number', exclusiveMinimum: 0 });

    for (const w of warnings) expect(w.location?.file, w.message).toBe(file);
  });

  it('open-meteo.yml: component names written as `type` are read as references, and `type: int` as integer', () => {
    generatesWithWarnings(join(ROOT, 'corpus/open-meteo.yml'), {
      file: 'open-meteo.yml',
      warnings: [
        ['179:21', 'schema type "HourlyResponse" is the name of a component schema, not a type; read as `$ref: #/components/schemas/HourlyResponse`'],
        ['187:21', 'schema type "DailyResponse" is the name of a component schema, not a type; read as `$ref: #/components/schemas/DailyResponse`'],
        ['195:21', 'schema type "CurrentWeather" is the name of a component schema, not a type; read as `$ref: #/components/schemas/CurrentWeather`'],
        ['455:11', 'unknown schema type "int"; read as type "integer"'],
      ],
      models: ['hourly?: HourlyResponse;', 'daily?: DailyResponse;', 'current_weather?: CurrentWeather;', 'weather_code: number;', 'time: string[];'],
      resources: ['latitude: number;', 'longitude: number;'],
    });
  });
});
