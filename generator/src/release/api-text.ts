import type { Node, ts } from 'ts-morph';
import { morph } from './morph.js';

let printer: ts.Printer | undefined;

/** A declaration as code without any comment, to tell documentation changes from code changes. */
export function textWithoutComments(node: Node): string {
  const { ts } = morph();
  printer ??= ts.createPrinter({ removeComments: true });
  return printer.printNode(ts.EmitHint.Unspecified, node.compilerNode, node.getSourceFile().compilerNode);
}

/** The changelog section a declaration belongs to: its resource, the models, the client or the runtime. */
export function exportGroup(node: Node): string {
  const file = node.getSourceFile();
  const path = file.getFilePath();
  if (/\/src\/resources\//.test(path)) return file.getClasses().find((c) => c.isExported())?.getName() ?? file.getBaseNameWithoutExtension();
  if (path.endsWith('/src/models.ts')) return 'Models';
  if (/\/src\/core\//.test(path)) return 'Runtime';
  return 'Client';
}
