import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { SpecError } from '../../generator/src/diagnostics.js';
import { tempTree } from '../support/tmp.js';
import { model } from './fixture.js';

/** A spec whose one schema carries `keywords` beside its type and properties. */
function specWith(keywords: string): string {
  const dir = tempTree({
    'api.yaml': `openapi: 3.1.0
info: { title: T, version: '1' }
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
${keywords}
      properties:
        id: { type: string }
`,
  });
  return join(dir, 'api.yaml');
}

const build = (spec: string) => buildPackage({ spec, out: 'unused', name: 'api' });

/** Which keywords have a shape is a list of keywords, not whatever an object answers to a name. */
describe('schema keyword shapes', () => {
  it('ignores unknown keywords named like members every object inherits', () => {
    const { ir } = build(specWith('      constructor: 1\n      toString: x\n      valueOf: [1]\n      hasOwnProperty: { a: 1 }\n      __proto__: 2'));
    expect(model(ir, 'Thing').type).toMatchObject({ kind: 'object', properties: [{ name: 'id', type: { kind: 'primitive', name: 'string' } }] });
  });

  it('still refuses a known keyword with the wrong kind of value, at the keyword', () => {
    expect(() => build(specWith('      required: id'))).toThrow(SpecError);
    expect(() => build(specWith('      required: id'))).toThrow(/schema keyword `required` must be a list, got string "id"/);
  });
});
