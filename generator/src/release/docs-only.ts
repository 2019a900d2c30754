/*
 * The release of a change that only touched documentation, decided from the
 * text alone so the compiler is not loaded for it. Generated sources keep every
 * comment on lines of its own, so a file whose other lines are all the same
 * changed only in what a reader sees. Anything this cannot place for certain
 * (a changed deprecation, a comment outside any declaration, text it cannot
 * scan) is left to the type checker.
 */
import type { ApiChange } from './changes.js';

interface Scanned {
  /** The lines that are code, comments left out. */
  code: string[];
  /** The comment lines standing before each code line, by that line's index. */
  comments: Map<number, string>;
}

/** Where a code line sits: the declaration it belongs to and the member of it, if any. */
interface Place {
  top: string | undefined;
  member: string | undefined;
}

/**
 * The docs changes between two generations when every changed source differs
 * only in own-line comments, named as the checker-based comparison names them
 * (`Model`, `Model.property`, `Resource.method`); undefined when the checker is needed.
 */
export function docsOnlyChanges(before: Map<string, string>, after: Map<string, string>, changedPaths: string[]): ApiChange[] | undefined {
  const changes: ApiChange[] = [];
  const aliases = exportAliases(after.get('src/index.ts') ?? '');
  for (const path of changedPaths.filter((p) => p.startsWith('src/') && p.endsWith('.ts'))) {
    const old = before.get(path);
    const next = after.get(path);
    if (old === undefined || next === undefined) return undefined;
    const found = fileChanges(path, old, next);
    if (!found) return undefined;
    for (const change of found) {
      changes.push(change);
      const [top, ...member] = change.symbol.split('.');
      for (const alias of aliases.get(top!) ?? []) changes.push({ ...change, symbol: [alias, ...member].join('.') });
    }
  }
  return changes;
}

/** The other names the entry point exports a declaration under (`export { Client as default }`), each reported as its own export. */
function exportAliases(index: string): Map<string, string[]> {
  const aliases = new Map<string, string[]>();
  for (const [, name, alias] of index.matchAll(/\b([A-Za-z_$][\w$]*)\s+as\s+([A-Za-z_$][\w$]*)/g)) {
    if (name === alias) continue;
    aliases.set(name!, [...(aliases.get(name!) ?? []), alias!]);
  }
  return aliases;
}

function fileChanges(path: string, oldText: string, newText: string): ApiChange[] | undefined {
  const old = scan(oldText);
  const next = scan(newText);
  if (!old || !next || old.code.length !== next.code.length || old.code.some((line, i) => line !== next.code[i])) return undefined;
  const places = placesOf(next.code);
  if (!places) return undefined;
  const group = groupOf(path, newText);
  const symbols = new Set<string>();
  for (const i of new Set([...old.comments.keys(), ...next.comments.keys()])) {
    const was = old.comments.get(i) ?? '';
    const now = next.comments.get(i) ?? '';
    if (was === now) continue;
    // Deprecating is news to a consumer, which the checker-based comparison reports as a feature.
    if (DEPRECATED.test(was) !== DEPRECATED.test(now)) return undefined;
    const place = places[i];
    if (!place?.top) return undefined;
    symbols.add(place.member === undefined ? place.top : `${place.top}.${place.member}`);
  }
  // A declaration whose members changed is reported through them, as the checker-based comparison does.
  const named = [...symbols].filter((s) => s.includes('.') || ![...symbols].some((m) => m.startsWith(`${s}.`)));
  return named.map((symbol) => ({ kind: 'docs', symbol, message: 'documentation changed', group }));
}

const DEPRECATED = /@deprecated\b/;

/** Code lines and the comments before them; undefined for a comment that shares a line with code. */
function scan(text: string): Scanned | undefined {
  const code: string[] = [];
  const comments = new Map<number, string>();
  let pending: string[] = [];
  let inBlock = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (inBlock || trimmed.startsWith('/*')) {
      pending.push(line);
      const end = line.indexOf('*/', inBlock ? 0 : line.indexOf('/*') + 2);
      inBlock = end === -1;
      if (!inBlock && line.slice(end + 2).trim() !== '') return undefined;
      continue;
    }
    if (trimmed.startsWith('//')) {
      pending.push(line);
      continue;
    }
    if (pending.length > 0) comments.set(code.length, pending.join('\n'));
    pending = [];
    code.push(line);
  }
  if (inBlock) return undefined;
  if (pending.length > 0) comments.set(code.length, pending.join('\n'));
  return { code, comments };
}

const DECLARATION = /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:interface|type|class|function\*?|const|let|var|enum|namespace)\s+([A-Za-z_$][\w$]*)/;
const MEMBER = /^\s*(?:(?:public|private|protected|static|readonly|async|declare|override|abstract|get|set)\s+)*(?:'([^']+)'|"([^"]+)"|([A-Za-z_$#][\w$]*))\??\s*[(:<=;]/;

/**
 * The declaration and member each code line belongs to, from the depth of
 * braces, brackets and parentheses outside strings; a line that cannot be
 * placed for certain has no `top`.
 */
function placesOf(code: string[]): Place[] | undefined {
  const places: Place[] = [];
  let depth = 0;
  let top: string | undefined;
  let member: string | undefined;
  for (const line of code) {
    if (depth === 0) {
      top = DECLARATION.exec(line.trim())?.[1];
      member = undefined;
      places.push({ top, member: undefined });
    } else if (depth === 1) {
      const m = MEMBER.exec(line);
      const name = m?.[1] ?? m?.[2] ?? m?.[3];
      // The checker compares a constructor as part of its class.
      member = name === 'constructor' ? '' : name;
      places.push(member === undefined ? { top: undefined, member } : { top, member: member || undefined });
    } else {
      places.push(member === undefined ? { top: undefined, member } : { top, member: member || undefined });
    }
    const change = depthChange(line);
    if (change === undefined) return undefined;
    depth += change;
    if (depth < 0) return undefined;
  }
  return depth === 0 ? places : undefined;
}

/** Opened minus closed brackets on a line, skipping strings; undefined for a string left open. */
function depthChange(line: string): number | undefined {
  let change = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') break;
    else if (c === '{' || c === '(' || c === '[') change++;
    else if (c === '}' || c === ')' || c === ']') change--;
  }
  return quote ? undefined : change;
}

/** The changelog section of a file: its resource class, the models, the runtime or the client. */
function groupOf(path: string, text: string): string {
  if (path.startsWith('src/resources/')) return /^export\s+(?:default\s+)?class\s+([A-Za-z_$][\w$]*)/m.exec(text)?.[1] ?? path.replace(/^.*\//, '').replace(/\.ts$/, '');
  if (path === 'src/models.ts') return 'Models';
  if (path.startsWith('src/core/')) return 'Runtime';
  return 'Client';
}
