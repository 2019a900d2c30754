import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { importPackages, MARKER } from '../support/import-package.js';
import { tempTree } from '../support/tmp.js';

/** Code that leaves a global, a file and a line of output behind if it ever runs. */
const run = (id: string) => `globalThis.${MARKER}_${id}=1;console.log("PWNED ${id}");process.getBuiltinModule?.("fs")?.writeFileSync("${id}","")`;

function generate(spec: object) {
  const dir = tempTree({ 'api.json': JSON.stringify(spec) });
  return buildPackage({ spec: join(dir, 'api.json'), out: join(dir, 'out'), name: 'hostile', packageName: 'hostile-sdk' }).files;
}

describe('spec text in a generated comment cannot end it', () => {
  it('an error response description cannot add a static block to the resource class', () => {
    const files = generate({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/items/{id}': {
          get: {
            operationId: 'getItem',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } },
              '404': { description: `gone */ static { ${run('throws')} } /*` },
            },
          },
        },
      },
    });
    const result = importPackages([files]);
    expect(result.markerGlobals).toEqual([]);
    expect(result.markerFiles).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.stdout).not.toContain('PWNED');
  });

  it('an enum value in a required body field cannot end the comment of the example', () => {
    const files = generate({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/items': {
          post: {
            operationId: 'createItem',
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: [`a*/ ${run('example')} /*b`] } } } } },
            },
            responses: { '201': { description: 'created' } },
          },
        },
      },
    });
    const result = importPackages([files]);
    expect(result.markerGlobals).toEqual([]);
    expect(result.markerFiles).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(result.errors).toEqual([]);
    // The example still shows the value a reader would type: `*\/` reads as `*/` in a string literal.
    const resource = [...files].find(([p]) => p.startsWith('src/resources/'))![1];
    expect(resource).toContain(`kind: 'a*\\/ globalThis.`);
  });
});
