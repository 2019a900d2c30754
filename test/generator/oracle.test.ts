import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { PACKAGES } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

/**
 * openapi-typescript is an independent reading of the same spec: for every
 * component schema, our model and its type must be assignable both ways.
 */
describe('models agree with openapi-typescript', () => {
  it.each(PACKAGES.map((p) => [p.name!, p] as const))('%s', async (_name, options) => {
    const { ir, files } = buildPackage(options);
    const oracle = astToString(await openapiTS(pathToFileURL(options.spec), { defaultNonNullable: false }));
    const dir = tempTree({ 'oracle.ts': oracle, 'models.ts': files.get('src/models.ts')! });
    // Request shapes (`…Input`) drop read-only properties on purpose; openapi-typescript keeps one shape.
    const components = ir.models.filter((m) => /#\/components\/schemas\/[^/]+$/.test(m.source) && !m.source.endsWith('(request shape)'));
    expect(components.length).toBeGreaterThan(0);
    const checks = components.map((m, i) => {
      const component = decodeURIComponent(m.source.slice(m.source.lastIndexOf('/') + 1)).replace(/~1/g, '/').replace(/~0/g, '~');
      const theirs = `components['schemas'][${JSON.stringify(component)}]`;
      return `export const ours${i}: Mutual<M.${m.name}, ${theirs}> = true;`;
    });
    const check = [
      "import type { components } from './oracle.js';",
      "import type * as M from './models.js';",
      'type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      ...checks,
    ].join('\n');
    const checkFile = join(dir, 'check.ts');
    writeFileSync(checkFile, check);
    const errors = typeCheckFiles({ [checkFile]: check }, STRICT_OPTIONS).map((e) => e.replace(`${dir}/`, ''));
    expect(errors, relative(process.cwd(), options.spec)).toEqual([]);
  });
});
