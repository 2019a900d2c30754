import type { Alias, Document, LineCounter, Node } from 'yaml';
import { SpecError, type Diagnostic } from '../diagnostics.js';
import { readFast, UNSUPPORTED } from './fast-yaml.js';
import type { SourcePositions } from './positions.js';
import { yamlLib } from './yaml-lib.js';

/** Largest spec file we read; larger ones are almost certainly not hand-made specs. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Parses one YAML or JSON file into plain data, recording the position of
 * every collection: with the fast reader when the file is in the subset it
 * reads exactly, which real specs are, and with the `yaml` library otherwise
 * (which also reports every error).
 */
export function parseSpecFile(file: string, text: string, positions: SourcePositions): unknown {
  checkReadable(file, text);
  const fast = readFast(text, positions.recorder(file, text));
  return fast !== UNSUPPORTED ? fast : readWithYaml(file, text, positions);
}

/** `parseSpecFile` without the fast reader: what it must agree with. */
export function parseSpecFileWithYaml(file: string, text: string, positions: SourcePositions): unknown {
  checkReadable(file, text);
  return readWithYaml(file, text, positions);
}

function checkReadable(file: string, text: string): void {
  if (text.length > MAX_FILE_BYTES) {
    throw new SpecError([{ severity: 'error', message: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, location: { file, line: 1, column: 1 } }]);
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    throw new SpecError([{ severity: 'error', message: 'file is binary (contains a NUL byte), not YAML or JSON', location: { file, ...lineCol(text, nul) } }]);
  }
  if (/\.json$/i.test(file)) checkStrictJson(file, text);
}

/** Walks with an explicit stack so hostile nesting depth cannot overflow the call stack. */
function readWithYaml(file: string, text: string, positions: SourcePositions): unknown {
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, strict: true});
  if (doc.errors.length > 0) {
    const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
    if (overflow) {
      const at = deepNestingOffset(text) ?? overflow.pos[0];
      throw new SpecError([{ severity: 'error', message: 'the file is nested too deeply to read', location: { file, ...lineCol(text, at) } }]);
    }
    throw new SpecError(doc.errors.slice(0, MAX_REPORTED).map((e): Diagnostic => ({
      severity: 'error',
      message: yamlMessage(e.code, e.message),
      location: { file, ...lineCol(text, e.pos[0]) },
    })));
  }
  if (doc.contents === null) {
    throw new SpecError([{ severity: 'error', message: 'file is empty', location: { file, line: 1, column: 1 } }]);
  }
  return toPlain(doc, file, lines, positions);
}

/** Flow nesting deeper than this is reported at the bracket that passes it. */
const REPORTED_DEPTH = 256;

/**
 * Where `[`/`{` nesting first passes `REPORTED_DEPTH`. Where the parser ran
 * out of stack depends on how deep the caller's stack already was; this
 * points at the same place every time.
 */
function deepNestingOffset(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > REPORTED_DEPTH) return i;
    } else if (c === ']' || c === '}') depth--;
  }
  return undefined;
}

/** YAML reads JSON leniently (trailing commas pass); a .json file must be JSON. */
function checkStrictJson(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    if (/call stack/i.test(message)) return;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    throw new SpecError([{ severity: 'error', message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, location: { file, ...lineCol(text, offset) } }]);
  }
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first.replace(/^Map keys must be unique.*$/, 'a mapping has the same key twice')}`;
  return `invalid YAML/JSON: ${first}`;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

type Frame = { node: Node; set: (value: unknown) => void };

/** Every node with an anchor, by anchor name, in document order. */
function anchoredNodes(doc: Document): Map<string, Node[]> {
  const { visit } = yamlLib();
  const anchors = new Map<string, Node[]>();
  visit(doc, (_key, node) => {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, [...(anchors.get(anchor) ?? []), node as Node]);
  });
  return anchors;
}

/**
 * What an alias refers to: the last node before it with that anchor, as YAML
 * says. `Alias.resolve` finds the same by walking the whole document for
 * every alias, which a spec with many aliases pays for many times.
 */
function aliasTarget(alias: Alias, anchors: Map<string, Node[]>): Node | undefined {
  const at = alias.range?.[0] ?? Infinity;
  return anchors.get(alias.source)?.filter((n) => (n.range?.[0] ?? 0) < at).pop();
}

/** More errors than this in one file are rarely news; the first ones say what is wrong. */
const MAX_REPORTED = 10;

/** Aliases are expanded as copies; this bounds how far a hostile file can blow up. */
const MAX_ALIAS_EXPANSIONS = 10_000;

function toPlain(doc: Document, file: string, lines: LineCounter, positions: SourcePositions): unknown {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  let result: unknown;
  let expansions = 0;
  let anchors: Map<string, Node[]> | undefined;
  const stack: Frame[] = [{ node: doc.contents as Node, set: (v) => { result = v; } }];
  while (stack.length > 0) {
    const { node, set } = stack.pop()!;
    const offset = node.range?.[0] ?? 0;
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      positions.record(obj, { file, lines, offset, map: node });
      set(obj);
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        // Checked here rather than by the parser: this walk visits every key anyway.
        if (Object.hasOwn(obj, key)) {
          const at = lines.linePos((isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset);
          throw new SpecError([{ severity: 'error', message: 'duplicate key: a mapping has the same key twice', location: { file, line: at.line, column: at.col } }]);
        }
        // An own data property, so a key like __proto__ stays plain data.
        if (key === '__proto__') Object.defineProperty(obj, key, { value: null, enumerable: true, writable: true, configurable: true });
        else obj[key] = null;
        if (pair.value) stack.push({ node: pair.value as Node, set: (v) => { obj[key] = v; } });
      }
    } else if (isSeq(node)) {
      const arr: unknown[] = new Array(node.items.length).fill(null);
      positions.record(arr, { file, lines, offset, map: undefined });
      set(arr);
      node.items.forEach((item, i) => {
        if (item) stack.push({ node: item as Node, set: (v) => { arr[i] = v; } });
      });
    } else if (isScalar(node)) {
      set(node.value);
    } else if (isAlias(node)) {
      anchors ??= anchoredNodes(doc);
      const target = aliasTarget(node, anchors);
      if (++expansions > MAX_ALIAS_EXPANSIONS) {
        const at = lines.linePos(offset);
        throw new SpecError([{ severity: 'error', message: 'too many YAML alias expansions', location: { file, line: at.line, column: at.col } }]);
      }
      if (target) stack.push({ node: target as Node, set });
      else set(null);
    } else {
      set(null);
    }
  }
  return result;
}
