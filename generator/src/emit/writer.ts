import CodeBlockWriter from 'code-block-writer';
import type { IRDocs } from '../ir/types.js';
import { jsdocText } from './escape.js';

export function newWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
}

/** Writes a JSDoc block from free text plus tags; writes nothing when there is nothing to say. */
export function writeDocs(w: CodeBlockWriter, docs: Partial<IRDocs>, extra: string[] = []): void {
  const lines: string[] = [];
  if (docs.description) lines.push(...jsdocText(docs.description).split('\n'));
  const tags = (docs.tags ?? []).map(([tag, value]) => `@${tag} ${jsdocText(value).replace(/\n/g, ' ')}`);
  if (docs.deprecated) tags.unshift('@deprecated');
  if (lines.length > 0 && (tags.length > 0 || extra.length > 0)) lines.push('');
  lines.push(...extra, ...tags);
  if (lines.length === 0) return;
  if (lines.length === 1) {
    w.writeLine(`/** ${lines[0]} */`);
    return;
  }
  w.writeLine('/**');
  for (const line of lines) w.writeLine(line === '' ? ' *' : ` * ${line}`);
  w.writeLine(' */');
}
