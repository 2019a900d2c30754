import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { importPackages } from '../support/import-package.js';
import { tempTree } from '../support/tmp.js';
import { checkStructure, literalTexts, unescapedMarkup } from './checks.js';
import { hostileSpec, type HostileInput } from './hostile-spec.js';

function generateFrom(input: HostileInput) {
  const dir = tempTree({ 'api.json': JSON.stringify(input.spec) });
  return { dir, ...buildPackage({ spec: join(dir, 'api.json'), out: join(dir, 'out'), name: 'hostile', packageName: 'hostile-sdk' }) };
}

/** Specs generated and checked per run, and of those, packages compiled and imported. */
const FUZZ_RUNS = 100;
const COMPILED_RUNS = 12;

describe('hostile strings in a spec never become code', () => {
  it('generated modules hold only the declarations the spec asked for, and every value survives as data', () => {
    fc.assert(
      fc.property(hostileSpec, (input) => {
        const { files, ir } = generateFrom(input);
        for (const [path, text] of files) if (path.endsWith('.ts') && !path.startsWith('src/core/')) checkStructure(path, text, ir);
        const models = literalTexts(files.get('src/models.ts')!);
        for (const value of input.enumValues) expect(models.strings.has(value), `enum value ${JSON.stringify(value)}`).toBe(true);
        for (const name of input.propertyNames) expect(models.names.has(name), `property ${JSON.stringify(name)}`).toBe(true);
        const keys = [...files].filter(([path]) => path.startsWith('src/resources/')).flatMap(([, text]) => [...literalTexts(text).keys]);
        expect(keys.includes(input.paramName), `query parameter ${JSON.stringify(input.paramName)}`).toBe(true);
        // The client's base URL is the server URL as written, less trailing slashes.
        expect(literalTexts(files.get('src/client.ts')!).strings.has(input.serverURL.replace(/\/+$/, '')), `server ${JSON.stringify(input.serverURL)}`).toBe(true);
        const pkg = JSON.parse(files.get('package.json')!) as Record<string, unknown>;
        expect(Object.keys(pkg)).toEqual(['name', 'version', 'description', 'license', 'type', 'sideEffects', 'main', 'types', 'exports', 'files', 'scripts', 'engines', 'devDependencies']);
        expect(pkg['name']).toBe('hostile-sdk');
        for (const [path, text] of files) if (path.endsWith('.md')) expect(unescapedMarkup(text), path).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 300_000);

  it('packages generated from hostile specs compile under strict, and importing them runs nothing', () => {
    const samples = fc.sample(hostileSpec, { numRuns: COMPILED_RUNS });
    const packages = samples.map((input) => generateFrom(input).files);
    const result = importPackages(packages);
    expect(result.failed).toEqual([]);
    expect(result.errors).toEqual([]);
    // The fuzz strings call process.exit(1) and alert(); an import that ran one would not have reported at all.
    expect(result.stdout).toBe('');
    expect(result.modules).toHaveLength(packages.flatMap((p) => [...p.keys()].filter((f) => f.endsWith('.ts'))).length);
  }, 300_000);

  it('a credential or client option named like an Object.prototype member still compiles', () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      security: [{ constructor: [] }],
      paths: {
        '/{toString}/items': {
          get: {
            operationId: 'list',
            parameters: [{ name: 'toString', in: 'path', required: true, schema: { type: 'string' }, 'x-sdkgen-client-option': 'toString' }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
      components: { securitySchemes: { constructor: { type: 'http', scheme: 'bearer' } } },
    };
    const { files } = generateFrom({ spec, enumValues: [], propertyNames: [], paramName: '', serverURL: '' });
    const result = importPackages([files]);
    expect(result.errors).toEqual([]);
    expect(result.failed).toEqual([]);
  });
});
