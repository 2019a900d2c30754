import { posix } from 'node:path';
import type { IR } from '../ir/types.js';
import { stringLiteral } from './escape.js';

/** The specifier a module at package path `from` imports the module at `to` by, as NodeNext wants it (`./x.js`). */
export function importPath(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The specifier of the runtime module that declares `name`. */
export function runtimeImport(ir: Pick<IR, 'runtimeModules'>, from: string, name: string): string {
  const file = ir.runtimeModules[name];
  if (file === undefined) throw new Error(`the runtime declares no ${name}`);
  return importPath(from, file);
}

/** Import lines for runtime names, one per module in the order first named: `import { A, type B } from '…';`. */
export function runtimeImportLines(ir: Pick<IR, 'runtimeModules'>, from: string, values: string[], types: string[] = []): string[] {
  const byModule = new Map<string, string[]>();
  const add = (name: string, text: string) => {
    const spec = runtimeImport(ir, from, name);
    byModule.set(spec, [...(byModule.get(spec) ?? []), text]);
  };
  for (const v of values) add(v, v);
  for (const t of types) add(t, `type ${t}`);
  return [...byModule].map(([spec, names]) => {
    const allTypes = names.every((n) => n.startsWith('type '));
    const list = allTypes ? names.map((n) => n.slice('type '.length)) : names;
    return `import ${allTypes ? 'type ' : ''}{ ${list.join(', ')} } from ${stringLiteral(spec)};`;
  });
}
