import type CodeBlockWriter from 'code-block-writer';
import { childTypes } from '../ir/children.js';
import type { IRDiscriminator, IRProperty, IRType } from '../ir/types.js';
import { identifier, literal, propertyKey } from './escape.js';
import { newWriter, writeDocs } from './writer.js';

/** Writes a TypeScript type expression for an IR type. Object types span lines, as a person would write them. */
export function writeType(w: CodeBlockWriter, t: IRType): void {
  switch (t.kind) {
    case 'primitive': w.write(t.date ? 'Date' : t.name === 'integer' ? 'number' : t.name); return;
    case 'literal': w.write(literal(t.value)); return;
    case 'ref': w.write(identifier(t.name)); return;
    case 'binary': w.write(t.received ? 'Blob' : 'Uploadable'); return;
    case 'array':
      writeWrapped(w, t.items);
      w.write('[]');
      return;
    case 'tuple': writeTuple(w, t.items, t.rest); return;
    case 'union':
      if (t.discriminator) writeDiscriminated(w, t.members, t.discriminator);
      else writeJoined(w, t.members, ' | ');
      return;
    case 'intersection': writeJoined(w, t.members, ' & '); return;
    case 'object': writeObject(w, t.properties, t.additional); return;
  }
}

const texts = new WeakMap<IRType, string>();

/**
 * A type expression on its own, as text. The IR is not changed once built,
 * and a signature names the same type in several places, so each is written once.
 */
export function typeText(t: IRType): string {
  let text = texts.get(t);
  if (text === undefined) {
    const w = newWriter();
    writeType(w, t);
    texts.set(t, (text = w.toString()));
  }
  return text;
}

function writeWrapped(w: CodeBlockWriter, t: IRType): void {
  const needsParens = t.kind === 'union' || t.kind === 'intersection';
  if (needsParens) w.write('(');
  writeType(w, t);
  if (needsParens) w.write(')');
}

/**
 * Each member as it is when its own property already holds its tag, else
 * narrowed by intersection with the tag (which an open property accepts, so
 * the intersection never contradicts the member).
 */
function writeDiscriminated(w: CodeBlockWriter, members: IRType[], d: IRDiscriminator): void {
  members.forEach((m, i) => {
    if (i > 0) w.write(' | ');
    const tag = d.members[i];
    if (!tag?.narrow) {
      writeType(w, m);
      return;
    }
    writeWrapped(w, m);
    w.write(` & { ${propertyKey(d.property)}: `);
    writeJoined(w, tag.values.map((value) => ({ kind: 'literal', value })), ' | ');
    w.write(' }');
  });
}

function writeJoined(w: CodeBlockWriter, all: IRType[], sep: string): void {
  const seen = new Set<string>();
  // `integer` and `number` are both `number` in TypeScript.
  const members = sep === ' | ' ? all.filter((m) => {
    const key = typeKey(m);
    return !seen.has(key) && seen.add(key) !== undefined;
  }) : all;
  members.forEach((m, i) => {
    if (i > 0) w.write(sep);
    if (sep === ' & ' && m.kind === 'union') writeWrapped(w, m);
    else writeType(w, m);
  });
}

function writeTuple(w: CodeBlockWriter, items: IRType[], rest: IRType | undefined): void {
  w.write('[');
  items.forEach((item, i) => {
    if (i > 0) w.write(', ');
    writeType(w, item);
  });
  if (rest) {
    if (items.length > 0) w.write(', ');
    w.write('...');
    writeWrapped(w, rest);
    w.write('[]');
  }
  w.write(']');
}

function writeObject(w: CodeBlockWriter, properties: IRProperty[], additional: IRType | undefined): void {
  if (properties.length === 0) {
    w.write('Record<string, ');
    writeType(w, additional ?? { kind: 'primitive', name: 'unknown' });
    w.write('>');
    return;
  }
  w.write('{').newLine();
  w.indent(() => writeMembers(w, properties, additional));
  w.write('}');
}

/** The members of an interface body or an object type literal. */
export function writeMembers(w: CodeBlockWriter, properties: IRProperty[], additional: IRType | undefined): void {
  for (const p of properties) {
    writeDocs(w, p);
    w.write(`${p.readOnly ? 'readonly ' : ''}${propertyKey(p.name)}${p.required ? '' : '?'}: `);
    writeType(w, p.type);
    w.write(';').newLine();
  }
  if (additional && !(additional.kind === 'primitive' && additional.name === 'never')) {
    // Declared properties must fit the index signature, so it widens to include them.
    const members: IRType[] = [additional, ...properties.map((p) => p.type)];
    if (properties.some((p) => !p.required)) members.push({ kind: 'primitive', name: 'undefined' });
    w.write('[key: string]: ');
    if (members.some(isUnknown)) w.write('unknown');
    else writeJoined(w, dedupe(members), ' | ');
    w.write(';').newLine();
  }
}

/** Types that read the same in TypeScript: facts are not part of a type, and `integer` is `number`. */
function typeKey(t: IRType): string {
  return JSON.stringify(t, (key, value: unknown) => {
    if (key === 'facts') return undefined;
    return typeof value === 'object' && value !== null && (value as IRType).kind === 'primitive' && (value as { name: string }).name === 'integer' ? { kind: 'primitive', name: 'number' } : value;
  });
}

function dedupe(types: IRType[]): IRType[] {
  const seen = new Set<string>();
  return types.filter((t) => {
    const key = typeKey(t);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isUnknown(t: IRType): boolean {
  return t.kind === 'primitive' && t.name === 'unknown';
}

/** Whether a type names `Uploadable` in its text (not through a model reference). */
export function mentionsUpload(t: IRType): boolean {
  return t.kind === 'binary' ? !t.received : childTypes(t).some(mentionsUpload);
}
