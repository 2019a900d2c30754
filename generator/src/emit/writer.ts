import CodeBlockWriter from 'code-block-writer';
import { identifier, jsdocCode, jsdocLine, jsdocTagName, jsdocText } from './escape.js';

export function newWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
}

/** An error an operation throws for a response status, as a `@throws` tag. */
export interface ThrowsDoc {
  /** Name of the runtime error class. */
  errorClass: string;
  /** The status as the spec writes it: `404`, `4XX`, `default`. */
  status: string;
  /** The model the error's body is typed as, if any. */
  bodyModel: string | undefined;
  description: string | undefined;
}

/**
 * Everything a generated doc comment can say. There is no field for raw
 * lines: every value is text from a spec (or built from it) and is escaped
 * here for the comment it lands in.
 */
export interface DocComment {
  description?: string | undefined;
  deprecated?: boolean | undefined;
  /** Schema keywords as tags, e.g. `['default', '10']`. */
  tags?: readonly (readonly [string, string])[] | undefined;
  throws?: readonly ThrowsDoc[] | undefined;
  /** TypeScript source shown under `@example`. */
  example?: string | undefined;
}

/** Writes a JSDoc block; writes nothing when there is nothing to say. */
export function writeDocs(w: CodeBlockWriter, docs: DocComment): void {
  const lines = docLines(docs);
  if (lines.length === 0) return;
  if (lines.length === 1) {
    w.writeLine(`/** ${lines[0]} */`);
    return;
  }
  w.writeLine('/**');
  for (const line of lines) w.writeLine(line === '' ? ' *' : ` * ${line}`);
  w.writeLine(' */');
}

function docLines(docs: DocComment): string[] {
  const prose = docs.description ? jsdocText(docs.description).split('\n') : [];
  const tags: string[] = [];
  if (docs.deprecated) tags.push('@deprecated');
  for (const t of docs.throws ?? []) tags.push(throwsLine(t));
  for (const [tag, value] of docs.tags ?? []) tags.push(`@${jsdocTagName(tag)} ${jsdocLine(value)}`);
  // Last: an example runs until the next tag.
  if (docs.example !== undefined) tags.push('@example', ...jsdocCode(docs.example, 'ts').split('\n'));
  return prose.length > 0 && tags.length > 0 ? [...prose, '', ...tags] : [...prose, ...tags];
}

function throwsLine(t: ThrowsDoc): string {
  const body = t.bodyModel ? ` with body {@link ${identifier(t.bodyModel)}}` : '';
  const said = t.description ? `: ${jsdocLine(t.description.split(/\r\n?|[\n\u2028\u2029]/)[0]!)}` : '';
  return `@throws {${identifier(t.errorClass)}} ${jsdocLine(t.status)}${body}${said}`;
}
