import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { PACKAGES } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

/** A user regenerates after the API changed: the compiler must point at code that uses what is gone. */
describe('regenerating after a spec change', () => {
  it('breaks consumers of a removed property and types a new required one', () => {
    const clerk = PACKAGES.find((p) => p.name === 'clerk')!;
    const dir = tempTree({ 'api.yaml': readFileSync(clerk.spec, 'utf8') });
    const spec = join(dir, 'api.yaml');
    const out = join(dir, 'out');
    generate({ spec, out, name: 'clerk', packageName: 'clerk-test' });

    const consumer = (body: string) => ({ [join(dir, 'use.ts')]: `import type { Invitation } from './out/src/models.js';\nexport function use(inv: Invitation) {\n  ${body}\n}\n` });
    expect(typeCheckFiles(consumer('return inv.url;'), STRICT_OPTIONS)).toEqual([]);

    const doc = parseDocument(readFileSync(spec, 'utf8'));
    doc.deleteIn(['components', 'schemas', 'Invitation', 'properties', 'url']);
    doc.setIn(['components', 'schemas', 'Invitation', 'properties', 'inviter_id'], doc.createNode({ type: 'string' }));
    doc.addIn(['components', 'schemas', 'Invitation', 'required'], 'inviter_id');
    writeFileSync(spec, doc.toString());
    const result = generate({ spec, out, name: 'clerk', packageName: 'clerk-test' });
    expect(result.written).toContain('src/models.ts');

    const removed = typeCheckFiles(consumer('return inv.url;'), STRICT_OPTIONS);
    expect(removed.join('\n')).toMatch(/Property 'url' does not exist on type 'Invitation'/);
    expect(typeCheckFiles(consumer('const id: string = inv.inviter_id;\n  return id;'), STRICT_OPTIONS)).toEqual([]);
  });
});
