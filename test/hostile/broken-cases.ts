/** Broken specs users really meet, each a set of files with `api.yaml` (or `api.json`) as the entry. */
export interface BrokenCase {
  name: string;
  files: Record<string, string | Buffer>;
  entry?: string;
  /** Passed to the CLI, e.g. `--strict` for cases that are only warnings without it. */
  flags?: string[];
}

const HEAD = 'openapi: 3.1.0\ninfo:\n  title: Broken\n  version: "1"\n';

/** A valid spec with `extra` appended under `paths:`/`components:` as given. */
const spec = (rest: string) => ({ 'api.yaml': `${HEAD}${rest}` });

const op = (body: string) => spec(`paths:\n  /items:\n    get:\n${body}`);

const schema = (body: string) => spec(`components:\n  schemas:\n    Item:\n${body}`);

export const BROKEN: BrokenCase[] = [
  { name: 'nested mapping in a compact mapping', files: spec('paths:\n  /a: b: c\n') },
  { name: 'unclosed double quote', files: { 'api.yaml': `${HEAD}x-note: "never closed\n` } },
  { name: 'unclosed flow sequence', files: { 'api.yaml': `${HEAD}tags: [a, b\n` } },
  { name: 'tab indentation', files: { 'api.yaml': `${HEAD}paths:\n\t/a: {}\n` } },
  { name: 'duplicate top-level key', files: { 'api.yaml': `${HEAD}paths: {}\npaths: {}\n` } },
  { name: 'duplicate property name', files: schema('      type: object\n      properties:\n        id: {type: string}\n        id: {type: integer}\n') },
  { name: 'empty file', files: { 'api.yaml': '' } },
  { name: 'only comments', files: { 'api.yaml': '# nothing here\n# at all\n' } },
  { name: 'binary file', files: { 'api.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) } },
  { name: 'JSON with a trailing comma', entry: 'api.json', files: { 'api.json': '{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},}' } },
  { name: 'JSON cut short', entry: 'api.json', files: { 'api.json': '{"openapi": "3.1.0", "info": {"title": "T"' } },
  { name: 'document is a list', files: { 'api.yaml': '- openapi: 3.1.0\n' } },
  { name: 'document is a scalar', files: { 'api.yaml': 'just some text\n' } },
  { name: 'no openapi field', files: { 'api.yaml': 'info:\n  title: T\n  version: "1"\npaths: {}\n' } },
  { name: 'Swagger 2.0', files: { 'api.yaml': 'swagger: "2.0"\ninfo:\n  title: T\n  version: "1"\n' } },
  { name: 'unknown OpenAPI version', files: { 'api.yaml': 'openapi: 4.0.0\ninfo: {title: T, version: "1"}\n' } },
  { name: 'OpenAPI version as a number', files: { 'api.yaml': 'openapi: 3.1\ninfo: {title: T, version: "1"}\n' } },
  { name: 'paths is a list', files: spec('paths:\n  - /items\n') },
  { name: 'path without a leading slash', files: spec('paths:\n  items:\n    get:\n      responses: {}\n') },
  { name: 'operation is a string', files: spec('paths:\n  /items:\n    get: list the items\n') },
  { name: 'operationId is a number', files: op('      operationId: 42\n      responses: {}\n') },
  { name: 'responses is a list', files: op('      responses:\n        - "200"\n') },
  { name: 'parameters is a mapping', files: op('      parameters:\n        limit: {in: query}\n      responses: {}\n') },
  { name: 'parameter without a name', files: op('      parameters:\n        - in: query\n          schema: {type: string}\n      responses: {}\n') },
  { name: 'parameter in an unknown place', files: op('      parameters:\n        - name: limit\n          in: payload\n      responses: {}\n') },
  { name: 'dangling schema $ref', files: schema('      $ref: "#/components/schemas/Nope"\n') },
  { name: 'dangling parameter $ref', files: op('      parameters:\n        - $ref: "#/components/parameters/Limit"\n      responses: {}\n') },
  { name: '$ref to a missing file', files: schema('      $ref: "./models/item.yaml"\n') },
  { name: '$ref outside the spec folder', files: schema('      $ref: "../../etc/passwd"\n') },
  { name: '$ref to a remote URL', files: schema('      $ref: "https://example.com/item.yaml"\n') },
  { name: '$ref that is not a string', files: schema('      $ref: 7\n') },
  { name: 'cyclic $ref chain', files: spec('paths:\n  /a:\n    $ref: "#/paths/~1b"\n  /b:\n    $ref: "#/paths/~1a"\n') },
  { name: 'cyclic $ref across files', files: { ...spec('paths:\n  /a:\n    $ref: "./a.yaml"\n'), 'a.yaml': '$ref: "./b.yaml"\n', 'b.yaml': '$ref: "./a.yaml"\n' } },
  { name: 'broken YAML in a referenced file', files: { ...schema('      $ref: "./item.yaml"\n'), 'item.yaml': 'type: object\nproperties:\n  id: {type: string\n' } },
  { name: 'path parameter missing from parameters (strict)', flags: ['--strict'], files: spec('paths:\n  /items/{id}:\n    get:\n      responses: {"204": {description: none}}\n') },
  { name: 'declared path parameter missing from the path (strict)', flags: ['--strict'], files: op('      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses: {"204": {description: none}}\n') },
  { name: 'invalid regex pattern (strict)', flags: ['--strict'], files: schema('      type: string\n      pattern: "([a-z]+"\n') },
  { name: 'unknown schema type (strict)', flags: ['--strict'], files: schema('      type: text\n') },
  { name: 'required is a string', files: schema('      type: object\n      required: id\n      properties:\n        id: {type: string}\n') },
  { name: 'properties is a list', files: schema('      type: object\n      properties:\n        - id\n') },
  { name: 'enum is a string', files: schema('      type: string\n      enum: a, b\n') },
  { name: 'type is a mapping', files: schema('      type: {name: string}\n') },
  { name: 'apiKey scheme without a name', files: spec('components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n') },
  { name: 'pagination extension without a style', files: op('      x-sdkgen-pagination: {items: data}\n      responses: {"200": {description: ok}}\n') },
  { name: 'YAML alias bomb', files: { 'api.yaml': `${HEAD}x-a: &a [x, x, x, x, x, x, x, x, x, x]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nx-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nx-e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n` } },
  { name: 'nesting deeper than any real spec', entry: 'api.json', files: { 'api.json': `{"openapi":"3.1.0","info":{"title":"T","version":"1"},"x-deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}` } },
  { name: 'spec larger than 32 MB', files: { 'api.yaml': `${HEAD}x-blob: "${'a'.repeat(33 * 1024 * 1024)}"\n` } },
];
