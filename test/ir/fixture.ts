import { join } from 'node:path';
import { buildPackage } from '../../generator/src/generate.js';
import type { IR, IRModel, IRType } from '../../generator/src/ir/types.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

export const IR_FIXTURES = join(ROOT, 'test/fixtures/ir');

/** Builds a fixture's package in memory. */
export function buildFixture(file: string) {
  const name = file.replace(/\.yaml$/, '');
  return buildPackage({ spec: join(IR_FIXTURES, file), out: 'unused', name, packageName: `${name}-sdk` });
}

export function model(ir: IR, name: string): IRModel {
  const found = ir.models.find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
}

export function unionOf(t: IRType): Extract<IRType, { kind: 'union' }> {
  if (t.kind !== 'union') throw new Error(`expected a union, got ${t.kind}`);
  return t;
}

/** Type-checks consumer code against the package under the strict options users build with. */
export function compileConsumer(files: Map<string, string>, consumer: string): string[] {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[join('out', path)] = text;
  const dir = tempTree(tree);
  return typeCheckFiles({ [join(dir, 'consumer.ts')]: consumer }, STRICT_OPTIONS);
}
